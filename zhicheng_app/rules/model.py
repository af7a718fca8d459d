"""Input data model of the rules engine: a notice's configuration and an application profile.

Both are plain dataclasses. ``from_dict`` is tolerant: unknown keys are ignored, missing keys
take the defaults, and values that cannot be read (a date such as ``2024-02-30``, text in a
number field) become ``None``/the default while a zh error is collected in ``parse_errors``;
it never raises. ``to_dict`` gives a JSON-serialisable dict (ISO dates and datetimes).

``NoticeConfig`` field names are the fieldnames of the Title Notice DocType: scalar fields
become fields, ``list[Row]`` fields become child tables whose rows are the flat ``*Row``
dataclasses below. Datetimes without a timezone are Asia/Shanghai wall time.

Stored values of Select-like fields are the strings of ``vocabulary`` enums.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import os
import typing
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from zhicheng_app.i18n import _

NOTICES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "notices")


@dataclass(slots=True)
class InputError:
	"""A value that could not be read; ``field`` is a dotted path such as ``education[0].graduation_date``."""

	field: str
	message: str

	def to_dict(self) -> dict:
		return {"field": self.field, "message": self.message}


# --------------------------------------------------------------------------- conversion


_FALSE_STRINGS = frozenset({"", "0", "false", "no", "n", "off", "none", "null", "否"})


def _to_str(v):
	if v is None:
		return ""
	return v if isinstance(v, str) else str(v)


def _to_int(v):
	if v is None or v == "":
		return None
	if isinstance(v, bool):
		return int(v)
	if isinstance(v, int):
		return v
	if isinstance(v, float) and v.is_integer():
		return int(v)
	return int(str(v).strip())


def _to_float(v):
	if v is None or v == "":
		return None
	if isinstance(v, bool):
		return float(v)
	return float(v)


def _to_bool(v):
	if isinstance(v, bool):
		return v
	if v is None:
		return None
	if isinstance(v, int | float):
		return v != 0
	return str(v).strip().lower() not in _FALSE_STRINGS


def _to_date(v):
	if v is None or v == "":
		return None
	if isinstance(v, datetime.datetime):
		return v.date()
	if isinstance(v, datetime.date):
		return v
	s = str(v).strip()
	return datetime.date.fromisoformat(s[:10])


def _to_datetime(v):
	if v is None or v == "":
		return None
	if isinstance(v, datetime.datetime):
		return v
	if isinstance(v, datetime.date):
		return datetime.datetime(v.year, v.month, v.day)
	s = str(v).strip().replace("Z", "+00:00")
	return datetime.datetime.fromisoformat(s)


def _to_optional_bool(v):
	if v is None or v == "":
		return None
	return _to_bool(v)


class Scalar(NamedTuple):
	convert: Any  # raw value -> the field's type; raises ValueError/TypeError when unreadable
	label: str  # what kind of value it is, for the error message


_SCALARS = {
	str: Scalar(_to_str, "text"),
	int: Scalar(_to_int, "number"),
	float: Scalar(_to_float, "number"),
	bool: Scalar(_to_bool, "yes/no"),
	datetime.date: Scalar(_to_date, "date"),
	datetime.datetime: Scalar(_to_datetime, "date and time"),
}


def _bad_value_message(kind: str) -> str:
	if kind == "date":
		return _("Not a valid date (expected YYYY-MM-DD)")
	if kind == "date and time":
		return _("Not a valid date and time (expected YYYY-MM-DD HH:MM)")
	if kind == "number":
		return _("Not a valid number")
	if kind == "list":
		return _("Expected a list")
	return _("Value could not be read")


class Record:
	"""Mixin giving dataclasses tolerant ``from_dict`` and ``to_dict``."""

	__slots__ = ()

	@classmethod
	def from_dict(cls, d, _path: str = "", _errors: list | None = None):
		if isinstance(d, cls):
			return d
		errors = [] if _errors is None else _errors
		kwargs = {}
		if not isinstance(d, dict):
			if d is not None:
				errors.append(InputError(_path or cls.__name__, _("Expected a record")))
			d = {}
		for name, kind, conv, sub, label in _plan(cls):
			if name not in d:
				continue
			raw = d[name]
			path = f"{_path}.{name}" if _path else name
			if kind == "scalar":
				try:
					val = conv(raw)
				except (ValueError, TypeError, OverflowError):
					errors.append(InputError(path, _bad_value_message(label)))
					continue
				if val is None:
					continue  # keep the default
				kwargs[name] = val
			elif kind == "optional":
				try:
					kwargs[name] = conv(raw)
				except (ValueError, TypeError, OverflowError):
					errors.append(InputError(path, _bad_value_message(label)))
			elif kind == "record":
				kwargs[name] = sub.from_dict(raw, path, errors)
			elif kind == "list_record":
				if raw is None:
					continue
				if not isinstance(raw, list | tuple):
					errors.append(InputError(path, _bad_value_message("list")))
					continue
				kwargs[name] = [sub.from_dict(r, f"{path}[{i}]", errors) for i, r in enumerate(raw)]
			elif kind == "list_scalar":
				if raw is None:
					continue
				if isinstance(raw, str):
					raw = [s for s in (p.strip() for p in raw.replace("，", ",").split(",")) if s]
				if not isinstance(raw, list | tuple):
					errors.append(InputError(path, _bad_value_message("list")))
					continue
				kwargs[name] = [conv(x) for x in raw if x is not None]
		obj = cls(**kwargs)
		if _errors is None and hasattr(obj, "parse_errors"):
			obj.parse_errors = errors
		return obj

	def to_dict(self) -> dict:
		out = {}
		for name, kind, *_rest in _plan(type(self)):
			v = getattr(self, name)
			if kind == "record":
				out[name] = v.to_dict()
			elif kind == "list_record":
				out[name] = [r.to_dict() for r in v]
			elif kind == "list_scalar":
				out[name] = list(v)
			else:
				out[name] = _json_value(v)
		return out


def _json_value(v):
	if isinstance(v, datetime.datetime):
		return v.isoformat(sep=" ")
	if isinstance(v, datetime.date):
		return v.isoformat()
	return v


class FieldPlan(NamedTuple):
	"""How ``from_dict`` reads a field and ``to_dict`` writes it."""

	name: str
	kind: str  # "scalar", "optional" (X | None), "record", "list_record" or "list_scalar"
	convert: Any  # the scalar converter, None for records
	record_class: Any  # the row class of "record" and "list_record", else None
	value_label: str  # what kind of value it is, for the error message


@functools.cache
def _plan(cls: type) -> tuple[FieldPlan, ...]:
	"""The FieldPlan of each public field of a Record dataclass, from its type annotations."""
	hints = typing.get_type_hints(cls)
	plan = []
	for f in dataclasses.fields(cls):
		if f.name == "parse_errors":
			continue
		tp = hints[f.name]
		args = typing.get_args(tp)
		if typing.get_origin(tp) is list:
			(item,) = args
			if isinstance(item, type) and issubclass(item, Record):
				plan.append(FieldPlan(f.name, "list_record", None, item, "list"))
			else:
				plan.append(
					FieldPlan(f.name, "list_scalar", _SCALARS[item].convert, None, _SCALARS[item].label)
				)
		elif isinstance(tp, type) and issubclass(tp, Record):
			plan.append(FieldPlan(f.name, "record", None, tp, "record"))
		elif args and type(None) in args:  # X | None
			(inner,) = [a for a in args if a is not type(None)]
			convert = _to_optional_bool if inner is bool else _SCALARS[inner].convert
			plan.append(FieldPlan(f.name, "optional", convert, None, _SCALARS[inner].label))
		else:
			plan.append(FieldPlan(f.name, "scalar", _SCALARS[tp].convert, None, _SCALARS[tp].label))
	return tuple(plan)


# --------------------------------------------------------------------------- notice rows


@dataclass(slots=True)
class NoticeRoute(Record):
	"""A route offered at one level. ``route``: vocabulary.Route; ``level``: vocabulary.Level."""

	route: str = ""
	level: str = ""
	committee: str = ""  # evaluating committee or confirming bureau
	module: str = ""  # platform module, e.g. 双定向（南疆地区）
	excludes_exam_replaced: bool = False  # 国家以考代评的专业除外 [R-X4]


@dataclass(slots=True)
class ScopeRow(Record):
	"""Series/profession whitelist (``excluded`` = 0) or blacklist (``excluded`` = 1) (002 二、; 003 一、).
	An empty ``profession`` means every profession of the series; an empty ``level`` means every level."""

	series: str = ""
	profession: str = ""
	level: str = ""
	excluded: bool = False


@dataclass(slots=True)
class ProfessionRow(Record):
	"""A profession (and level; empty = all levels) where the national exam replaces evaluation
	(国家以考代评) [R-X4]."""

	series: str = ""
	profession: str = ""
	level: str = ""


@dataclass(slots=True)
class CommitteeRow(Record):
	committee: str = ""
	host: str = ""
	paper_office: str = ""
	fee_office: str = ""


@dataclass(slots=True)
class NoticeWindow(Record):
	"""A dated window. ``kind``: vocabulary.WindowKind. Naive datetimes are Asia/Shanghai."""

	kind: str = ""
	start: datetime.datetime | None = None
	end: datetime.datetime | None = None
	consequence: str = ""  # zh wording printed by the notice, e.g. 视为放弃本次申报资格
	# The workflow states (vocabulary.WorkflowState, one per line) in which an application is
	# closed once ``end`` has passed; empty = the window closes nothing (see rules.deadlines)
	closes_states: str = ""
	closes_as: str = ""  # vocabulary.WorkflowState ABANDONED | NOT_ACCEPTED; empty = from the wording
	clause: str = ""  # the notice's clause that states the deadline and its consequence, e.g. 一、


@dataclass(slots=True)
class FeeRow(Record):
	"""Evaluation fee per committee and tier; ``amount`` None = not stated."""

	committee: str = ""
	level_tier: str = ""  # vocabulary.LevelTier
	amount: float | None = None


@dataclass(slots=True)
class ResubmissionRow(Record):
	"""Hours allowed to resubmit after the n-th return."""

	return_no: int = 1
	hours: int = 48


@dataclass(slots=True)
class DefenseRow(Record):
	"""Levels that must take the defense."""

	level: str = ""
	mode: str = "On-site"  # "On-site" | "Online Video"
	failing_fails_evaluation: bool = False
	pass_mark: float = 0  # 0 = the notice gives none: the panel decides pass or fail


@dataclass(slots=True)
class CountyRow(Record):
	county: str = ""


@dataclass(slots=True)
class KeywordRow(Record):
	keyword: str = ""


@dataclass(slots=True)
class CePolicyRow(Record):
	"""Continuing-education policy for one level.

	``mode``: "Years" (certificates for every year of the spans), "By Education" (004: years
	matching the education-based time requirement, checked by the reviewer), "Not Required",
	"Not In Seeds" (the notice defers to a document it does not include)."""

	level: str = ""
	mode: str = "Years"
	professional_from_year: int = 0
	professional_to_year: int = 0
	general_from_year: int = 0
	general_to_year: int = 0
	min_total_hours: int = 0  # per year; 0 = not stated
	min_professional_hours: int = 0  # per year; 0 = not stated


@dataclass(slots=True)
class HolidayRow(Record):
	holiday_date: datetime.date | None = None
	description: str = ""


@dataclass(slots=True)
class SkillIntegrationRow(Record):
	"""两类人才贯通: a skill level held ``min_years`` allows ``target_level`` or lower."""

	skill_level: str = ""
	min_years: int = 0
	target_level: str = ""


@dataclass(slots=True)
class ExamRequirementRow(Record):
	"""An exam score required for a series/profession/level (002 四、（一）3).
	``pass_valid_years`` 0 = validity not stated; ``fail_valid_years`` 0 = failing scores never count."""

	series: str = ""
	profession: str = ""
	level: str = ""
	exam: str = ""
	pass_valid_years: int = 0
	fail_valid_years: int = 0
	any_score_counts: bool = False  # the notice only asks for the score (002)


@dataclass(slots=True)
class DegreeGrantRow(Record):
	"""授予: degree → level."""

	degree: str = ""
	level: str = ""


@dataclass(slots=True)
class InitialJuniorRow(Record):
	"""初定初级: education → minimum whole years of professional work and level granted."""

	education: str = ""
	min_years: int = 0
	level: str = ""


@dataclass(slots=True)
class MaterialRow(Record):
	"""A material the notice asks for; ``condition`` is a code understood by rules.materials."""

	code: str = ""
	label: str = ""  # zh label printed on the checklist
	condition: str = "all"
	seed_ref: str = ""  # the notice's clause that asks for it, e.g. 四、（一）1
	# made by the unit or its supervising unit once the applicant has submitted (公示, 公示结果,
	# 推荐报告, 推荐意见): listed for the reviewers, never asked of the applicant
	provided_by_unit: bool = False
	# the annex of the notice that gives the unit's template for it (附件1), empty when it gives none:
	# 000 prints its 公示结果 template with the 公示 (附件1), 001 only the 公示
	template_annex: str = ""


@dataclass(slots=True)
class ContactRow(Record):
	contact_name: str = ""
	phone: str = ""
	role: str = ""


@dataclass(slots=True)
class RemarkRow(Record):
	"""A typo or ambiguity of the notice and the value chosen."""

	seed_ref: str = ""  # the notice's clause it concerns, e.g. 三、（一）
	issue: str = ""
	resolution: str = ""


@dataclass(slots=True)
class RuleClauseRow(Record):
	"""The clause of the notice a rule comes from, e.g. PUB-DAYS → 四、（二）; the findings of the rule
	cite the notice's document number (or title) and this clause."""

	rule_id: str = ""  # registry.RULES key
	clause: str = ""


