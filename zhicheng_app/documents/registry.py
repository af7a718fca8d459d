"""The document templates: one entry per kind.

Each entry names its .docx file in ``zhicheng_app/print_formats/``, its title (an English
source string; the zh title comes from translations/zh.csv), the notice and annex it
reproduces, the context variables it needs, whether it carries a barcode and a watermark, and
a sample context (from samples.json) used by tests and by template validation. ``wording``
lists the fixed sentences that must appear verbatim in every rendering.
``layout_from_notice`` is False where the notices print no content and the layout is the
app's own.
"""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from zhicheng_app.i18n import _
from zhicheng_app.rules.meeting import REGULATION

from .batches import publicity_report_context, report_groups, route_label

PRINT_FORMATS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "print_formats")

# The notices whose annexes and forms the templates reproduce, cited by title or document number.
NOTICE_000 = (
	"《关于开展2024年度阿克苏地区建筑与房地产经济专业、工程系列建筑专业职称评审及民营企业专项评审工作的通知》"
)
NOTICE_001 = "《关于开展阿克苏地区工程系列公路、运输等3个专业2024年度职称评审及民营企业专项评审工作的通知》"
NOTICE_002 = "《2024年度自治区正高级工程师、正高级经济师等5个系列（专业）职称评审工作申报注意事项》"
NOTICE_003 = "《关于开展2024年自治州工程系列质量技术监督专业民营企业专项职称评审工作的通知》"
NOTICE_004 = "阿地人社传〔2024〕6号"


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
	layout_from_notice: bool = True
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

SAMPLES_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples.json")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _with_dates(record: dict) -> dict:
	"""JSON object hook: ``YYYY-MM-DD`` strings are dates (``YYYY-MM`` ones stay text)."""
	return {
		key: _dt.date.fromisoformat(value) if isinstance(value, str) and _ISO_DATE.match(value) else value
		for key, value in record.items()
	}


@functools.cache
def _sample_data() -> dict:
	with open(SAMPLES_FILE, encoding="utf-8") as f:
		return json.load(f, object_hook=_with_dates)


def sample_data(name: str):
	"""A fresh copy of the sample record ``name`` of samples.json (callers may change it)."""
	return copy.deepcopy(_sample_data()[name])


def _applicant(**extra) -> Callable[[], dict]:
	"""A per-person notice of the sample applicant, with ``extra`` values."""
	return lambda: {**sample_data("applicant"), **extra}


def _form_person(**extra) -> Callable[[], dict]:
	"""A form of the sample applicant of the forms, with ``extra`` values."""
	return lambda: {**sample_data("form_person"), **extra}


def _sample_publicity_batch() -> dict:
	return {
		**sample_data("notice_004"),
		"route_label": "初定",
		"level_label": "初",
		"persons": sample_data("batch_persons"),
	}


def _sample_publicity_result_batch() -> dict:
	return {
		**sample_data("notice_004"),
		"first_applicant_name": "李明",
		"applicant_count": 2,
		"route_label": "初定",
		"level_label": "初",
		"objection_text": "未收到异议和举报",
	}


def _sample_recommendation_report() -> dict:
	persons = sample_data("report_persons")
	return {
		**sample_data("notice_004"),
		"first_applicant_name": persons[0]["name"],
		"total_count": len(persons),
		"groups": report_groups(persons),
	}


def _sample_publicity_report() -> dict:
	return {
		**sample_data("notice_004"),
		"reporter_name": "阿克苏市人力资源和社会保障局",
		"recommended_count": 8,
		"objection_text": "未收到异议和举报",
		**publicity_report_context(sample_data("roster_persons")),
	}


def _sample_commitment() -> dict:
	return {"application_no": "ZC2024-AKS-000123", "fingerprint": True, "doc_date": None}


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
# 000 四、（一）14 fixes the unit's recommendation opinion and forbids the applicant's and the
# unit's names in it; 001 reproduces no wording for its 附件2 and takes the same.
UNIT_RECOMMENDATION_000 = "本单位已对该同志提供的申报材料逐一审核，材料真实、完整、有效，同意推荐。"
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


def _report_form(
	kind: str, title: str, heading: str, route_variables: tuple[str, ...], sample: Callable[[], dict]
) -> TemplateSpec:
	"""A 呈报表 that the 004 notice asks for by name; its layout is the app's own."""
	return TemplateSpec(
		kind,
		title,
		f"{NOTICE_004}“四、材料报送”（表式由本系统设计）",
		(*_FORM_VARS, *route_variables, "series", "profession", "level", "unit_opinion"),
		sample,
		barcode=True,
		watermark=True,
		layout_from_notice=False,
		wording=(heading, "一式二份"),
	)


