"""The rule registry: every rule once, with its id, severity, seed reference and message.

Messages are English source strings (marked with ``N_`` so that the zh.csv test finds them) and
are translated when a finding is made, so the user's language applies. ``{0}``, ``{1}`` … are
filled after translation. Seed references follow shared/spec/domain.md: a notice-specific
reference is looked up by notice code, else the ``"*"`` entry is used.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from zhicheng_app import i18n
from zhicheng_app.rules.vocabulary import Severity

B, W, INFO = Severity.BLOCKING, Severity.WARNING, Severity.INFO

# a finding's message arguments: a tuple, or a function returning one (called when first shown)
Args = tuple | Callable[[], tuple]


def translate(msg: str, lang: str | None = None) -> str:
	"""``zhicheng_app.i18n._``, with its own answer taken directly when Frappe is not loaded: then
	it reads the default catalogue (``translations/zh.csv``). Inside Frappe it defers entirely."""
	if lang is None and _SYS_MODULES.get("frappe") is None:
		catalog = _DEFAULT_CATALOG.get(i18n.DEFAULT_LANG)
		if catalog is None:  # i18n.catalog() is read once and never changes
			catalog = _DEFAULT_CATALOG[i18n.DEFAULT_LANG] = i18n.catalog(i18n.DEFAULT_LANG)
		return catalog.get(msg, msg)
	return i18n._(msg, lang)


_SYS_MODULES: Final[dict[str, Any]] = sys.modules
_DEFAULT_CATALOG: Final[dict[str, dict[str, str]]] = {}


def N_(msg: str) -> str:
	"""Mark a string for translation without translating it now."""
	return msg


@dataclass(frozen=True, slots=True)
class Rule:
	rule_id: str
	severity: Severity
	message: str
	seed_refs: dict

	def seed_ref(self, notice_code: str = "") -> str:
		"""The reference for ``notice_code``, else the one for any notice (``*``), else (a notice
		copied under a new code) every seed reference of the rule, 000 to 004, joined with "；"."""
		refs = self.seed_refs
		ref = refs.get(notice_code) or refs.get("*")
		if ref:
			return ref
		parts = []
		for code in _SEED_ORDER:
			text = refs.get(code)
			if text and text not in parts:
				parts.append(text)
		return "；".join(parts)


_SEED_ORDER: Final = ("000", "001", "002", "003", "004")


class Tr:
	"""Text translated only when it is shown: ``Tr("{0} to {1}", a, b)`` becomes
	``_("{0} to {1}").format(a, b)`` when formatted into a message (``str()`` or ``format()``).
	Arguments may be ``Tr`` themselves. The msgid must also appear as an ``_()``/``N_()`` literal."""

	__slots__ = ("args", "msg")

	def __init__(self, msg: str, *args):
		self.msg = msg
		self.args = args

	def __str__(self) -> str:
		text = translate(self.msg)
		return text.format(*self.args) if self.args else text

	def __format__(self, spec: str) -> str:
		return format(str(self), spec)

	def __repr__(self) -> str:
		return f"Tr({self.msg!r}{''.join(', ' + repr(a) for a in self.args)})"

	def __eq__(self, other) -> bool:
		return str(self) == (str(other) if isinstance(other, Tr) else other)

	def __hash__(self) -> int:
		return hash(str(self))


def tr(msg: str, *args: Any) -> Tr:
	"""``Tr(msg, *args)``."""
	return Tr(msg, *args)


class Join:
	"""``sep.join(parts)`` built when shown; the parts may be ``Tr``."""

	__slots__ = ("parts", "sep")

	def __init__(self, sep: str, parts):
		self.sep = sep
		self.parts = parts

	def __str__(self) -> str:
		return self.sep.join(map(str, self.parts))

	def __format__(self, spec: str) -> str:
		return format(str(self), spec)

	def __repr__(self) -> str:
		return f"Join({self.sep!r}, {self.parts!r})"


class Finding:
	"""One rule broken (or noted) by the application.

	``message`` is a str: the rule's zh text filled with its arguments. It is built on first access
	(a precheck reports many findings that a caller may never display), in the language active then.
	The arguments are a tuple, or a function returning one (called then, once), for arguments that
	cost more to build than the finding itself; such a function must capture values, not the profile.
	Fields: ``rule_id``, ``seed_ref``, ``severity`` (vocabulary.Severity), ``message``, ``field``."""

	__slots__ = ("_args", "_message", "_template", "field", "rule_id", "seed_ref", "severity")
	__match_args__ = ("rule_id", "seed_ref", "severity", "message", "field")

	def __init__(
		self,
		rule_id: str,
		seed_ref: str,
		severity: Severity,
		message: str | None = None,
		field: str | None = None,
		template: str | None = None,
		args: Args = (),
	):
		self.rule_id = rule_id
		self.seed_ref = seed_ref
		self.severity = severity
		self.field = field
		self._message = message
		self._template = template
		self._args = args

	@property
	def message(self) -> str:
		msg = self._message
		if msg is None:
			msg = translate(self._template) if self._template is not None else ""
			args = self._args
			if args:
				if not isinstance(args, tuple):  # arguments built when first shown
					args = args()
				msg = msg.format(*args)
			self._message = msg
		return msg

	@message.setter
	def message(self, value: str) -> None:
		self._message = value

	def _key(self) -> tuple:
		return (self.rule_id, self.seed_ref, self.severity, self.message, self.field)

	def __eq__(self, other) -> bool:
		if other.__class__ is not self.__class__:
			return NotImplemented
		return self._key() == other._key()

	def __repr__(self) -> str:
		return (
			f"Finding(rule_id={self.rule_id!r}, seed_ref={self.seed_ref!r}, severity={self.severity!r}, "
			f"message={self.message!r}, field={self.field!r})"
		)

	def __getstate__(self):
		return self._key()

	def __setstate__(self, state) -> None:
		self.rule_id, self.seed_ref, self.severity, self._message, self.field = state
		self._template, self._args = None, ()

	def to_dict(self) -> dict:
		return {
			"rule_id": self.rule_id,
			"seed_ref": self.seed_ref,
			"severity": str(self.severity),
			"message": self.message,
			"field": self.field,
		}


S: Final = "shared/spec/domain.md"

_RULES: Final = (
	# ---- input
	Rule("INPUT-VALUE", B, N_("{0}: {1}"), {"*": f"{S} §11.1"}),
	Rule("INPUT-MISSING", B, N_("{0} is required"), {"*": f"{S} §11.1 V-04"}),
	Rule("INPUT-UNKNOWN", B, N_("{0} has an unknown value: {1}"), {"*": f"{S} §11.1"}),
	Rule(
		"INPUT-DATE-ORDER",
		B,
		N_("{0}: the end date is earlier than the start date"),
		{"*": f"{S} §11.1 V-19"},
	),
	Rule(
		"CHECK-FAILED",
		B,
		N_("Part of the application could not be checked ({0}); correct the data entered and try again"),
		{"*": f"{S} §11.1"},
	),
	Rule(
		"CAL-UNSUPPORTED",
		W,
		N_("{0} Working days could not be checked."),
		{"*": f"{S} §11.1 V-15, Q-46"},
	),
	# ---- identity
	Rule(
		"ID-INVALID",
		B,
		N_("The resident ID number is invalid"),
		{"*": f"{S} §11.1 V-01 (GB 11643-1999); 001 L115; 002 L53; 003 L136; 004 L124"},
	),
	Rule(
		"ID-BIRTH-DATE",
		B,
		N_("The birth date {0} does not match the birth date {1} in the resident ID number"),
		{"*": f"{S} §11.1 V-02"},
	),
	Rule(
		"ID-GENDER",
		W,
		N_("The gender entered does not match the resident ID number (digit 17 indicates {0})"),
		{"*": f"{S} §11.1 V-03"},
	),
	Rule("UNIT-CREDIT-CODE", B, N_("Unit: {0}"), {"*": f"{S} App. C (GB 32100-2015)"}),
	# ---- sanctions and exclusivity
	Rule(
		"BAN-FRAUD",
		B,
		N_(
			"Because of the fraud sanction decided in {0}, you may not apply for a title until {1} (3-year ban)"
		),
		{
			"*": f"{S} §10.1",
			"000": "000 §五(四), L113",
			"001": "001 附件3, L133",
			"002": "002 §六, L44",
		},
	),
	Rule(
		"ONE-ROUTE",
		B,
		N_(
			"You already have a {0} application for this series and level in {1}; only one route per year, series and level is allowed"
		),
		{"*": "000 §二, L23; 001 §三, L37", "000": "000 §二, L23", "001": "001 §三, L37"},
	),
	Rule(
		"ONE-EVALUATION",
		B,
		N_(
			"You already take part in another title evaluation in {0}; each person may take part in only one per year"
		),
		{"*": "003 §五(五), L63–65"},
	),
	Rule(
		"ONE-EVALUATION-NOTE",
		INFO,
		N_(
			"Taking part in this special evaluation means you cannot take part in this year's general evaluation"
		),
		{"*": "003 §五(五), L63–65"},
	),
	# ---- windows and submissions
	Rule(
		"WIN-NOT-OPEN",
		B,
		N_("Applications open at {0} (Beijing time)"),
		{
			"000": "000 §三(一), L27",
			"001": "001 §一, L11",
			"002": "002 §一, L12",
			"003": "003 §三, L29",
			"004": "004 §一, L21",
		},
	),
	Rule(
		"WIN-CLOSED",
		B,
		N_("The application deadline {0} (Beijing time) has passed: {1}"),
		{
			"000": "000 §三(一), L27",
			"001": "001 §一, L11",
			"002": "002 §一, L12, L15",
			"003": "003 §三, L29, L37",
			"004": "004 §一, L29",
		},
	),
	Rule(
		"WIN-NOT-CONFIGURED",
		W,
		N_("The notice has no application window; the deadline could not be checked"),
		{"*": f"{S} §5"},
	),
	Rule(
		"SUB-LIMIT",
		B,
		N_(
			"This notice allows at most {0} submissions and {1} have been made; the application can no longer be submitted"
		),
		{"000": "000 §三(三), L39", "001": "001 §三(四), L43", "002": "002 §四(四), L37", "*": f"{S} §4.7"},
	),
	Rule(
		"SUB-RESUBMIT-LATE",
		B,
		N_("The returned application had to be resubmitted by {0} (Beijing time)"),
		{"000": "000 §三(三), L39", "001": "001 §三(四), L43", "002": "002 §四(四), L37", "*": f"{S} §4.7"},
	),
	Rule(
		"SUB-RESUBMIT-DEADLINE",
		INFO,
		N_("Resubmit the corrected application by {0} (Beijing time)"),
		{"000": "000 §三(三), L39", "001": "001 §三(四), L43", "002": "002 §四(四), L37", "*": f"{S} §4.7"},
	),
	# ---- route and scope
	Rule(
		"ROUTE-NOT-OFFERED",
		B,
		N_("This notice does not offer {0} at {1} level"),
		{"*": f"{S} §2.13", "002": "002 §二, L9", "003": "003 §四(一), L41", "004": "004 §二, L33–51"},
	),
	Rule(
		"SCOPE-PROFESSION",
		B,
		N_("{0} {1} at {2} level is outside the scope of this notice"),
		{
			"000": "000 L3, L11",
			"001": "001 L5, L23",
			"002": "002 §二, L9",
			"003": "003 L13",
			"*": f"{S} §11.1 V-31",
		},
	),
	Rule(
		"SCOPE-EXAM-REPLACED",
		B,
		N_("Professions where the national exam replaces evaluation are excluded from this route"),
		{"000": "000 §二(一), L11", "004": "004 §二, L37, L43, L47, L51", "*": f"{S} §2 R-X4"},
	),
	Rule(
		"DIR-REGION",
		B,
		N_("Directed evaluation is only for staff of units in {0}"),
		{"000": "000 §二(一), L11", "001": "001 §二(一), L23"},
	),
	Rule(
		"PRIV-SCOPE",
		B,
		N_(
			"The private-enterprise special evaluation is only for staff of private enterprises whose business licence is registered in {0}{1}"
		),
		{"000": "000 §二(二), L13", "001": "001 §二(二), L25", "003": "003 §二, L15–17"},
	),
	Rule(
		"PRIV-POSTING",
		B,
		N_(
			"Staff of enterprises from outside Xinjiang must have worked here continuously for at least {0} year(s); counted to {1} you have {2}"
		),
		{"001": "001 §二(二), L25", "003": "003 §二, L17"},
	),
	Rule(
		"PRIV-RETIRED",
		B,
		N_("Only serving employees of the enterprise may apply; retirees may not be recommended"),
		{"003": "003 §二, L19"},
	),
	Rule(
		"REG-AID",
		B,
		N_("Aid-to-Xinjiang staff: {0}"),
		{"002": "002 §四(五), L39"},
	),
	Rule(
		"GRANT-DEGREE",
		B,
		N_("Grant by degree: {0}"),
		{"004": "004 §二(二), L45–47"},
	),
	Rule(
		"CONF-UNIT",
		B,
		N_("Only staff of units in {0} (prefecture level or below) can apply for this route"),
		{"004": "004 §二, L35, L45"},
	),
	Rule(
		"CONF-ASSESS",
		B,
		N_(
			"This route requires the latest annual appraisal to be Competent or better (or the unit's appraisal opinion)"
		),
		{"004": "004 §二, L37, L43, L47; §四(一)4, L81"},
	),
	Rule(
		"INIT-EDUCATION",
		B,
		N_(
			"Initial determination needs a full-time regular university, college or technical-secondary diploma, or a Party-school diploma with a post in a township or a county of a category-IV-or-below area"
		),
		{"004": "004 §二(一)1, L37–39"},
	),
	Rule(
		"INIT-YEARS",
		B,
		N_(
			"Initial determination with {0} needs at least {1} full year(s) of professional work; counted to {2} you have {3}"
		),
		{"004": "004 §二(一)1, L37"},
	),
	Rule(
		"INIT-LEVEL",
		B,
		N_("With {0} the initial determination is at {1} level at most"),
		{"004": "004 §二(一)1, L37; shared/spec/domain.md Q-19"},
	),
	Rule(
		"TOWN-LOCATION",
		B,
		N_(
			"Township initial determination of an intermediate title is only for units at township level or below"
		),
		{"004": "004 §二(一)2, L43"},
	),
	Rule(
		"TOWN-EDUCATION",
		B,
		N_("Township initial determination of an intermediate title needs a bachelor's diploma"),
		{"004": "004 §二(一)2, L43"},
	),
	Rule(
		"TOWN-YEARS",
		B,
		N_(
			"Township initial determination needs at least {0} full years of professional work; counted to {1} you have {2}"
		),
		{"004": "004 §二(一)2, L43"},
	),
	Rule(
		"FHJ-TITLE",
		B,
		N_("The three-year promotion needs a title obtained before the grass-roots service began"),
		{"004": "004 §二(三), L51"},
	),
	Rule(
		"FHJ-LEVEL",
		B,
		N_("The three-year promotion recognises only the level directly above the current title ({0})"),
		{"004": "004 §二(三), L51"},
	),
	Rule(
		"FHJ-SERVICE",
		B,
		N_(
			"The three-year promotion needs {0} consecutive years of grass-roots service after obtaining the title; the longest continuous period is {1}"
		),
		{"004": "004 §二(三), L51"},
	),
	Rule(
		"FHJ-EXCELLENT",
		B,
		N_("The three-year promotion needs the annual appraisals of {0} all rated Excellent"),
		{"004": "004 §二(三), L51; shared/spec/domain.md Q-24"},
	),
	Rule(
		"SKILL-NOT-OFFERED",
		B,
		N_("This notice does not provide the high-skill integration route"),
		{"*": f"{S} §2.9"},
	),
	Rule(
		"SKILL-LEVEL",
		B,
		N_("High-skill integration: {0} level needs one of: {1}"),
		{"000": "000 §四(六), L97–101", "001": "001 §四(七), L77–79", "003": "003 §四(四), L47"},
	),
	Rule(
		"SKILL-ASSESS",
		B,
		N_("High-skill integration needs annual appraisals of Competent or better for {0}"),
		{"000": "000 §四(六), L99", "001": "001 §四(七), L77"},
	),
	Rule(
		"TECH-SCHOOL",
		INFO,
		N_("Your technical-school {0} is treated as {1}"),
		{"000": "000 §四(六), L101", "001": "001 §四(七), L79", "003": "003 §四(三), L45"},
	),
	Rule(
		"EXAM-SCORE",
		B,
		N_("A valid score of the {0} is required: {1}"),
		{"000": "000 §四(七), L103", "001": "001 §四(八), L81", "002": "002 §四(一)3, L20"},
	),
	# ---- appraisal and continuing education
	Rule(
		"ASSESS-MISSING",
		B,
		N_("Annual appraisal results are missing for: {0}"),
		{
			"000": "000 §四(一)11, L73",
			"001": "001 §四(一)5, L53",
			"002": "002 §四(一)11, L30",
			"003": "003 附件1-10, L118",
		},
	),
	Rule(
		"ASSESS-INCOMPETENT",
		B,
		N_("An annual appraisal of Incompetent ({0}) defers the application"),
		{"003": "003 附件1-10, L118", "*": f"{S} §7.4"},
	),
	Rule(
		"ASSESS-INCOMPETENT-WARN",
		W,
		N_(
			"An annual appraisal of Incompetent ({0}) may defer the application under the evaluation conditions"
		),
		{"*": "000 §二, L11; 001 §二, L23"},
	),
	Rule(
		"CE-MISSING",
		B,
		N_("Continuing-education certificates are missing: {0}"),
		{
			"000": "000 §四(一)10, L65",
			"001": "001 §四(一)6, L55",
			"002": "002 §四(一)7, L25",
			"003": "003 附件1-9, L116",
		},
	),
	Rule(
		"CE-HOURS",
		B,
		N_(
			"Continuing education needs at least {0} hours a year, of which at least {1} professional; short in: {2}"
		),
		{"001": "001 §四(一)6, L55"},
	),
	Rule(
		"CE-SOURCE",
		B,
		N_(
			"Continuing education from these years must come from the platform (other training is not recognised): {0}"
		),
		{"000": "000 §四(一)10, L65–69", "001": "001 §四(一)6, L55", "004": "004 §四(一)2, L77"},
	),
	Rule(
		"CE-EXEMPT-REASON",
		B,
		N_(
			"The reason on the continuing-education exemption form must give the service period to the month, e.g. 2022.05—2024.05"
		),
		{"000": "000 §四(一)10, L71"},
	),
	Rule(
		"CE-NOT-REQUIRED",
		INFO,
		N_("Continuing-education certificates are not required: {0}"),
		{"000": "000 §四(一)10, L67", "001": "001 §四(一)6, L55", "003": "003 附件1-9, L116"},
	),
	Rule(
		"CE-NOT-CHECKED",
		INFO,
		N_("Continuing education for this level follows {0}; upload the certificates it requires"),
		{"000": "000 §四(一)10, L65; shared/spec/domain.md Q-54", "004": "004 §四(一)2, L77"},
	),
	# ---- materials
	Rule("MAT-MISSING", B, N_("Required material not uploaded: {0}"), {"*": f"{S} §7.1"}),
	Rule(
		"MAT-PRIOR-TITLE",
		B,
		N_(
			"For a title obtained {0}, upload at least {1} of the qualification document, title certificate and evaluation form; {2} uploaded"
		),
		{
			"000": "000 §四(一)5, L55",
			"001": "001 §四(一)4, L49–51",
			"002": "002 §四(一)4, L21",
			"003": "003 附件1-3, L100",
		},
	),
	Rule(
		"MAT-PUTONGHUA",
		B,
		N_("Staff of public institutions need a Putonghua certificate of {0} or higher; yours: {1}"),
		{"000": "000 §四(一)15, L81", "001": "001 §四(一)7, L57", "004": "004 §四(一)3, L79"},
	),
	Rule(
		"MASK-DECISION",
		B,
		N_("Blind review: record whether each uploaded image shows your name or unit and mask it: {0}"),
		{
			"000": "000 §四(一)16, L85",
			"001": "001 §四(一)3, L47",
			"002": "002 §四(一)14, L34",
			"003": "003 附件1, L88",
		},
	),
	Rule(
		"MASK-FILE-NAME",
		B,
		N_("Blind review: the file name or caption of {0} contains your name or unit name"),
		{"000": "000 §四(一)15, L83"},
	),
	Rule(
		"FILE-TYPE",
		B,
		N_("Only {0} files are accepted: {1}"),
		{"002": "002 §四(六), L43"},
	),
	# ---- personal summary
	Rule(
		"SUM-REQUIRED",
		B,
		N_("The personal work summary is required"),
		{"000": "000 §四(一)13, L77", "002": "002 §四(一)12, L31", "003": "003 附件1-11, L120"},
	),
	Rule(
		"SUM-MIN",
		B,
		N_("The personal summary has {0} characters; at least {1} are required ({2})"),
		{"000": "000 §四(一)13, L77", "003": "003 附件1-11, L120"},
	),
	Rule(
		"SUM-MAX",
		B,
		N_("The personal summary has {0} characters; at most {1} are allowed ({2})"),
		{"002": "002 §四(一)12, L31", "003": "003 附件1-11, L120"},
	),
	Rule(
		"SUM-NAME",
		B,
		N_("Blind review: the personal summary must not contain your name"),
		{"000": "000 §四(一)13, L77", "002": "002 §四(一)14, L34", "003": "003 附件1, L88"},
	),
	Rule(
		"SUM-UNIT",
		B,
		N_("Blind review: the personal summary must not contain your unit's name ({0})"),
		{"000": "000 §四(一)13, L77", "002": "002 §四(一)14, L34", "003": "003 附件1, L88"},
	),
	Rule(
		"SUM-TOPICS",
		W,
		N_("The personal summary should cover: {0}"),
		{"000": "000 §四(一)13, L77"},
	),
	# ---- publicity
	Rule(
		"PUB-DAYS",
		B,
		N_("The unit publicity must last at least {0} working days; {1} to {2} has {3} (earliest end: {4})"),
		{
			"000": "000 §四(二), L87",
			"001": "001 §四(二), L63",
			"002": "002 §四(二), L35",
			"003": "003 附件1-二, L128",
			"004": "004 §四(一)5, L83",
			"*": f"{S} §10.2 C-04",
		},
	),
	Rule(
		"PUB-MISSING",
		B,
		N_("Enter the unit publicity period: this notice requires the publicity before the application"),
		{"004": "004 §四(一)5, L83"},
	),
	Rule(
		"PUB-PENDING",
		INFO,
		N_(
			"After you submit, your unit must publicise the application for at least {0} working days before forwarding it"
		),
		{
			"000": "000 §四(二), L87",
			"001": "001 §四(二), L63",
			"002": "002 §四(二), L35",
			"003": "003 附件1-二, L128",
			"*": f"{S} §10.2 C-04",
		},
	),
	Rule(
		"PUB-NOT-ENDED",
		B,
		N_(
			"The unit publicity ends on {0}; the application can be submitted only after it has ended without objection"
		),
		{"004": "004 §四(一)5, L83", "*": f"{S} §11.1 V-16"},
	),
	Rule(
		"PUB-OBJECTION",
		B,
		N_("An objection was raised during the unit publicity; it must be resolved before submission"),
		{"*": f"{S} §4.1; 000 §四(二), L87"},
	),
	# ---- fees and defense (information)
	Rule(
		"FEE-AMOUNT",
		INFO,
		N_("Evaluation fee: {0} yuan, payable {1}"),
		{"000": "000 §四(五), L95; §三(三), L31", "001": "001 §四(六), L73–75; §一, L15"},
	),
	Rule(
		"FEE-NOT-STATED",
		INFO,
		N_("The notice does not state the fee amount; pay as announced by the committee {0}"),
		{"002": "002 §一, L14", "003": "003 §三, L33", "*": f"{S} §6"},
	),
	Rule(
		"DEF-REQUIRED",
		INFO,
		N_("A professional defense is required at this level ({0})"),
		{
			"000": "000 §四(四), L93",
			"001": "001 §四(五), L71",
			"002": "002 §五, L41",
			"003": "003 §四(五), L49",
		},
	),
	Rule(
		"DEF-EXEMPT",
		INFO,
		N_(
			"Private-enterprise staff in {0} are exempt from the on-site defense; the defense stage is scored by the rule of the notice"
		),
		{"003": "003 §四(五), L51"},
	),
)

RULES: Final[dict[str, Rule]] = {r.rule_id: r for r in _RULES}


def finding(
	rule_id: str,
	seed_ref: str,
	severity: Severity,
	message: str | None,
	field: str | None,
	template: str | None,
	args: Args,
) -> Finding:
	"""``Finding(...)`` with every field given by position."""
	return Finding(rule_id, seed_ref, severity, message, field, template, args)


_RULE_REFS: Final[dict[str, dict[str, tuple]]] = {}


def rule_refs(notice_code: str) -> dict[str, tuple]:
	"""rule_id -> (seed reference for ``notice_code``, severity, message template)."""
	refs = _RULE_REFS.get(notice_code)
	if refs is None:
		refs = {r.rule_id: (r.seed_ref(notice_code), r.severity, r.message) for r in _RULES}
		if len(_RULE_REFS) >= 256:
			_RULE_REFS.clear()
		_RULE_REFS[notice_code] = refs
	return refs


def make(
	rule_id: str,
	notice_code: str = "",
	args: Args = (),
	field: str | None = None,
	seed_ref: str | None = None,
	message: str | None = None,
) -> Finding:
	"""Build a finding for ``rule_id``; its message is the rule's text translated and filled with
	``args`` (when first read). ``message`` replaces the rule's text with an already translated,
	more specific one."""
	ref, severity, template = rule_refs(notice_code)[rule_id]
	return finding(rule_id, seed_ref or ref, severity, message, field, template, args)