@dataclass(slots=True)
class BasisRow(Record):
	document: str = ""
	role: str = ""


# --------------------------------------------------------------------------- notice


@dataclass(slots=True)
class NoticeConfig(Record):
	"""Everything that differs between notices. See docs/precheck.md for the meaning of each field."""

	# descriptive
	code: str = ""
	title: str = ""
	issuer: str = ""
	doc_no: str = ""
	parent_doc_no: str = ""
	issue_date: datetime.date | None = None
	region: str = ""
	kind: str = "Evaluation"  # "Evaluation" (committee) | "Confirmation" (HR bureau, 004)
	system_url: str = ""
	campaign_year: int = 0
	basis: list[BasisRow] = field(default_factory=list)
	contacts: list[ContactRow] = field(default_factory=list)
	remarks: list[RemarkRow] = field(default_factory=list)
	committees: list[CommitteeRow] = field(default_factory=list)

	# scope
	routes: list[NoticeRoute] = field(default_factory=list)
	scope: list[ScopeRow] = field(default_factory=list)
	exam_replaced_professions: list[ProfessionRow] = field(default_factory=list)

	# calendar
	windows: list[NoticeWindow] = field(default_factory=list)
	seniority_cutoff: datetime.date | None = None  # None → last day of the application window
	publicity_min_working_days: int = 5
	publicity_before_application: bool = False
	extra_holidays: list[HolidayRow] = field(default_factory=list)
	extra_workdays: list[HolidayRow] = field(default_factory=list)

	# submissions
	max_submissions: int = 0  # 0 = not limited by the notice
	submissions_count_initial: bool = True
	resubmission_hours: list[ResubmissionRow] = field(default_factory=list)
	resubmission_within_application_window: bool = False
	# a returned application not resubmitted by its deadline ends in this state (vocabulary.
	# WorkflowState); the closure cites the clause of rule SUB-RESUBMIT-LATE
	late_resubmission_outcome: str = "Not Accepted"
	late_resubmission_consequence: str = ""  # the notice's wording, e.g. 视为自动放弃

	# fees and defense
	fees: list[FeeRow] = field(default_factory=list)
	fee_payment_methods: str = ""
	defense_rules: list[DefenseRow] = field(default_factory=list)
	defense_exempt_counties: list[CountyRow] = field(default_factory=list)
	defense_exempt_scoring: str = ""
	# an exempt applicant's defense score is the average of that year's scores in the profession
	# (003 四、（五）); not scored quantitatively, the exempt applicant counts as passed
	defense_exempt_averaged: bool = False

	# personal summary
	summary_required: bool = False
	summary_min_chars: int = 0
	summary_max_chars: int = 0  # 0 = no upper limit
	summary_count_mode: str = "Non-whitespace"  # "Non-whitespace" | "Han only"
	summary_forbid_name_unit: bool = False
	summary_topics: list[KeywordRow] = field(default_factory=list)

	# continuing education
	ce_policies: list[CePolicyRow] = field(default_factory=list)
	ce_exempt_private_first_time: bool = False
	ce_system_professional_from_year: int = 0  # 0 = no system-source rule
	ce_system_general_from_year: int = 0
	ce_exemption_reason_to_month: bool = False

	# annual appraisal
	assessment_from_year: int = 0
	assessment_to_year: int = 0
	assessment_incompetent_blocks: bool = False

	# existing title evidence
	prior_title_evidence_xinjiang: int = 1
	prior_title_evidence_elsewhere: int = 3
	prior_title_bingtuan_as_elsewhere: bool = False

	# blind review and files
	blind_review: bool = False
	mask_name: bool = False
	mask_unit: bool = False
	mask_unit_seal: bool = False
	mask_photo: bool = False
	mask_photo_eyes: bool = False
	mask_check_file_names: bool = False
	allowed_file_types: str = ""  # comma list such as "jpg"; empty = any

	# Putonghua
	putonghua_public_institution_required: bool = False
	putonghua_min_level: str = "Level 3 B"
	putonghua_occupation_thresholds: bool = False

	# exclusivity and sanctions
	one_route_per_series_level: bool = False
	one_evaluation_per_year: bool = False
	fraud_ban_years: int = 3
	fraud_ban_from_next_year: bool = True

	# private-enterprise special
	private_licence_region: str = ""
	private_allow_personnel_agency: bool = False
	private_allow_out_of_xinjiang: bool = False
	private_min_posting_years: int = 1
	private_exclude_retirees: bool = False

	# autonomous-region special cases
	entrusted_allowed: bool = False
	aid_allowed: bool = False
	aid_report_before: datetime.date | None = None
	aid_min_posting_years: int = 1

	# integration, equivalence, exams
	skill_integration: list[SkillIntegrationRow] = field(default_factory=list)
	skill_integration_assessment_years: int = 3
	tech_school_equivalence: bool = False
	exam_requirements: list[ExamRequirementRow] = field(default_factory=list)

	# confirmation routes (004)
	degree_grants: list[DegreeGrantRow] = field(default_factory=list)
	initial_junior_rules: list[InitialJuniorRow] = field(default_factory=list)
	party_school_equivalence: bool = False
	township_min_years: int = 2
	township_education: str = "Bachelor"
	fanghuiju_years: int = 3
	confirmation_requires_competent: bool = True

	# materials
	materials: list[MaterialRow] = field(default_factory=list)

	# the clause each rule comes from (rules without one cite the notice, a standard or the system)
	rule_clauses: list[RuleClauseRow] = field(default_factory=list)

	parse_errors: list[InputError] = field(default_factory=list, repr=False, compare=False)


