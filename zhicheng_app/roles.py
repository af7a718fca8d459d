"""The app's roles. Role names are English; zh labels come from translations/zh.csv."""

TITLE_ADMINISTRATOR = "Title Administrator"  # 职称管理员
APPLICANT = "Title Applicant"  # 申报人
UNIT_HR = "Unit HR"  # 用人单位经办人
SUPERVISING_UNIT = "Supervising Unit Officer"  # 主管单位
COUNTY_HRSS = "County HRSS Officer"  # 县（市）人社局
PREFECTURE_HRSS = "Prefecture HRSS Officer"  # 地区人社局
EMPLOYMENT_SERVICE = "Employment Service Officer"  # 公共就业服务机构
COMMITTEE_OFFICE = "Committee Office"  # 评审委员会办公室
REVIEW_EXPERT = "Review Expert"  # 评审专家

# role -> desk access. Applicants and employers work in web forms and the portal.
ROLES = {
	TITLE_ADMINISTRATOR: 1,
	APPLICANT: 0,
	UNIT_HR: 0,
	SUPERVISING_UNIT: 1,
	COUNTY_HRSS: 1,
	PREFECTURE_HRSS: 1,
	EMPLOYMENT_SERVICE: 1,
	COMMITTEE_OFFICE: 1,
	REVIEW_EXPERT: 1,
}

# Roles that see every application (no unit or region scope)
UNSCOPED_ROLES = frozenset({"System Manager", TITLE_ADMINISTRATOR})
# Roles scoped by the Evaluation Committees in their User Permissions (the notices those committees
# evaluate); without any such permission, every notice (Frappe's User Permission semantics)
COMMITTEE_SCOPED_ROLES = frozenset({COMMITTEE_OFFICE})
# Roles scoped by the Employer Units in their User Permissions
UNIT_SCOPED_ROLES = frozenset({UNIT_HR, SUPERVISING_UNIT})
# Roles scoped by the Regions in their User Permissions (descendants included)
REGION_SCOPED_ROLES = frozenset({COUNTY_HRSS, PREFECTURE_HRSS, EMPLOYMENT_SERVICE})