_SPECS = [
	TemplateSpec(
		"unit_publicity_001",
		"Recommending Unit Publicity Notice",
		f"{NOTICE_001}附件1",
		_PUBLICITY_VARS,
		_applicant(),
		wording=("根据自治区、地区职称评审工作要求", *_PUBLICITY_WORDING, "（推荐单位公章）"),
	),
	TemplateSpec(
		"publicity_002",
		"Publicity Notice (Autonomous Region Evaluation)",
		f"{NOTICE_002}附件1",
		(*_PUBLICITY_VARS, "unit_name"),
		_applicant(level="Full Senior", current_title="高级工程师"),
		wording=("根据自治区职称评审的工作要求", *_PUBLICITY_WORDING),
	),
	TemplateSpec(
		"publicity_003",
		"Publicity Notice (Private Enterprise Special Evaluation)",
		f"{NOTICE_003}附件2",
		(*_PUBLICITY_VARS, "unit_name"),
		_applicant(
			level="Intermediate", series="工程", profession="质量技术监督", unit_name="巴州某检测有限公司"
		),
		wording=("根据民营企业专项职称评审的工作要求", *_PUBLICITY_WORDING),
	),
	TemplateSpec(
		"publicity_result_002",
		"Publicity Result (Autonomous Region Evaluation)",
		f"{NOTICE_002}附件2",
		(*_PERSON_VARS, "publicity_days", "unit_name"),
		_applicant(level="Full Senior", publicity_days=7),
		barcode=True,
		wording=_RESULT_WORDING,
	),
	TemplateSpec(
		"publicity_result_003",
		"Publicity Result (Private Enterprise Special Evaluation)",
		f"{NOTICE_003}附件3",
		(*_PERSON_VARS, "publicity_days", "unit_name"),
		_applicant(level="Intermediate", publicity_days=5, unit_name="巴州某检测有限公司"),
		barcode=True,
		wording=_RESULT_WORDING,
	),
	TemplateSpec(
		"publicity_result_000",
		"Recommending Unit Publicity Result",
		f"{NOTICE_000}附件1（表述参照{NOTICE_002}附件2、{NOTICE_003}附件3）",
		(*_PERSON_VARS, "publicity_days", "unit_name"),
		_applicant(
			level="Intermediate",
			series="工程",
			profession="建筑",
			current_title="助理工程师",
			unit_name="阿克苏某建筑工程有限公司",
			publicity_days=5,
		),
		barcode=True,
		wording=(*_RESULT_WORDING, "个工作日", "专业技术任职资格"),
		notes=(
			"000 lists the template among its annexes (推荐单位公示及公示结果) without reproducing it; "
			"the originals go to the 地区住建局办公室 (四、（八）)."
		),
	),
	TemplateSpec(
		"recommendation_competent_002",
		"Recommendation Opinion of the Competent Unit",
		f"{NOTICE_002}附件3",
		(*_PERSON_VARS, "competent_unit_name"),
		_applicant(level="Full Senior", competent_unit_name="新疆维吾尔自治区交通运输厅"),
		barcode=True,
		wording=("经审核，同意推荐",),
	),
	TemplateSpec(
		"recommendation_unit_003",
		"Recommendation Opinion of the Unit",
		f"{NOTICE_003}附件4",
		(*_PERSON_VARS, "unit_name", "unit_contact_person", "unit_contact_phone"),
		_applicant(
			level="Intermediate",
			unit_name="巴州某检测有限公司",
			unit_contact_person="王建",
			unit_contact_phone="0996-2012345",
		),
		barcode=True,
		wording=("经审核，同意推荐", "单位联系人：", "联系电话："),
	),
	TemplateSpec(
		"recommendation_unit_000",
		"Unit Recommendation Opinion (No Name)",
		f"{NOTICE_000}附件2、{NOTICE_001}附件2（表述见{NOTICE_000}四、（一）14）",
		("doc_date",),
		_applicant(),
		barcode=True,
		layout_from_notice=False,
		wording=(UNIT_RECOMMENDATION_000, "（单位公章）"),
		notes="Neither the applicant's name nor the unit's name may appear (000 四、（一）14).",
	),
	TemplateSpec(
		"publicity_batch_004",
		"Publicity Notice (Batch)",
		f"{NOTICE_004}附件1",
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
		f"{NOTICE_004}附件2",
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
		f"{NOTICE_004}附件3",
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
		f"{NOTICE_004}附件4",
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
		f"{NOTICE_001}附件3",
		("doc_date", "fingerprint"),
		_sample_commitment,
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
		f"{NOTICE_001}附件4；{NOTICE_002}附件4",
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
		lambda: sample_data("exemption"),
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
		f"{NOTICE_000}附件5（表式由本系统设计）",
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
		lambda: sample_data("appraisal"),
		barcode=True,
		layout_from_notice=False,
		wording=("专业技术人员业务考核表",),
	),
	TemplateSpec(
		"qualification_review_form",
		"Professional Title Qualification Review Form",
		f"{NOTICE_000}“四、注意事项”（八）；{NOTICE_001}“四、注意事项”（四）（表式由本系统设计）",
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
		_form_person(),
		barcode=True,
		watermark=True,
		layout_from_notice=False,
		wording=("专业技术职务任职资格评审表", "一式二份"),
		notes="Printed A4 double-sided, two copies; the unit head hand-writes the opinion.",
	),
	_report_form(
		"grant_report_form",
		"Title Grant Submission Form",
		"授予专业技术职务呈报表",
		("education", "degree", "graduation_text"),
		_form_person(level="Intermediate"),
	),
	_report_form(
		"initial_report_form",
		"Initial Title Determination Submission Form",
		"初次确定专业技术职务呈报表",
		("education", "graduation_ym", "graduation_text"),
		_form_person(level="Assistant"),
	),
	_report_form(
		"fanghuiju_report_form",
		"Fanghuiju Three-Year Promotion Submission Form",
		"“访惠聚”三年优秀职称高定呈报表",
		("current_title", "current_title_ym", "village_service_text", "appraisal_text"),
		_form_person(),
	),
	TemplateSpec(
		"qualification_document",
		"Qualification Document",
		f"{NOTICE_000}“四、注意事项”（九）（格式由本系统设计）",
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
		lambda: sample_data("qualification_document"),
		batch=True,
		layout_from_notice=False,
		wording=("任职资格名单",),
	),
]

