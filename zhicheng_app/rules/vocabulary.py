"""The shared vocabulary of the app: the stored values of every Select field that the
rules engine reasons about. DocType JSON options use exactly these strings; the zh
labels come from translations/zh.csv. Seed references are to shared/spec/domain.md.
"""

from enum import StrEnum


class Level(StrEnum):
	"""Title levels [spec §3.1]."""

	FULL_SENIOR = "Full Senior"  # 正高级
	DEPUTY_SENIOR = "Deputy Senior"  # 副高级 (the seeds' "高级")
	INTERMEDIATE = "Intermediate"  # 中级
	ASSISTANT = "Assistant"  # 助理级 (初级)
	ENTRY = "Entry"  # 员级 (初级)


# Fee and template tier: 高 / 中 / 初 [spec §3.1, §6]
class LevelTier(StrEnum):
	SENIOR = "Senior"  # 高
	INTERMEDIATE = "Intermediate"  # 中
	JUNIOR = "Junior"  # 初


LEVEL_TIER = {
	Level.FULL_SENIOR: LevelTier.SENIOR,
	Level.DEPUTY_SENIOR: LevelTier.SENIOR,
	Level.INTERMEDIATE: LevelTier.INTERMEDIATE,
	Level.ASSISTANT: LevelTier.JUNIOR,
	Level.ENTRY: LevelTier.JUNIOR,
}

LEVEL_RANK = {
	Level.ENTRY: 1,
	Level.ASSISTANT: 2,
	Level.INTERMEDIATE: 3,
	Level.DEPUTY_SENIOR: 4,
	Level.FULL_SENIOR: 5,
}


class Route(StrEnum):
	"""Evaluation routes [spec §2]."""

	DIRECTED = "Directed Evaluation"  # 地区"定向评价"评审 (000, 001)
	PRIVATE = "Private Enterprise Special"  # 民营企业专项评审 (000, 001, 003)
	REGION = "Autonomous Region Evaluation"  # 自治区评审 (002)
	GRANT = "Grant by Degree"  # 授予 (004)
	INITIAL_JUNIOR = "Initial Junior"  # 初定初级 (004)
	TOWNSHIP_INTERMEDIATE = "Township Initial Intermediate"  # 乡（镇）初定中级 (004)
	FANGHUIJU = "Fanghuiju Three-Year Promotion"  # "访惠聚"三年高定 (004)


# Routes decided by an HR bureau without a committee (004) [spec §4.6]
CONFIRMATION_ROUTES = frozenset(
	{Route.GRANT, Route.INITIAL_JUNIOR, Route.TOWNSHIP_INTERMEDIATE, Route.FANGHUIJU}
)


class Ownership(StrEnum):
	"""Employer ownership [spec App. C]."""

	AGENCY = "Government Agency"  # 机关
	PUBLIC_INSTITUTION = "Public Institution"  # 事业单位
	STATE_ENTERPRISE = "State-owned Enterprise"  # 国有企业
	PRIVATE_ENTERPRISE = "Private Enterprise"  # 民营企业
	OTHER = "Other"  # 其他


class UnitCategory(StrEnum):
	"""Special unit kinds that change eligibility [002 L38; 001 L25]."""

	ORDINARY = "Ordinary"  # 普通单位
	CENTRAL_IN_XINJIANG = "Central Unit in Xinjiang"  # 中央驻疆单位
	OUT_OF_PROVINCE_ENTERPRISE = "Out-of-Province Enterprise in Xinjiang"  # 外省驻疆企业
	MILITARY = "Military"  # 军队
	PERSONNEL_AGENCY = "Personnel Agency Freelancer"  # 人事代理的自由职业者


class Location(StrEnum):
	"""Where the unit sits; selects the 004 flow [004 L61–65]."""

	PREFECTURE_DIRECT = "Prefecture-direct"  # 地直
	COUNTY = "County"  # 县（市）
	TOWNSHIP = "Township"  # 乡（镇）及以下


COUNTY_OR_BELOW = frozenset({Location.COUNTY, Location.TOWNSHIP})


class TitleOrigin(StrEnum):
	"""Where the current title was obtained [spec §7.2]."""

	XINJIANG = "Xinjiang"  # 自治区内
	BINGTUAN = "Bingtuan"  # 兵团
	OTHER_REGION = "Other Region"  # 其他地区


class Severity(StrEnum):
	BLOCKING = "Blocking"  # 阻止提交
	WARNING = "Warning"  # 警告
	INFO = "Info"  # 提示


class TechSchoolClass(StrEnum):
	"""技工院校 classes and their education equivalence [000 L101; 001 L79; 003 L45]."""

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


EDUCATION_RANK = {
	Education.HIGH_SCHOOL: 1,
	Education.SECONDARY: 1,
	Education.JUNIOR_COLLEGE: 2,
	Education.BACHELOR: 3,
	Education.MASTER: 4,
	Education.DOCTOR: 5,
}


class SkillLevel(StrEnum):
	"""Vocational skill levels for 两类人才贯通 [000 L97–101]."""

	SENIOR_WORKER = "Senior Worker"  # 高级工
	TECHNICIAN = "Technician"  # 技师
	SENIOR_TECHNICIAN = "Senior Technician"  # 高级技师


class Assessment(StrEnum):
	"""Annual appraisal results [spec §7.4]."""

	EXCELLENT = "Excellent"  # 优秀
	COMPETENT = "Competent"  # 合格（称职）
	BASIC = "Basically Competent"  # 基本合格
	INCOMPETENT = "Incompetent"  # 不合格
	NOT_ASSESSED = "Not Assessed"  # 未参加考核
