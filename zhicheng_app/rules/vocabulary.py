"""The shared vocabulary of the app: the stored values of every Select field that the
rules engine reasons about. DocType JSON options use exactly these strings; the zh
labels come from translations/zh.csv. References in brackets name a notice by its code and
the clause, e.g. (004 二、（一）).
"""

from enum import StrEnum


class Level(StrEnum):
	"""Title levels."""

	FULL_SENIOR = "Full Senior"  # 正高级
	DEPUTY_SENIOR = "Deputy Senior"  # 副高级 (the notices' "高级")
	INTERMEDIATE = "Intermediate"  # 中级
	ASSISTANT = "Assistant"  # 助理级 (初级)
	ENTRY = "Entry"  # 员级 (初级)


# Fee and template tier: 高 / 中 / 初
class LevelTier(StrEnum):
	SENIOR = "Senior"  # 高
	INTERMEDIATE = "Intermediate"  # 中
	JUNIOR = "Junior"  # 初


LEVEL_TIER: dict[str, LevelTier] = {
	Level.FULL_SENIOR: LevelTier.SENIOR,
	Level.DEPUTY_SENIOR: LevelTier.SENIOR,
	Level.INTERMEDIATE: LevelTier.INTERMEDIATE,
	Level.ASSISTANT: LevelTier.JUNIOR,
	Level.ENTRY: LevelTier.JUNIOR,
}

LEVEL_RANK: dict[str, int] = {
	Level.ENTRY: 1,
	Level.ASSISTANT: 2,
	Level.INTERMEDIATE: 3,
	Level.DEPUTY_SENIOR: 4,
	Level.FULL_SENIOR: 5,
}


class Route(StrEnum):
	"""Evaluation routes."""

	DIRECTED = "Directed Evaluation"  # 地区"定向评价"评审 (000, 001)
	PRIVATE = "Private Enterprise Special"  # 民营企业专项评审 (000, 001, 003)
	REGION = "Autonomous Region Evaluation"  # 自治区评审 (002)
	GRANT = "Grant by Degree"  # 授予 (004)
	INITIAL_JUNIOR = "Initial Junior"  # 初定初级 (004)
	TOWNSHIP_INTERMEDIATE = "Township Initial Intermediate"  # 乡（镇）初定中级 (004)
	FANGHUIJU = "Fanghuiju Three-Year Promotion"  # "访惠聚"三年高定 (004)


# Routes decided by an HR bureau without a committee (004 三、（二）)
CONFIRMATION_ROUTES = frozenset(
	{Route.GRANT, Route.INITIAL_JUNIOR, Route.TOWNSHIP_INTERMEDIATE, Route.FANGHUIJU}
)


class Ownership(StrEnum):
	"""Employer ownership."""

	AGENCY = "Government Agency"  # 机关
	PUBLIC_INSTITUTION = "Public Institution"  # 事业单位
	STATE_ENTERPRISE = "State-owned Enterprise"  # 国有企业
	PRIVATE_ENTERPRISE = "Private Enterprise"  # 民营企业
	OTHER = "Other"  # 其他


class UnitCategory(StrEnum):
	"""Special unit kinds that change eligibility (002 四、（五）; 001 二、（二）)."""

	ORDINARY = "Ordinary"  # 普通单位
	CENTRAL_IN_XINJIANG = "Central Unit in Xinjiang"  # 中央驻疆单位
	OUT_OF_PROVINCE_ENTERPRISE = "Out-of-Province Enterprise in Xinjiang"  # 外省驻疆企业
	MILITARY = "Military"  # 军队
	PERSONNEL_AGENCY = "Personnel Agency Freelancer"  # 人事代理的自由职业者


class Location(StrEnum):
	"""Where the unit sits; selects the 004 flow (004 三、（二）)."""

	PREFECTURE_DIRECT = "Prefecture-direct"  # 地直
	COUNTY = "County"  # 县（市）
	TOWNSHIP = "Township"  # 乡（镇）及以下


class TitleOrigin(StrEnum):
	"""Where the current title was obtained."""

	XINJIANG = "Xinjiang"  # 自治区内
	BINGTUAN = "Bingtuan"  # 兵团
	OTHER_REGION = "Other Region"  # 其他地区


class Severity(StrEnum):
	BLOCKING = "Blocking"  # 阻止提交
	WARNING = "Warning"  # 警告
	INFO = "Info"  # 提示