# 评审表决结果 of a committee meeting: counts per anonymous packet, never who voted how


def _sample_vote_result() -> dict:
	rows = [
		{"no": 1, "packet": "P-2024-7KQ2MX", "title": "工程系列-工程师", "level": "中级", "voters": 6,
		 "agree": 4, "disagree": 2, "abstain": 0, "recused": 0, "score": "", "result": "通过"},
		{"no": 2, "packet": "P-2024-H3ZP9D", "title": "工程系列-工程师", "level": "中级", "voters": 5,
		 "agree": 3, "disagree": 1, "abstain": 1, "recused": 1, "score": "", "result": "未通过"},
	]  # fmt: skip
	return {
		"committee_name": "阿克苏地区工程系列中级职称评审委员会",
		"issuer_name": "阿克苏地区工程系列中级职称评审委员会",
		"meeting_title": "2024年度工程系列中级职称评审会议",
		"notice_title": "关于开展2024年度职称评审工作的通知",
		"notice_doc_no": "",
		"meeting_date": _dt.datetime(2024, 9, 10, 9, 30),
		"venue": "阿克苏地区人力资源和社会保障局",
		"members": 9,
		"present": 6,
		"quorum_fraction": "2/3",
		"pass_fraction": "2/3",
		"record_scores": False,
		"rows": rows,
		"passed_count": 1,
		"doc_date": _dt.date(2024, 9, 10),
		"regulation": REGULATION,
	}


_SPECS.append(
	TemplateSpec(
		"review_vote_result",
		"Meeting Vote Result",
		f"{REGULATION}（表式由本系统设计）",
		(
			"committee_name",
			"meeting_title",
			"notice_title",
			"notice_doc_no",
			"meeting_date",
			"venue",
			"members",
			"present",
			"quorum_fraction",
			"pass_fraction",
			"rows",
			"passed_count",
			"doc_date",
			"regulation",
		),
		_sample_vote_result,
		layout_from_notice=False,
		wording=("评审表决结果", "无记名投票"),
		notes="Counts per anonymous packet; the individual votes stay in the meeting's audit.",
	)
)

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