# --------------------------------------------------------------------------- profile rows


@dataclass(slots=True)
class UnitFacts(Record):
	"""The applicant's employer."""

	unit_name: str = ""
	aliases: list[str] = field(default_factory=list)  # abbreviations also forbidden in the summary
	credit_code: str = ""
	ownership: str = ""  # vocabulary.Ownership
	category: str = "Ordinary"  # vocabulary.UnitCategory
	location: str = ""  # vocabulary.Location
	prefecture: str = ""  # 阿克苏地区, 巴音郭楞蒙古自治州 …
	county: str = ""
	licence_region: str = ""  # where the business licence is registered
	in_xinjiang: bool = True  # the enterprise is registered in Xinjiang
	category_iv_area: bool = False  # 四类以下地区 (004 二、（一）1), set by the bureau
	posted_since: datetime.date | None = None  # out-of-Xinjiang enterprise: working locally since


@dataclass(slots=True)
class EducationRow(Record):
	education: str = ""  # vocabulary.Education
	degree: str = "None"  # vocabulary.Degree
	full_time: bool = True
	party_school: bool = False
	tech_school_class: str = ""  # vocabulary.TechSchoolClass
	institution: str = ""
	major: str = ""
	start_date: datetime.date | None = None
	graduation_date: datetime.date | None = None


