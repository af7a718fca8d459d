"""Demo data: the five seed notices, their committees, units across 地直 / 县 / 乡镇 / 民营,
one user per role (scoped by User Permissions) and one application per route: the 2024 history.
Then the current campaign (``demo_campaign``): the seed notices copied around today, with
applications in every state of every chain.

Run with ``bench --site SITE execute zhicheng_app.demo.load``. Idempotent: records that exist
are left as they are. Every demo user's password is ``DEMO_PASSWORD``.
"""

import frappe

from zhicheng_app import roles
from zhicheng_app.rules.model import load_seed_notice

DEMO_PASSWORD = "Zhicheng@2024"
SEED_NOTICES = ("000", "001", "002", "003", "004")

# Which optional reviewers each seed notice puts in the chain (Title Notice "Approval Chain"):
# 001 三、（二） and 四、（二）, 002 四、（三）, 003 二、
CHAIN_SETTINGS = {
	"001": {"chain_private_via_employment_service": 1, "chain_via_supervising_unit": 1},
	"002": {"chain_via_supervising_unit": 1},
	"003": {"chain_private_via_employment_service": 1},
}

PREFECTURE_HRSS_BUREAU = "阿克苏地区人力资源和社会保障局"
RESULTS_IN_SYSTEM_AND_UNITS = "新疆专业技术人员管理平台“会议公示”栏目，各用人单位同步在本单位公示"
# After the meeting: where the results are publicised and who certifies (the issuer of the
# 任职资格文件). Only 000 names the issuing body (四、（九）: the 地区人社局); the others are silent,
# so the title administrator certifies under the notice's issuer. No notice names the duration of
# the results publicity: the common 5 working days (the field's default).
CERTIFICATION_SETTINGS = {
	"000": {
		"results_publicity_place": RESULTS_IN_SYSTEM_AND_UNITS,
		"results_publicity_clause": "三、（四）",
		"certifying_role": "Prefecture HRSS Officer",
		"certifying_body": PREFECTURE_HRSS_BUREAU,
		"certifying_clause": "四、（九）",
	},
	"001": {
		"results_publicity_place": RESULTS_IN_SYSTEM_AND_UNITS,
		"results_publicity_clause": "一、（五）",
		"certifying_role": "Title Administrator",
	},
	"002": {"certifying_role": "Title Administrator"},
	"003": {"certifying_role": "Title Administrator"},
	# 三、（二）: the 地区人社局 confirms (the county bureau the initial junior titles of county units)
	"004": {
		"certifying_role": "Prefecture HRSS Officer",
		"certifying_body": PREFECTURE_HRSS_BUREAU,
		"certifying_clause": "三、（二）",
	},
}

# name, credit code, ownership, category, location, region, supervising unit
UNITS = [
	(
		"阿克苏地区住房和城乡建设局",
		"116529000102030401",
		"Government Agency",
		"Ordinary",
		"Prefecture-direct",
		"阿克苏地区",
		None,
	),
	(
		"阿克苏地区建筑勘察设计院",
		"12652900MB1A2B3C4T",
		"Public Institution",
		"Ordinary",
		"Prefecture-direct",
		"阿克苏地区",
		"阿克苏地区住房和城乡建设局",
	),
	(
		"阿克苏地区交通运输局",
		"11652900MB01050602",
		"Government Agency",
		"Ordinary",
		"Prefecture-direct",
		"阿克苏地区",
		None,
	),
	(
		"阿克苏地区公路管理局",
		"126500004580012341",
		"Public Institution",
		"Ordinary",
		"Prefecture-direct",
		"阿克苏地区",
		"阿克苏地区交通运输局",
	),
	(
		"新疆天山恒基建设工程有限公司",
		"91652900MA7XY312Q1",
		"Private Enterprise",
		"Ordinary",
		"County",
		"阿克苏市",
		None,
	),
	(
		"库车市通达运输有限公司",
		"91652923MAC1DE4F8T",
		"Private Enterprise",
		"Ordinary",
		"County",
		"库车市",
		None,
	),
	(
		"温宿县住房和城乡建设局",
		"11652922MB0304050T",
		"Government Agency",
		"Ordinary",
		"County",
		"温宿县",
		None,
	),
	(
		"温宿县佳木镇农业发展服务中心",
		"12652922MB1234567M",
		"Public Institution",
		"Ordinary",
		"Township",
		"佳木镇",
		None,
	),
	(
		"若羌县昆仑质量检测有限公司",
		"91652824MA79PQ3R1E",
		"Private Enterprise",
		"Ordinary",
		"County",
		"若羌县",
		None,
	),
	(
		"库尔勒市华信计量检测有限公司",
		"91652801MA7BCD5E64",
		"Private Enterprise",
		"Ordinary",
		"County",
		"库尔勒市",
		None,
	),
	(
		"新疆维吾尔自治区交通运输厅",
		"11650000MB0001002B",
		"Government Agency",
		"Ordinary",
		"Prefecture-direct",
		"新疆维吾尔自治区",
		None,
	),
	(
		"新疆交通职业技术学院",
		"12650100MB1C2D3E4E",
		"Public Institution",
		"Ordinary",
		"Prefecture-direct",
		"乌鲁木齐市",
		"新疆维吾尔自治区交通运输厅",
	),
]

