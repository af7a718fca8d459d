"""The rule registry: every rule once, with its id, severity, message and seed references, and
the findings the rule families make with them.

Messages are English source strings (marked with ``N_`` so that the zh.csv test finds them),
translated when a finding is made; ``{0}``, ``{1}`` … are filled after translation. A rule's
seed reference is looked up by notice code, else the ``"*"`` entry is used.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhicheng_app.i18n import _
from zhicheng_app.rules.vocabulary import Severity

SEED_CODES = ("000", "001", "002", "003", "004")


def N_(msg: str) -> str:
	"""Mark a string for translation without translating it now."""
	return msg


@dataclass(frozen=True)
class Rule:
	rule_id: str
	severity: Severity
	message: str  # English source text, translated when a finding is made
	seed_refs: dict[str, str]  # notice code (or "*" for any notice) -> reference

	def seed_ref(self, notice_code: str = "") -> str:
		"""The reference for ``notice_code``, else the one for any notice (``*``), else (a notice
		copied under a new code) every seed reference of the rule, 000 to 004, joined with "；"."""
		ref = self.seed_refs.get(notice_code) or self.seed_refs.get("*")
		if ref:
			return ref
		parts: list[str] = []
		for code in SEED_CODES:
			text = self.seed_refs.get(code)
			if text and text not in parts:
				parts.append(text)
		return "；".join(parts)


@dataclass(frozen=True)
class Finding:
	"""One rule broken (or noted) by the application; ``message`` is the rule's text translated
	and filled with its arguments, ``field`` a dotted profile path or None."""

	rule_id: str
	seed_ref: str
	severity: Severity
	message: str
	field: str | None = None

	def to_dict(self) -> dict:
		return {
			"rule_id": self.rule_id,
			"seed_ref": self.seed_ref,
			"severity": str(self.severity),
			"message": self.message,
			"field": self.field,
		}


S = "shared/spec/domain.md"

_RULES = (
	# ---- input
	Rule("INPUT-VALUE", Severity.BLOCKING, N_("{0}: {1}"), {"*": f"{S} §11.1"}),
	Rule("INPUT-MISSING", Severity.BLOCKING, N_("{0} is required"), {"*": f"{S} §11.1 V-04"}),
	Rule("INPUT-UNKNOWN", Severity.BLOCKING, N_("{0} has an unknown value: {1}"), {"*": f"{S} §11.1"}),
	Rule(
		"INPUT-DATE-ORDER",
		Severity.BLOCKING,
		N_("{0}: the end date is earlier than the start date"),
		{"*": f"{S} §11.1 V-19"},
	),
	Rule(
		"CHECK-FAILED",
		Severity.BLOCKING,
		N_("Part of the application could not be checked ({0}); correct the data entered and try again"),
		{"*": f"{S} §11.1"},
	),
	Rule(
		"CAL-UNSUPPORTED",
		Severity.WARNING,
		N_("{0} Working days could not be checked."),
		{"*": f"{S} §11.1 V-15, Q-46"},
	),
	# ---- identity
	Rule(
		"ID-INVALID",
		Severity.BLOCKING,
		N_("The resident ID number is invalid"),
		{"*": f"{S} §11.1 V-01 (GB 11643-1999); 001 L115; 002 L53; 003 L136; 004 L124"},
	),
	Rule(
		"ID-BIRTH-DATE",
		Severity.BLOCKING,
		N_("The birth date {0} does not match the birth date {1} in the resident ID number"),
		{"*": f"{S} §11.1 V-02"},
	),
	Rule(
		"ID-GENDER",
		Severity.WARNING,
		N_("The gender entered does not match the resident ID number (digit 17 indicates {0})"),
		{"*": f"{S} §11.1 V-03"},
	),
	Rule("UNIT-CREDIT-CODE", Severity.BLOCKING, N_("Unit: {0}"), {"*": f"{S} App. C (GB 32100-2015)"}),
	# ---- sanctions and exclusivity
	Rule(
		"BAN-FRAUD",
		Severity.BLOCKING,
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
		Severity.BLOCKING,
		N_(
			"You already have a {0} application for this series and level in {1}; only one route per year, series and level is allowed"
		),
		{"*": "000 §二, L23; 001 §三, L37", "000": "000 §二, L23", "001": "001 §三, L37"},
	),
	Rule(
		"ONE-EVALUATION",
		Severity.BLOCKING,
		N_(
			"You already take part in another title evaluation in {0}; each person may take part in only one per year"
		),
		{"*": "003 §五(五), L63–65"},
	),
	Rule(
		"ONE-EVALUATION-NOTE",
		Severity.INFO,
		N_(
			"Taking part in this special evaluation means you cannot take part in this year's general evaluation"
		),
		{"*": "003 §五(五), L63–65"},
	),
	# ---- windows and submissions
	Rule(
		"WIN-NOT-OPEN",
		Severity.BLOCKING,
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
		Severity.BLOCKING,
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
		Severity.WARNING,
		N_("The notice has no application window; the deadline could not be checked"),
		{"*": f"{S} §5"},
	),
	Rule(
		"SUB-LIMIT",
		Severity.BLOCKING,
		N_(
			"This notice allows at most {0} submissions and {1} have been made; the application can no longer be submitted"
		),
		{"000": "000 §三(三), L39", "001": "001 §三(四), L43", "002": "002 §四(四), L37", "*": f"{S} §4.7"},
	),
	Rule(
		"SUB-RESUBMIT-LATE",
		Severity.BLOCKING,
		N_("The returned application had to be resubmitted by {0} (Beijing time)"),
		{"000": "000 §三(三), L39", "001": "001 §三(四), L43", "002": "002 §四(四), L37", "*": f"{S} §4.7"},
	),
	Rule(
		"SUB-RESUBMIT-DEADLINE",
		Severity.INFO,
		N_("Resubmit the corrected application by {0} (Beijing time)"),
		{"000": "000 §三(三), L39", "001": "001 §三(四), L43", "002": "002 §四(四), L37", "*": f"{S} §4.7"},
	),
	# ---- route and scope
	Rule(
		"ROUTE-NOT-OFFERED",
		Severity.BLOCKING,
		N_("This notice does not offer {0} at {1} level"),
		{"*": f"{S} §2.13", "002": "002 §二, L9", "003": "003 §四(一), L41", "004": "004 §二, L33–51"},
	),
	Rule(
		"SCOPE-PROFESSION",
		Severity.BLOCKING,
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
		Severity.BLOCKING,
		N_("Professions where the national exam replaces evaluation are excluded from this route"),
		{"000": "000 §二(一), L11", "004": "004 §二, L37, L43, L47, L51", "*": f"{S} §2 R-X4"},
	),
	Rule(
		"DIR-REGION",
		Severity.BLOCKING,
		N_("Directed evaluation is only for staff of units in {0}"),
		{"000": "000 §二(一), L11", "001": "001 §二(一), L23"},
	),
	Rule(
		"PRIV-SCOPE",
		Severity.BLOCKING,
		N_(
			"The private-enterprise special evaluation is only for staff of private enterprises whose business licence is registered in {0}{1}"
		),
		{"000": "000 §二(二), L13", "001": "001 §二(二), L25", "003": "003 §二, L15–17"},
	),
	Rule(
		"PRIV-POSTING",
		Severity.BLOCKING,
		N_(
			"Staff of enterprises from outside Xinjiang must have worked here continuously for at least {0} year(s); counted to {1} you have {2}"
		),
		{"001": "001 §二(二), L25", "003": "003 §二, L17"},
	),
	Rule(
		"PRIV-RETIRED",
		Severity.BLOCKING,
		N_("Only serving employees of the enterprise may apply; retirees may not be recommended"),
		{"003": "003 §二, L19"},
	),
	Rule(
		"REG-AID",
		Severity.BLOCKING,
		N_("Aid-to-Xinjiang staff: {0}"),
		{"002": "002 §四(五), L39"},
	),
	Rule(
		"GRANT-DEGREE",
		Severity.BLOCKING,
		N_("Grant by degree: {0}"),
		{"004": "004 §二(二), L45–47"},
	),
	Rule(
		"CONF-UNIT",
		Severity.BLOCKING,
		N_("Only staff of units in {0} (prefecture level or below) can apply for this route"),
		{"004": "004 §二, L35, L45"},
	),
	Rule(
		"CONF-ASSESS",
		Severity.BLOCKING,
		N_(
			"This route requires the latest annual appraisal to be Competent or better (or the unit's appraisal opinion)"
		),
		{"004": "004 §二, L37, L43, L47; §四(一)4, L81"},
	),
	Rule(
		"INIT-EDUCATION",
		Severity.BLOCKING,
		N_(
			"Initial determination needs a full-time regular university, college or technical-secondary diploma, or a Party-school diploma with a post in a township or a county of a category-IV-or-below area"
		),
		{"004": "004 §二(一)1, L37–39"},
	),
	Rule(
		"INIT-YEARS",
		Severity.BLOCKING,
		N_(
			"Initial determination with {0} needs at least {1} full year(s) of professional work; counted to {2} you have {3}"
		),
		{"004": "004 §二(一)1, L37"},
	),
	Rule(
		"INIT-LEVEL",
		Severity.BLOCKING,
		N_("With {0} the initial determination is at {1} level at most"),
		{"004": "004 §二(一)1, L37; shared/spec/domain.md Q-19"},
	),
	Rule(
		"TOWN-LOCATION",
		Severity.BLOCKING,
		N_(
			"Township initial determination of an intermediate title is only for units at township level or below"
		),
		{"004": "004 §二(一)2, L43"},
	),
	Rule(
		"TOWN-EDUCATION",
		Severity.BLOCKING,
		N_("Township initial determination of an intermediate title needs a bachelor's diploma"),
		{"004": "004 §二(一)2, L43"},
	),
	Rule(
		"TOWN-YEARS",
		Severity.BLOCKING,
		N_(
			"Township initial determination needs at least {0} full years of professional work; counted to {1} you have {2}"
		),
		{"004": "004 §二(一)2, L43"},
	),
	Rule(
		"FHJ-TITLE",
		Severity.BLOCKING,
		N_("The three-year promotion needs a title obtained before the grass-roots service began"),
		{"004": "004 §二(三), L51"},
	),
	Rule(
		"FHJ-LEVEL",
		Severity.BLOCKING,
		N_("The three-year promotion recognises only the level directly above the current title ({0})"),
		{"004": "004 §二(三), L51"},
	),
	Rule(
		"FHJ-SERVICE",
		Severity.BLOCKING,
		N_(
			"The three-year promotion needs {0} consecutive years of grass-roots service after obtaining the title; the longest continuous period is {1}"
		),
		{"004": "004 §二(三), L51"},
	),
	Rule(
		"FHJ-EXCELLENT",
		Severity.BLOCKING,
		N_("The three-year promotion needs the annual appraisals of {0} all rated Excellent"),
		{"004": "004 §二(三), L51; shared/spec/domain.md Q-24"},
	),
	Rule(
		"SKILL-NOT-OFFERED",
		Severity.BLOCKING,
		N_("This notice does not provide the high-skill integration route"),
		{"*": f"{S} §2.9"},
	),
	Rule(
		"SKILL-LEVEL",
		Severity.BLOCKING,
		N_("High-skill integration: {0} level needs one of: {1}"),
		{"000": "000 §四(六), L97–101", "001": "001 §四(七), L77–79", "003": "003 §四(四), L47"},
	),
	Rule(
		"SKILL-ASSESS",
		Severity.BLOCKING,
		N_("High-skill integration needs annual appraisals of Competent or better for {0}"),
		{"000": "000 §四(六), L99", "001": "001 §四(七), L77"},
	),
	Rule(
		"TECH-SCHOOL",
		Severity.INFO,
		N_("Your technical-school {0} is treated as {1}"),
		{"000": "000 §四(六), L101", "001": "001 §四(七), L79", "003": "003 §四(三), L45"},
	),
	Rule(
		"EXAM-SCORE",
		Severity.BLOCKING,
		N_("A valid score of the {0} is required: {1}"),
		{"000": "000 §四(七), L103", "001": "001 §四(八), L81", "002": "002 §四(一)3, L20"},
	),
	# ---- appraisal and continuing education
	Rule(
		"ASSESS-MISSING",
		Severity.BLOCKING,
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
		Severity.BLOCKING,
		N_("An annual appraisal of Incompetent ({0}) defers the application"),
		{"003": "003 附件1-10, L118", "*": f"{S} §7.4"},
	),
	Rule(
		"ASSESS-INCOMPETENT-WARN",
		Severity.WARNING,
		N_(
			"An annual appraisal of Incompetent ({0}) may defer the application under the evaluation conditions"
		),
		{"*": "000 §二, L11; 001 §二, L23"},
	),
	Rule(
		"CE-MISSING",
		Severity.BLOCKING,
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
		Severity.BLOCKING,
		N_(
			"Continuing education needs at least {0} hours a year, of which at least {1} professional; short in: {2}"
		),
		{"001": "001 §四(一)6, L55"},
	),
	Rule(
		"CE-SOURCE",
		Severity.BLOCKING,
		N_(
			"Continuing education from these years must come from the platform (other training is not recognised): {0}"
		),
		{"000": "000 §四(一)10, L65–69", "001": "001 §四(一)6, L55", "004": "004 §四(一)2, L77"},
	),
	Rule(
		"CE-EXEMPT-REASON",
		Severity.BLOCKING,
		N_(
			"The reason on the continuing-education exemption form must give the service period to the month, e.g. 2022.05—2024.05"
		),
		{"000": "000 §四(一)10, L71"},
	),
	Rule(
		"CE-NOT-REQUIRED",
		Severity.INFO,
		N_("Continuing-education certificates are not required: {0}"),
		{"000": "000 §四(一)10, L67", "001": "001 §四(一)6, L55", "003": "003 附件1-9, L116"},
	),
	Rule(
		"CE-NOT-CHECKED",
		Severity.INFO,
		N_("Continuing education for this level follows {0}; upload the certificates it requires"),
		{"000": "000 §四(一)10, L65; shared/spec/domain.md Q-54", "004": "004 §四(一)2, L77"},
	),
	# ---- materials
	Rule("MAT-MISSING", Severity.BLOCKING, N_("Required material not uploaded: {0}"), {"*": f"{S} §7.1"}),
	Rule(
		"MAT-PRIOR-TITLE",
		Severity.BLOCKING,
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
		Severity.BLOCKING,
		N_("Staff of public institutions need a Putonghua certificate of {0} or higher; yours: {1}"),
		{"000": "000 §四(一)15, L81", "001": "001 §四(一)7, L57", "004": "004 §四(一)3, L79"},
	),
	Rule(
		"MASK-DECISION",
		Severity.BLOCKING,
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
		Severity.BLOCKING,
		N_("Blind review: the file name or caption of {0} contains your name or unit name"),
		{"000": "000 §四(一)15, L83"},
	),
	Rule(
		"FILE-TYPE",
		Severity.BLOCKING,
		N_("Only {0} files are accepted: {1}"),
		{"002": "002 §四(六), L43"},
	),
	# ---- personal summary
	Rule(
		"SUM-REQUIRED",
		Severity.BLOCKING,
		N_("The personal work summary is required"),
		{"000": "000 §四(一)13, L77", "002": "002 §四(一)12, L31", "003": "003 附件1-11, L120"},
	),
	Rule(
		"SUM-MIN",
		Severity.BLOCKING,
		N_("The personal summary has {0} characters; at least {1} are required ({2})"),
		{"000": "000 §四(一)13, L77", "003": "003 附件1-11, L120"},
	),
	Rule(
		"SUM-MAX",
		Severity.BLOCKING,
		N_("The personal summary has {0} characters; at most {1} are allowed ({2})"),
		{"002": "002 §四(一)12, L31", "003": "003 附件1-11, L120"},
	),
	Rule(
		"SUM-NAME",
		Severity.BLOCKING,
		N_("Blind review: the personal summary must not contain your name"),
		{"000": "000 §四(一)13, L77", "002": "002 §四(一)14, L34", "003": "003 附件1, L88"},
	),
	Rule(
		"SUM-UNIT",
		Severity.BLOCKING,
		N_("Blind review: the personal summary must not contain your unit's name ({0})"),
		{"000": "000 §四(一)13, L77", "002": "002 §四(一)14, L34", "003": "003 附件1, L88"},
	),
	Rule(
		"SUM-TOPICS",
		Severity.WARNING,
		N_("The personal summary should cover: {0}"),
		{"000": "000 §四(一)13, L77"},
	),
	# ---- publicity
	Rule(
		"PUB-DAYS",
		Severity.BLOCKING,
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
		Severity.BLOCKING,
		N_("Enter the unit publicity period: this notice requires the publicity before the application"),
		{"004": "004 §四(一)5, L83"},
	),
	Rule(
		"PUB-NOT-ENTERED",
		Severity.BLOCKING,
		N_("Enter the unit publicity period before recommending the application"),
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
		"PUB-PENDING",
		Severity.INFO,
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
		Severity.BLOCKING,
		N_(
			"The unit publicity ends on {0}; the application can be submitted only after it has ended without objection"
		),
		{"004": "004 §四(一)5, L83", "*": f"{S} §11.1 V-16"},
	),
	Rule(
		"PUB-OBJECTION",
		Severity.BLOCKING,
		N_("An objection was raised during the unit publicity; it must be resolved before submission"),
		{"*": f"{S} §4.1; 000 §四(二), L87"},
	),
	# ---- fees and defense (information)
	Rule(
		"FEE-AMOUNT",
		Severity.INFO,
		N_("Evaluation fee: {0} yuan, payable {1}"),
		{"000": "000 §四(五), L95; §三(三), L31", "001": "001 §四(六), L73–75; §一, L15"},
	),
	Rule(
		"FEE-NOT-STATED",
		Severity.INFO,
		N_("The notice does not state the fee amount; pay as announced by the committee {0}"),
		{"002": "002 §一, L14", "003": "003 §三, L33", "*": f"{S} §6"},
	),
	Rule(
		"DEF-REQUIRED",
		Severity.INFO,
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
		Severity.INFO,
		N_(
			"Private-enterprise staff in {0} are exempt from the on-site defense; the defense stage is scored by the rule of the notice"
		),
		{"003": "003 §四(五), L51"},
	),
)

RULES: dict[str, Rule] = {rule.rule_id: rule for rule in _RULES}


def make_finding(
	rule_id: str,
	notice_code: str = "",
	args: tuple = (),
	field: str | None = None,
	seed_ref: str | None = None,
	message: str | None = None,
) -> Finding:
	"""A finding of ``rule_id``: its message is the rule's text translated and filled with ``args``.
	``message`` replaces that with an already translated, more specific text, ``seed_ref`` the
	rule's reference."""
	rule = RULES[rule_id]
	if message is None:
		message = _(rule.message)
		if args:
			message = message.format(*args)
	return Finding(rule_id, seed_ref or rule.seed_ref(notice_code), rule.severity, message, field)
