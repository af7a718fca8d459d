"""The document templates: one entry per kind [spec §9].

Each entry names its .docx file in ``zhicheng_app/print_formats/``, its title
(an English source string; the zh title comes from translations/zh.csv), the
seed/spec reference, the context variables it needs, whether it carries a
barcode and a watermark, and a sample context used by tests and by template
validation. ``wording`` lists the fixed sentences that must appear verbatim in
every rendering (spec §9.12). ``from_seed`` is False where the seeds print no
content and the layout is the app's own (spec §9.11).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from zhicheng_app.i18n import _

from .batches import publicity_report_context, report_groups, route_label

PRINT_FORMATS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "print_formats")


@dataclass(frozen=True)
class TemplateSpec:
	kind: str
	title: str  # English source; zh via _()
	reference: str
	variables: tuple[str, ...]
	sample: Callable[[], dict]
	barcode: bool = False
	watermark: bool = False
	batch: bool = False
	from_seed: bool = True
	wording: tuple[str, ...] = ()
	notes: str = ""
	filename: str = field(default="")

	def __post_init__(self):
		if not self.filename:
			object.__setattr__(self, "filename", f"{self.kind}.docx")

	@property
	def path(self) -> str:
		return os.path.join(PRINT_FORMATS_DIR, self.filename)

	def display_title(self, lang: str | None = None) -> str:
		return _(self.title, lang)


# ------------------------------------------------------------------ samples

_APPLICANT = {
	"application_no": "ZC2024-AKS-000123",
	"applicant_name": "阿依古丽·买买提",
	"gender": "女",
	"ethnicity": "维吾尔族",
	"political_status": "中共党员",
	"id_number": "652901198805120028",
	"current_title": "工程师（中级）",
	"series": "工程",
	"profession": "公路",
	"level": "Deputy Senior",
	"political_conditions_text": "坚决拥护党的领导，政治立场坚定，遵纪守法，恪守职业道德，无违纪违规行为。",
	"achievements_5y_text": "近五年主持完成国道314线阿克苏段养护工程技术管理工作，负责质量控制与技术方案编制，"
	"获地区交通运输系统科技进步二等奖1项（排名第一）。",
	"publicity_start": _dt.date(2024, 8, 1),
	"publicity_end": _dt.date(2024, 8, 7),
	"complaint_office": "单位人事",
	"supervision_phone": "0997-2123456",
	"unit_name": "阿克苏地区公路管理局",
	"doc_date": _dt.date(2024, 8, 8),
}


def _person(**extra) -> Callable[[], dict]:
	def sample() -> dict:
		return {**_APPLICANT, **extra}

	return sample


_NOTICE_004 = {
	"notice_title": "关于开展阿克苏地区2024年上半年职称授予、初定、“访惠聚”三年高定工作的通知",
	"notice_doc_no": "阿地人社传〔2024〕6号",
	"unit_name": "阿克苏市第一中学",
	"publicity_start": _dt.date(2024, 4, 22),
	"publicity_end": _dt.date(2024, 4, 26),
	"complaint_office": "学校人事",
	"supervision_phone": "0997-2234567",
	"doc_date": _dt.date(2024, 4, 28),
}

_BATCH_PERSONS = [
	{
		"name": "李明",
		"gender": "男",
		"ethnicity": "汉族",
		"political_status": "共青团员",
		"id_number": "652901200001010011",
		"work_start_ym": "2022-07",
		"establishment_unit": "阿克苏市第一中学",
		"history": [],
		"current": {"from_ym": "2022-07", "unit": "阿克苏市第一中学"},
		"secondments": [],
		"political_performance_text": "良好",
		"main_field": "中学数学教学",
		"achievements_text": "所带班级数学成绩提升明显等",
		"profession": "中学数学",
		"level_label": "初",
	},
	{
		"name": "热娜古丽·艾买尔",
		"gender": "女",
		"ethnicity": "维吾尔族",
		"political_status": "中共党员",
		"id_number": "652901199903030026",
		"work_start_ym": "2021-08",
		"establishment_unit": "阿克苏市第一中学",
		"history": [{"from_ym": "2021-08", "to_ym": "2022-06", "unit": "阿克苏市第二中学"}],
		"current": {"from_ym": "2022-07", "unit": "阿克苏市第一中学"},
		"secondments": [{"from_ym": "2023-03", "to_ym": "2023-12", "unit": "阿克苏市教育局"}],
		"political_performance_text": "优秀",
		"main_field": "中学语文教学",
		"achievements_text": "获市级优质课一等奖",
		"profession": "中学语文",
		"level_label": "初",
	},
]


def _sample_publicity_batch() -> dict:
	return {
		**_NOTICE_004,
		"route_label": "初定",
		"level_label": "初",
		"persons": [dict(p) for p in _BATCH_PERSONS],
	}


def _sample_publicity_result_batch() -> dict:
	return {
		**_NOTICE_004,
		"first_applicant_name": "李明",
		"applicant_count": 2,
		"route_label": "初定",
		"level_label": "初",
		"objection_text": "未收到异议和举报",
	}


_REPORT_PERSONS = [
	{
		"name": "李明",
		"unit": "阿克苏市第一中学",
		"route": "Initial Junior",
		"level": "Assistant",
		"series": "中小学教师",
		"profession": "中学数学",
	},
	{
		"name": "王芳",
		"unit": "阿克苏市第一中学",
		"route": "Grant by Degree",
		"level": "Intermediate",
		"series": "中小学教师",
		"profession": "中学英语",
	},
	{
		"name": "张伟",
		"unit": "阿克苏市第一中学",
		"route": "Fanghuiju Three-Year Promotion",
		"level": "Deputy Senior",
		"series": "中小学教师",
		"profession": "中学物理",
	},
	{
		"name": "热娜古丽·艾买尔",
		"unit": "阿克苏市第一中学",
		"route": "Initial Junior",
		"level": "Assistant",
		"series": "中小学教师",
		"profession": "中学数学",
	},
]


def _sample_recommendation_report() -> dict:
	return {
		**_NOTICE_004,
		"first_applicant_name": _REPORT_PERSONS[0]["name"],
		"total_count": len(_REPORT_PERSONS),
		"groups": report_groups(_REPORT_PERSONS),
	}


_ROSTER_PERSONS = [
	{"name": "王芳", "unit": "阿克苏市第一中学", "route": "Grant by Degree", "level": "Intermediate"},
	{"name": "赵强", "unit": "阿克苏市人民医院", "route": "Grant by Degree", "level": "Deputy Senior"},
	{"name": "钱丽", "unit": "阿克苏市第二中学", "route": "Grant by Degree", "level": "Deputy Senior"},
	{"name": "孙杰", "unit": "阿克苏市第二中学", "route": "Grant by Degree", "level": "Deputy Senior"},
	{"name": "李明", "unit": "阿克苏市第一中学", "route": "Initial Junior", "level": "Assistant"},
	{
		"name": "周敏",
		"unit": "依干其乡卫生院",
		"route": "Township Initial Intermediate",
		"level": "Intermediate",
	},
	{
		"name": "张伟",
		"unit": "阿克苏市第一中学",
		"route": "Fanghuiju Three-Year Promotion",
		"level": "Deputy Senior",
	},
]


def _sample_publicity_report() -> dict:
	return {
		**_NOTICE_004,
		"reporter_name": "阿克苏市人力资源和社会保障局",
		"recommended_count": 8,
		"objection_text": "未收到异议和举报",
		**publicity_report_context(_ROSTER_PERSONS),
	}


def _sample_exemption() -> dict:
	return {
		"application_no": "ZC2024-AKS-000124",
		"name": "马建国",
		"gender": "男",
		"birth_ym": "1985-03",
		"id_number": "652901198503150019",
		"education": "大学本科",
		"degree": "工学学士",
		"graduation_text": "2008年7月毕业于新疆农业大学水利水电工程专业",
		"current_unit": "阿克苏地区水利局",
		"work_start": "2008-08",
		"current_title": "工程师",
		"target_title": "高级工程师",
		"exemption_reason": "2022.05—2024.05在**县**镇***村参加驻村",
		"approval_opinion": "",
	}


def _sample_appraisal() -> dict:
	return {
		"application_no": "ZC2024-AKS-000125",
		"name": "刘洋",
		"id_number": "652901199002020015",
		"unit_name": "阿克苏某建筑工程有限公司",
		"current_title": "助理工程师",
		"profession": "建筑施工",
		"years": [
			{"year": "2021年", "summary": "负责住宅项目施工技术管理", "result": "合格"},
			{"year": "2022年", "summary": "负责市政道路项目质量控制", "result": "优秀"},
			{"year": "2023年", "summary": "编制专项施工方案3项", "result": "合格"},
		],
		"unit_opinion": "该同志业务考核结果属实。",
		"doc_date": _dt.date(2024, 8, 20),
	}


_FORM_PERSON = {
	"application_no": "ZC2024-AKS-000126",
	"name": "阿不都热合曼·吐尔逊",
	"gender": "男",
	"birth_ym": "1987-06",
	"id_number": "652901198706200035",
	"ethnicity": "维吾尔族",
	"political_status": "中共党员",
	"unit_name": "阿克苏地区交通运输局",
	"education": "硕士研究生",
	"degree": "工学硕士",
	"graduation_text": "长安大学道路与铁道工程专业",
	"graduation_ym": "2012-06",
	"work_start": "2012-07",
	"current_title": "工程师",
	"current_title_ym": "2017-12",
	"series": "工程",
	"profession": "公路",
	"level": "Deputy Senior",
	"committee_name": "阿克苏地区工程系列公路专业中级职称评审委员会",
	"work_history_text": "2012.07—2016.12 阿克苏地区公路管理局技术员\n2017.01至今 阿克苏地区交通运输局工程师",
	"achievements_text": "主持完成农村公路提质改造项目技术管理3项。",
	"unit_opinion_hint": "本单位已对申报材料逐一审核，申报人所提供材料真实、完整、有效，同意推荐",
	"village_service_text": "2021.02—2024.01在**县**乡***村参加“访惠聚”驻村工作",
	"appraisal_text": "2021年优秀，2022年优秀，2023年优秀",
	"unit_opinion": "",
	"watermark_text": "新疆专业技术人员管理平台",
}


def _form(**extra) -> Callable[[], dict]:
	def sample() -> dict:
		return {**_FORM_PERSON, **extra}

	return sample


def _sample_qualification_document() -> dict:
	return {
		"issuer_name": "阿克苏地区人力资源和社会保障局",
		"doc_no": "阿地人社发〔2024〕18号",
		"qualification_summary": "工程系列建筑专业专业技术职务",
		"addressees": "各县（市）人力资源和社会保障局，地直各有关单位",
		"basis_text": "《阿克苏地区工程系列建筑专业职称评审条件（暂行）》（阿地人社发〔2023〕16号）",
		"committee_name": "阿克苏地区工程系列建筑专业职称评审委员会",
		"effective_date": _dt.date(2024, 10, 15),
		"doc_date": _dt.date(2024, 10, 20),
		"persons": [
			{
				"name": "刘洋",
				"unit": "阿克苏某建筑工程有限公司",
				"series": "工程",
				"profession": "建筑",
				"title_name": "工程师",
			},
			{
				"name": "陈静",
				"unit": "阿克苏地区住房和城乡建设局",
				"series": "工程",
				"profession": "建筑",
				"title_name": "高级工程师",
			},
		],
	}


# ------------------------------------------------------------------ registry

_PERSON_VARS = ("applicant_name", "series", "profession", "level", "doc_date")
_PUBLICITY_VARS = (
	*_PERSON_VARS,
	"gender",
	"ethnicity",
	"political_status",
	"id_number",
	"current_title",
	"political_conditions_text",
	"achievements_5y_text",
	"publicity_start",
	"publicity_end",
	"complaint_office",
	"supervision_phone",
)
_PUBLICITY_WORDING = (
	"（公示期不少于5个工作日）",
	"的相关信息有疑异，请电话或书面形式反映至",
	"签字：（单位负责人签字）",
)
_RESULT_WORDING = ("公示期间无投诉、举报，公示无异议，申报材料真实、完整、有效，同意推荐",)
_NOTICE_VARS_004 = ("notice_title", "notice_doc_no", "doc_date")
_FORM_VARS = (
	"name",
	"gender",
	"birth_ym",
	"id_number",
	"ethnicity",
	"political_status",
	"unit_name",
	"work_start",
	"work_history_text",
	"watermark_text",
)
_EXEMPTION_NOTES = (
	"1.仍在参加“访惠聚”驻村（含抽调到各级“访惠聚”办公室）工作的专业技术人员，由同级“访惠聚”办公室审核；",
	"3.各地各部门不得私自设置免除继续教育学习事项及申请表（审批表）。",
)

_SPECS = [
	TemplateSpec(
		"unit_publicity_001",
		"Recommending Unit Publicity Notice",
		"seeds/001 附件1, L109–127; spec §9.1",
		_PUBLICITY_VARS,
		_person(),
		wording=("根据自治区、地区职称评审工作要求", *_PUBLICITY_WORDING, "（推荐单位公章）"),
	),
	TemplateSpec(
		"publicity_002",
		"Publicity Notice (Autonomous Region Evaluation)",
		"seeds/002 附件1, L49–63; spec §9.2",
		(*_PUBLICITY_VARS, "unit_name"),
		_person(level="Full Senior", current_title="高级工程师"),
		wording=("根据自治区职称评审的工作要求", *_PUBLICITY_WORDING),
	),
	TemplateSpec(
		"publicity_003",
		"Publicity Notice (Private Enterprise Special Evaluation)",
		"seeds/003 附件2, L130–148; spec §9.2",
		(*_PUBLICITY_VARS, "unit_name"),
		_person(
			level="Intermediate", series="工程", profession="质量技术监督", unit_name="巴州某检测有限公司"
		),
		wording=("根据民营企业专项职称评审的工作要求", *_PUBLICITY_WORDING),
	),
	TemplateSpec(
		"publicity_result_002",
		"Publicity Result (Autonomous Region Evaluation)",
		"seeds/002 附件2, L65–73; spec §9.3",
		(*_PERSON_VARS, "publicity_days", "unit_name"),
		_person(level="Full Senior", publicity_days=7),
		barcode=True,
		wording=_RESULT_WORDING,
	),
	TemplateSpec(
		"publicity_result_003",
		"Publicity Result (Private Enterprise Special Evaluation)",
		"seeds/003 附件3, L150–158; spec §9.3",
		(*_PERSON_VARS, "publicity_days", "unit_name"),
		_person(level="Intermediate", publicity_days=5, unit_name="巴州某检测有限公司"),
		barcode=True,
		wording=_RESULT_WORDING,
	),
	TemplateSpec(
		"recommendation_competent_002",
		"Recommendation Opinion of the Competent Unit",
		"seeds/002 附件3, L75–83; spec §9.4, §9.12",
		(*_PERSON_VARS, "competent_unit_name"),
		_person(level="Full Senior", competent_unit_name="新疆维吾尔自治区交通运输厅"),
		barcode=True,
		wording=("经审核，同意推荐",),
	),
	TemplateSpec(
		"recommendation_unit_003",
		"Recommendation Opinion of the Unit",
		"seeds/003 附件4, L160–173; spec §9.4, §9.12",
		(*_PERSON_VARS, "unit_name", "unit_contact_person", "unit_contact_phone"),
		_person(
			level="Intermediate",
			unit_name="巴州某检测有限公司",
			unit_contact_person="王建",
			unit_contact_phone="0996-2012345",
		),
		barcode=True,
		wording=("经审核，同意推荐", "单位联系人：", "联系电话："),
	),
	TemplateSpec(
		"publicity_batch_004",
		"Publicity Notice (Batch)",
		"seeds/004 附件1, L118–132; spec §9.5",
		(
			*_NOTICE_VARS_004,
			"route_label",
			"level_label",
			"persons",
			"publicity_start",
			"publicity_end",
			"complaint_office",
			"supervision_phone",
		),
		_sample_publicity_batch,
		batch=True,
		wording=(
			"职称情况进行公示：",
			"（公示期不少于5个工作日）",
			"的相关信息有疑异",
			"签字：（单位负责人签字）",
		),
	),
	TemplateSpec(
		"publicity_result_batch_004",
		"Publicity Result (Batch)",
		"seeds/004 附件2, L134–142; spec §9.6",
		(
			*_NOTICE_VARS_004,
			"unit_name",
			"publicity_start",
			"publicity_end",
			"first_applicant_name",
			"applicant_count",
			"route_label",
			"level_label",
			"objection_text",
		),
		_sample_publicity_result_batch,
		batch=True,
		wording=("进行了为期5个工作日的公示，公示期间",),
	),
	TemplateSpec(
		"recommendation_report_004",
		"Recommendation Report (Batch)",
		"seeds/004 附件3, L144–156; spec §9.7, §9.12",
		(
			*_NOTICE_VARS_004,
			"unit_name",
			"first_applicant_name",
			"total_count",
			"publicity_start",
			"publicity_end",
			"groups",
		),
		_sample_recommendation_report,
		batch=True,
		wording=(
			"申报材料真实准确",
			"进行了为期5个工作日的公示，公示期间未收到举报信息及异议。",
			"综上，本单位同意推荐",
		),
		notes="Build groups with batches.report_groups(persons).",
	),
	TemplateSpec(
		"publicity_report_004",
		"Publicity Situation Report with Roster",
		"seeds/004 附件4, L158–208; spec §9.8",
		(
			*_NOTICE_VARS_004,
			"reporter_name",
			"recommended_count",
			"publicity_start",
			"publicity_end",
			"objection_text",
			"c",
			"roster",
		),
		_sample_publicity_report,
		batch=True,
		wording=(
			"严格履行职称授予、初定、“访惠聚”三年高定申报、审核、推荐各项工作职责",
			"具体通过审核人员名单附后。",
			"为期5个工作日",
			"职称授予、初定、“访惠聚”三年高定通过审核人员名单",
		),
		notes="Build c and roster with batches.publicity_report_context(persons).",
	),
	TemplateSpec(
		"commitment",
		"Personal Commitment Letter",
		"seeds/001 附件3, L129–137; spec §9.9, §7.11",
		("doc_date", "fingerprint"),
		lambda: {"application_no": "ZC2024-AKS-000123", "fingerprint": True, "doc_date": None},
		barcode=True,
		wording=(
			"本人承诺以上填报的内容和提交的材料完全真实有效，且网上填报与送审报表内容完全一致。",
			"并从申报年度下一年度起3年内，不得申报专业技术资格。",
			"承诺人：（手写签名）",
		),
		notes="fingerprint=True adds the 按手印 box required by 000 and 003.",
	),
	TemplateSpec(
		"exemption_form",
		"Continuing Education Exemption Request Form",
		"seeds/001 附件4, L139–155; seeds/002 附件4, L84–132; spec §9.10",
		(
			"name",
			"gender",
			"birth_ym",
			"id_number",
			"education",
			"degree",
			"graduation_text",
			"current_unit",
			"work_start",
			"current_title",
			"target_title",
			"exemption_reason",
			"approval_opinion",
		),
		_sample_exemption,
		barcode=True,
		wording=(
			"自治区“访惠聚”驻村等专业技术人员职称评审免除继续教育学习申请表",
			"何时何学校何专业毕业",
			*_EXEMPTION_NOTES,
		),
	),
	TemplateSpec(
		"appraisal_form",
		"Professional Staff Performance Appraisal Form",
		"seeds/000 附件5, L133 (content not in the seeds); spec §9.11",
		(
			"name",
			"id_number",
			"unit_name",
			"current_title",
			"profession",
			"years",
			"unit_opinion",
			"doc_date",
		),
		_sample_appraisal,
		barcode=True,
		from_seed=False,
		wording=("专业技术人员业务考核表",),
	),
	TemplateSpec(
		"qualification_review_form",
		"Professional Title Qualification Review Form",
		"seeds/000 L105, seeds/001 L69 (system form; layout not in the seeds); spec §9.11",
		(
			*_FORM_VARS,
			"education",
			"graduation_text",
			"current_title",
			"series",
			"profession",
			"level",
			"committee_name",
			"achievements_text",
			"unit_opinion_hint",
		),
		_form(),
		barcode=True,
		watermark=True,
		from_seed=False,
		wording=("专业技术职务任职资格评审表", "一式二份"),
		notes="Printed A4 double-sided, two copies; the unit head hand-writes the opinion.",
	),
	TemplateSpec(
		"grant_report_form",
		"Title Grant Submission Form",
		"seeds/004 §四 (system form; layout not in the seeds); spec §9.11",
		(
			*_FORM_VARS,
			"education",
			"degree",
			"graduation_text",
			"series",
			"profession",
			"level",
			"unit_opinion",
		),
		_form(level="Intermediate"),
		barcode=True,
		watermark=True,
		from_seed=False,
		wording=("授予专业技术职务呈报表", "一式二份"),
	),
	TemplateSpec(
		"initial_report_form",
		"Initial Title Determination Submission Form",
		"seeds/004 §四 (system form; layout not in the seeds); spec §9.11",
		(
			*_FORM_VARS,
			"education",
			"graduation_ym",
			"graduation_text",
			"series",
			"profession",
			"level",
			"unit_opinion",
		),
		_form(level="Assistant"),
		barcode=True,
		watermark=True,
		from_seed=False,
		wording=("初次确定专业技术职务呈报表", "一式二份"),
	),
	TemplateSpec(
		"fanghuiju_report_form",
		"Fanghuiju Three-Year Promotion Submission Form",
		"seeds/004 §四 (system form; layout not in the seeds); spec §9.11",
		(
			*_FORM_VARS,
			"current_title",
			"current_title_ym",
			"village_service_text",
			"appraisal_text",
			"series",
			"profession",
			"level",
			"unit_opinion",
		),
		_form(),
		barcode=True,
		watermark=True,
		from_seed=False,
		wording=("“访惠聚”三年优秀职称高定呈报表", "一式二份"),
	),
	TemplateSpec(
		"qualification_document",
		"Qualification Document",
		"seeds/000 (issued by the prefecture HR bureau; format not in the seeds); spec §9.11",
		(
			"issuer_name",
			"doc_no",
			"qualification_summary",
			"addressees",
			"basis_text",
			"committee_name",
			"effective_date",
			"doc_date",
			"persons",
		),
		_sample_qualification_document,
		batch=True,
		from_seed=False,
		wording=("任职资格名单",),
	),
]

REGISTRY: dict[str, TemplateSpec] = {spec.kind: spec for spec in _SPECS}


class UnknownKind(KeyError):
	pass


def get_spec(kind: str) -> TemplateSpec:
	try:
		return REGISTRY[kind]
	except KeyError:
		raise UnknownKind(_("Unknown document template: {0}").format(kind)) from None


def sample_context(kind: str) -> dict:
	return get_spec(kind).sample()


__all__ = [
	"PRINT_FORMATS_DIR",
	"REGISTRY",
	"TemplateSpec",
	"UnknownKind",
	"get_spec",
	"route_label",
	"sample_context",
]