# where the private enterprises' business licences are registered (the private special
# evaluations admit only their own region's enterprises: 000 一、, 001 一、, 003 一、)
LICENCE_PLACE = {
	"新疆天山恒基建设工程有限公司": "阿克苏地区",
	"库车市通达运输有限公司": "阿克苏地区",
	"若羌县昆仑质量检测有限公司": "巴音郭楞蒙古自治州",
	"库尔勒市华信计量检测有限公司": "巴音郭楞蒙古自治州",
}

# email, full name, role, (User Permission doctype, value) or None
USERS = [
	("zc.admin@example.com", "职称管理员", roles.TITLE_ADMINISTRATOR, None),
	("zc.applicant@example.com", "张伟", roles.APPLICANT, None),
	(
		"zc.unit.hr@example.com",
		"李娜（勘察设计院人事）",
		roles.UNIT_HR,
		("Employer Unit", "阿克苏地区建筑勘察设计院"),
	),
	(
		"zc.private.hr@example.com",
		"王强（天山恒基人事）",
		roles.UNIT_HR,
		("Employer Unit", "新疆天山恒基建设工程有限公司"),
	),
	(
		"zc.supervisor@example.com",
		"赵敏（地区住建局人事科）",
		roles.SUPERVISING_UNIT,
		("Employer Unit", "阿克苏地区住房和城乡建设局"),
	),
	("zc.county.hrss@example.com", "刘洋（温宿县人社局）", roles.COUNTY_HRSS, ("Region", "温宿县")),
	("zc.prefecture.hrss@example.com", "陈静（地区人社局）", roles.PREFECTURE_HRSS, ("Region", "阿克苏地区")),
	(
		"zc.pes@example.com",
		"杨帆（阿克苏市公共就业服务中心）",
		roles.EMPLOYMENT_SERVICE,
		("Region", "阿克苏市"),
	),
	("zc.committee@example.com", "周倩（评审委员会办公室）", roles.COMMITTEE_OFFICE, None),
	("zc.expert@example.com", "吴刚（评审专家）", roles.REVIEW_EXPERT, None),
]

# Demo applications: one per route. ID numbers carry valid GB 11643 check digits.
APPLICATIONS = [
	{
		"notice": "000",
		"route": "Directed Evaluation",
		"series": "工程系列",
		"profession": "建筑",
		"target_level": "Deputy Senior",
		"applicant_name": "张伟",
		"id_number": "652901198503121010",
		"employer_unit": "阿克苏地区建筑勘察设计院",
		"applicant_user": "zc.applicant@example.com",
		"current_level": "Intermediate",
		"current_title_date": "2018-12-20",
		"current_title_origin": "Xinjiang",
		"first_work_date": "2008-07-01",
		"ethnicity": "汉族",
	},
	{
		"notice": "000",
		"route": "Private Enterprise Special",
		"series": "工程系列",
		"profession": "建筑",
		"target_level": "Intermediate",
		"applicant_name": "艾尔肯·买买提",
		"id_number": "652901199007151012",
		"employer_unit": "新疆天山恒基建设工程有限公司",
		"current_level": "Assistant",
		"current_title_date": "2019-11-30",
		"current_title_origin": "Xinjiang",
		"first_work_date": "2013-07-01",
		"ethnicity": "维吾尔族",
	},
	{
		"notice": "001",
		"route": "Directed Evaluation",
		"series": "工程系列",
		"profession": "公路",
		"target_level": "Intermediate",
		"applicant_name": "马建国",
		"id_number": "652901198306061012",
		"employer_unit": "阿克苏地区公路管理局",
		"current_level": "Assistant",
		"current_title_date": "2017-10-10",
		"current_title_origin": "Xinjiang",
		"first_work_date": "2006-08-01",
		"ethnicity": "回族",
	},
	{
		"notice": "003",
		"route": "Private Enterprise Special",
		"series": "工程系列",
		"profession": "质量技术监督",
		"target_level": "Intermediate",
		"applicant_name": "古丽娜尔",
		"id_number": "652824198709091020",
		"employer_unit": "若羌县昆仑质量检测有限公司",
		"current_level": "Assistant",
		"current_title_date": "2016-09-01",
		"current_title_origin": "Xinjiang",
		"first_work_date": "2010-07-01",
		"ethnicity": "维吾尔族",
	},
	{
		"notice": "002",
		"route": "Autonomous Region Evaluation",
		"series": "干部院校教师系列",
		"target_level": "Full Senior",
		"applicant_name": "孙海燕",
		"id_number": "652922197501011026",
		"employer_unit": "新疆交通职业技术学院",
		"current_level": "Deputy Senior",
		"current_title_date": "2015-12-01",
		"current_title_origin": "Xinjiang",
		"first_work_date": "1997-07-01",
		"ethnicity": "汉族",
	},
	{
		"notice": "004",
		"route": "Initial Junior",
		"series": "工程系列",
		"target_level": "Assistant",
		"applicant_name": "帕提古丽·吐尔逊",
		"id_number": "652922199505051024",
		"employer_unit": "温宿县佳木镇农业发展服务中心",
		"first_work_date": "2018-08-01",
		"ethnicity": "维吾尔族",
	},
	{
		"notice": "004",
		"route": "Grant by Degree",
		"series": "工程系列",
		"target_level": "Intermediate",
		"applicant_name": "李明",
		"id_number": "652922198811201014",
		"employer_unit": "温宿县住房和城乡建设局",
		"first_work_date": "2016-07-01",
		"ethnicity": "汉族",
	},
]