class TechSchoolClass(StrEnum):
	"""技工院校 classes and their education equivalence (000 四、（六）; 001 四、（七）; 003 四、（三）)."""

	INTERMEDIATE_WORKER = "Intermediate Worker Class"  # 中级工班 = 中专
	SENIOR_WORKER = "Senior Worker Class"  # 高级工班 = 大专
	TECHNICIAN = "Preparatory Technician Class"  # 预备技师（技师）班 = 本科


class Education(StrEnum):
	"""Highest education, ordered low to high."""

	SECONDARY = "Secondary Vocational"  # 中专/中技
	HIGH_SCHOOL = "High School"  # 高中
	JUNIOR_COLLEGE = "Junior College"  # 大专
	BACHELOR = "Bachelor"  # 本科
	MASTER = "Master"  # 硕士研究生
	DOCTOR = "Doctor"  # 博士研究生


EDUCATION_RANK: dict[str, int] = {
	Education.HIGH_SCHOOL: 1,
	Education.SECONDARY: 1,
	Education.JUNIOR_COLLEGE: 2,
	Education.BACHELOR: 3,
	Education.MASTER: 4,
	Education.DOCTOR: 5,
}


class SkillLevel(StrEnum):
	"""Vocational skill levels for 两类人才贯通 (000 四、（六）)."""

	SENIOR_WORKER = "Senior Worker"  # 高级工
	TECHNICIAN = "Technician"  # 技师
	SENIOR_TECHNICIAN = "Senior Technician"  # 高级技师


class Assessment(StrEnum):
	"""Annual appraisal results."""

	EXCELLENT = "Excellent"  # 优秀
	COMPETENT = "Competent"  # 合格（称职）
	BASIC = "Basically Competent"  # 基本合格
	INCOMPETENT = "Incompetent"  # 不合格
	NOT_ASSESSED = "Not Assessed"  # 未参加考核


class WindowKind(StrEnum):
	"""Kinds of dated windows on a notice."""

	APPLICATION = "Application"  # 申报（含第一次审核提交截止）
	REVIEW = "Review"  # 审核
	PAPER = "Paper Submission"  # 纸质材料报送
	FEE = "Fee Payment"  # 缴费
	COUNTY_PAPER = "County Paper Submission"  # 县（市）人社局材料报送 (004)
	EVALUATION = "Evaluation"  # 评审


class PaymentMethod(StrEnum):
	"""How a fee is paid at the committee's fee desk (001 一、（三）: 扫码 or 银行; 000: 财务室)."""

	QR = "QR Payment"  # 扫码缴费
	BANK = "Bank Transfer"  # 银行转账
	CASH = "Cash"  # 财务室现金


class PayerKind(StrEnum):
	"""Who paid a fee: the applicant, or the employer unit paying for its staff."""

	APPLICANT = "Applicant"  # 个人
	UNIT = "Employer Unit"  # 用人单位统一缴纳


class Degree(StrEnum):
	"""Academic degree or status used by 授予 (004 二、（二）)."""

	NONE = "None"  # 无学位
	BACHELOR = "Bachelor Degree"  # 学士学位
	MASTER = "Master Degree"  # 硕士学位
	DOCTOR = "Doctor Degree"  # 博士学位
	POSTDOC = "Postdoctoral"  # 博士后出站


class Occupation(StrEnum):
	"""Occupations with their own Putonghua threshold (004 四、（一）3)."""

	OTHER = "Other Occupation"  # 其他
	BROADCASTER = "Broadcaster or Host"  # 播音员、主持人
	CHINESE_BROADCASTER = "Chinese-language Broadcaster or Host"  # 汉语播音员、主持人
	TEACHER = "School Teacher"  # 中、高职院校、中小学及幼儿园教师
	CHINESE_TEACHER = "Chinese-language Teacher"  # 语文学科教师


class PutonghuaLevel(StrEnum):
	"""Putonghua proficiency levels."""

	NONE = "No Certificate"  # 无
	L3B = "Level 3 B"  # 三级乙等
	L3A = "Level 3 A"  # 三级甲等
	L2B = "Level 2 B"  # 二级乙等
	L2A = "Level 2 A"  # 二级甲等
	L1B = "Level 1 B"  # 一级乙等
	L1A = "Level 1 A"  # 一级甲等


PUTONGHUA_RANK: dict[str, int] = {
	PutonghuaLevel.NONE: 0,
	PutonghuaLevel.L3B: 1,
	PutonghuaLevel.L3A: 2,
	PutonghuaLevel.L2B: 3,
	PutonghuaLevel.L2A: 4,
	PutonghuaLevel.L1B: 5,
	PutonghuaLevel.L1A: 6,
}