@dataclass(slots=True)
class WorkRow(Record):
	start_date: datetime.date | None = None
	end_date: datetime.date | None = None  # None = to date
	unit_name: str = ""
	position: str = ""
	professional: bool = True


@dataclass(slots=True)
class TitleRow(Record):
	level: str = ""
	series: str = ""
	profession: str = ""
	title_name: str = ""
	obtained_date: datetime.date | None = None
	origin: str = "Xinjiang"  # vocabulary.TitleOrigin
	has_qualification_document: bool = False  # 任职资格文件
	has_certificate: bool = False  # 职称证书
	has_evaluation_form: bool = False  # 评审表


@dataclass(slots=True)
class CeRow(Record):
	year: int = 0
	professional_hours: float = 0.0
	general_hours: float = 0.0
	professional_certificate: bool = False
	general_certificate: bool = False
	professional_source: str = "System"  # vocabulary.CeSource
	general_source: str = "System"


@dataclass(slots=True)
class AssessmentRow(Record):
	year: int = 0
	result: str = ""  # vocabulary.Assessment


@dataclass(slots=True)
class SkillRow(Record):
	skill_level: str = ""  # vocabulary.SkillLevel
	obtained_date: datetime.date | None = None


@dataclass(slots=True)
class ExamScoreRow(Record):
	exam: str = ""
	exam_year: int = 0
	score: float | None = None
	passed: bool = False  # at or above the national standard