def load():
	"""Create the demo records that are missing."""
	frappe.flags.in_demo = True
	for code in SEED_NOTICES:
		create_notice(code)
	create_units()
	create_users()
	create_applications()
	frappe.db.commit()
	from zhicheng_app.demo_campaign import load_current_campaign

	load_current_campaign()


def notice_name(code: str) -> str:
	return frappe.db.get_value("Title Notice", {"code": code}) or code


def create_notice(code: str):
	config = load_seed_notice(code)
	for row in config.committees:
		if row.committee and not frappe.db.exists("Evaluation Committee", row.committee):
			frappe.get_doc(
				{
					"doctype": "Evaluation Committee",
					"committee_name": row.committee,
					"host_body": row.host,
					"region": config.region if frappe.db.exists("Region", config.region) else None,
					"committee_kind": "HR Bureau Confirmation"
					if config.kind == "Confirmation"
					else "Evaluation Committee",
					"paper_office": row.paper_office,
					"fee_office": row.fee_office,
				}
			).insert(ignore_permissions=True)
	if frappe.db.exists("Title Notice", {"code": code}):
		return
	frappe.get_doc(
		{
			"doctype": "Title Notice",
			**config.to_dict(),
			**CHAIN_SETTINGS.get(code, {}),
			**CERTIFICATION_SETTINGS.get(code, {}),
		}
	).insert(ignore_permissions=True)


def create_units():
	for name, code, ownership, category, location, region, parent in UNITS:
		if frappe.db.exists("Employer Unit", name):
			if name in LICENCE_PLACE and not frappe.db.get_value(
				"Employer Unit", name, "licence_registration_place"
			):
				frappe.db.set_value("Employer Unit", name, "licence_registration_place", LICENCE_PLACE[name])
			continue
		frappe.get_doc(
			{
				"doctype": "Employer Unit",
				"unit_name": name,
				"credit_code": code,
				"ownership": ownership,
				"unit_category": category,
				"location": location,
				"region": region,
				"supervising_unit": parent,
				"licence_registration_place": LICENCE_PLACE.get(name),
			}
		).insert(ignore_permissions=True)


def create_user(email: str, full_name: str, role: str):
	"""A demo user of ``role`` (zh, the demo password, no welcome mail) unless it exists."""
	if frappe.db.exists("User", email):
		return
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": full_name,
			"language": "zh",
			"send_welcome_email": 0,
			"new_password": DEMO_PASSWORD,
			"roles": [{"role": role}],
		}
	)
	user.flags.no_welcome_mail = True
	user.insert(ignore_permissions=True)


def create_users():
	for email, full_name, role, permission in USERS:
		create_user(email, full_name, role)
		if permission and not frappe.db.exists(
			"User Permission", {"user": email, "allow": permission[0], "for_value": permission[1]}
		):
			frappe.get_doc(
				{
					"doctype": "User Permission",
					"user": email,
					"allow": permission[0],
					"for_value": permission[1],
					"apply_to_all_doctypes": 1,
				}
			).insert(ignore_permissions=True)


def create_applications():
	for row in APPLICATIONS:
		if frappe.db.exists("Title Application", {"id_number": row["id_number"], "route": row["route"]}):
			continue
		frappe.get_doc({"doctype": "Title Application", **row, "notice": notice_name(row["notice"])}).insert(
			ignore_permissions=True
		)