class ServiceKind(StrEnum):
	"""Grass-roots service that counts for 高定 and CE exemption (004 二、（三）; 001 附件4)."""

	FANGHUIJU = "Fanghuiju Village Residency"  # “访惠聚”驻村
	VILLAGE_MOSQUE = "Village Mosque Management"  # 驻村管寺
	PRESCHOOL_TEACHING = "South Xinjiang Preschool Teaching"  # 南疆学前（双语）教育支教
	INLAND_SERVICE = "Inland Service Management"  # 内地服务管理工作


class EmploymentStatus(StrEnum):
	SERVING = "Serving"  # 在职
	RETIRED = "Retired"  # 已退休


class CeSource(StrEnum):
	"""Where a continuing-education certificate comes from (000 四、（一）10)."""

	SYSTEM = "System"  # 系统获取
	UPLOAD = "Upload"  # 手动上传


class ObjectionStage(StrEnum):
	"""Which publicity an objection was raised in (Publicity Objection)."""

	UNIT = "Unit Publicity"  # 单位公示 (before the unit recommends)
	RESULTS = "Results Publicity"  # 评审结果公示 (会议公示, after the meeting)


class WorkflowState(StrEnum):
	"""States of a Title Application: those of the shipped approval workflow
	(``workflows/title_application_approval.json``)."""

	DRAFT = "Draft"  # 填报中
	UNIT_REVIEW = "Unit Review"  # 用人单位审核公示
	SUPERVISING_REVIEW = "Supervising Review"  # 主管单位审核
	EMPLOYMENT_SERVICE_REVIEW = "Employment Service Review"  # 公共就业服务机构审核推荐
	COUNTY_REVIEW = "County Review"  # 县（市）人社局审核推荐
	COUNTY_CONFIRMATION = "County Confirmation"  # 县（市）人社局审核确认
	PREFECTURE_CONFIRMATION = "Prefecture Confirmation"  # 地区人社局审核确认
	UNIT_RESULTS_PUBLICITY = "Unit Results Publicity"  # 通过审核，用人单位再次公示 (004 四、（二）1)
	PAPER_SUBMITTED = "Paper Submitted"  # 公示情况报告、呈报表已报送本级人社部门 (004 四、（二）1)
	COUNTY_PAPER_SUBMITTED = "County Paper Submitted"  # 县（市）人社局已汇总报送地区人社局 (004 四、（二）2)
	COMMITTEE_REVIEW = "Committee Review"  # 评审委员会审核
	RETURNED = "Returned"  # 退回修改
	ACCEPTED = "Accepted"  # 已接收材料
	PAPER_RECEIVED = "Paper Received"  # 纸质材料已接收
	FEE_PAID = "Fee Paid"  # 已缴费
	DEFENSE = "Defense"  # 答辩
	UNDER_EVALUATION = "Under Evaluation"  # 评审中
	PASSED_PUBLICITY = "Passed Publicity"  # 通过评审公示
	CERTIFIED = "Certified"  # 任职资格文件已下发
	CONFIRMED = "Confirmed"  # 审核确认通过
	NOT_CONFIRMED = "Not Confirmed"  # 不予确认 (004 四、（二）: the bureau refuses the paper stage)
	FAILED = "Failed"  # 未通过
	ABANDONED = "Abandoned"  # 视为放弃
	NOT_ACCEPTED = "Not Accepted"  # 不予受理
	REVOKED = "Revoked"  # 取消资格


# The states in which the applicant edits and (re)submits the application
APPLICANT_STATES = (WorkflowState.DRAFT, WorkflowState.RETURNED)

# Accepted online by the committee (已接收材料), and still under way or certified
ACCEPTED_STATES = frozenset(
	{
		WorkflowState.ACCEPTED,
		WorkflowState.PAPER_RECEIVED,
		WorkflowState.FEE_PAID,
		WorkflowState.DEFENSE,
		WorkflowState.UNDER_EVALUATION,
		WorkflowState.PASSED_PUBLICITY,
		WorkflowState.CERTIFIED,
	}
)

# 阿地人社传〔2024〕6号 四、（二）: through the HR bureau's online review (通过审核), in the paper
# stage of the unit and the HR bureaus, or confirmed
PASSED_REVIEW_STATES = frozenset(
	{
		WorkflowState.UNIT_RESULTS_PUBLICITY,
		WorkflowState.PAPER_SUBMITTED,
		WorkflowState.COUNTY_PAPER_SUBMITTED,
		WorkflowState.CONFIRMED,
	}
)