@dataclass(slots=True)
class ServiceRow(Record):
	kind: str = ""  # vocabulary.ServiceKind
	start_date: datetime.date | None = None
	end_date: datetime.date | None = None  # None = still serving
	place: str = ""


@dataclass(slots=True)
class AttachmentRow(Record):
	"""An uploaded material. ``masked``: None = no masking decision recorded, True = masked (是+遮盖),
	False = nothing to mask (否)."""

	code: str = ""
	present: bool = True
	masked: bool | None = None
	file_name: str = ""
	caption: str = ""


@dataclass(slots=True)
class OtherApplicationRow(Record):
	year: int = 0
	notice_code: str = ""
	route: str = ""
	series: str = ""
	level: str = ""
	status: str = ""  # vocabulary.WorkflowState; Abandoned and Not Accepted ones do not count


@dataclass(slots=True)
class SanctionRow(Record):
	kind: str = "Fraud"
	decided_on: datetime.date | None = None
	application_year: int = 0
	description: str = ""


# --------------------------------------------------------------------------- profile


@dataclass(slots=True)
class ApplicationProfile(Record):
	"""What the applicant filled in and uploaded. See docs/precheck.md for an example."""

	# identity
	applicant_name: str = ""
	id_number: str = ""
	gender: str = ""  # "Male" | "Female"
	birth_date: datetime.date | None = None
	ethnicity: str = ""
	political_status: str = ""
	occupation: str = "Other Occupation"  # vocabulary.Occupation
	putonghua_level: str = "No Certificate"  # vocabulary.PutonghuaLevel
	employment_status: str = "Serving"  # vocabulary.EmploymentStatus
	personnel_agency_filed: bool = False  # freelancer with files at a 人事代理机构 (001)
	transferred_from_agency: bool = False  # 机关调动 (002 四、（一）4)
	aid_staff: bool = False  # 援疆 (002 四、（五）)
	aid_report_date: datetime.date | None = None
	aid_posting_end: datetime.date | None = None
	aid_serving: bool = True

	# unit
	unit: UnitFacts = field(default_factory=UnitFacts)

	# what is applied for
	route: str = ""  # vocabulary.Route
	series: str = ""
	profession: str = ""
	target_level: str = ""  # vocabulary.Level
	module: str = ""
	profession_exam_replaced: bool = False  # 国家以考代评的专业
	first_time_private: bool = False  # first title evaluation ever of a private-enterprise applicant
	via_skill_integration: bool = False  # applies through 两类人才贯通

	# history
	work_start_date: datetime.date | None = None  # 参加工作时间
	professional_start_date: datetime.date | None = None  # 从事专业技术工作时间
	education: list[EducationRow] = field(default_factory=list)
	work_history: list[WorkRow] = field(default_factory=list)
	titles: list[TitleRow] = field(default_factory=list)
	continuing_education: list[CeRow] = field(default_factory=list)
	ce_exemption: bool = False
	ce_exemption_reason: str = ""
	assessments: list[AssessmentRow] = field(default_factory=list)
	skills: list[SkillRow] = field(default_factory=list)
	exam_scores: list[ExamScoreRow] = field(default_factory=list)
	service: list[ServiceRow] = field(default_factory=list)

	# texts and files
	summary: str = ""
	attachments: list[AttachmentRow] = field(default_factory=list)

	# other facts
	other_applications: list[OtherApplicationRow] = field(default_factory=list)
	sanctions: list[SanctionRow] = field(default_factory=list)
	submissions_made: int = 0
	last_returned_at: datetime.datetime | None = None
	publicity_start: datetime.date | None = None
	publicity_end: datetime.date | None = None
	publicity_objection: bool = False

	parse_errors: list[InputError] = field(default_factory=list, repr=False, compare=False)


# --------------------------------------------------------------------------- seed notices

SEED_NOTICE_CODES = ("000", "001", "002", "003", "004")


@functools.cache
def _seed_notice_dict(code: str) -> dict:
	path = os.path.join(NOTICES_DIR, f"{code}.json")
	with open(path, encoding="utf-8") as f:
		return json.load(f)


def seed_notice_dict(code: str) -> dict:
	"""The raw JSON document of a seed notice (a fresh copy)."""
	return json.loads(json.dumps(_seed_notice_dict(code)))


@functools.cache
def load_seed_notice(code: str) -> NoticeConfig:
	"""The seed notice ``000`` … ``004`` as a NoticeConfig (cached; treat as read-only)."""
	code = str(code).zfill(3)
	if code not in SEED_NOTICE_CODES:
		raise KeyError(code)
	return NoticeConfig.from_dict(_seed_notice_dict(code))
