"""The rule registry: every rule once, with its id, severity, message and (for a rule that is not
a notice's) its reference, and the findings the rule families make with them.

Messages are English source strings (marked with ``N_`` so that the zh.csv test finds them),
translated when a finding is made; ``{0}``, ``{1}`` … are filled after translation.

What a finding cites (``Finding.seed_ref``) is, for a rule of the notice, the notice's document
number (文号, else its title) and the clause its ``rule_clauses`` give for the rule, e.g.
"阿地人社传〔2024〕6号 四、（一）5"; for a check of a national standard or of the system itself, the
rule's ``reference`` (translated); else the notice alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhicheng_app.i18n import _
from zhicheng_app.rules.model import NoticeConfig
from zhicheng_app.rules.vocabulary import Severity


def N_(msg: str) -> str:
	"""Mark a string for translation without translating it now."""
	return msg


# references of the rules that are not a notice's
DATA_CHECK = N_("System check of the data entered")
GB_11643 = N_("GB 11643 Citizen identification number")
GB_32100 = N_(
	"GB 32100 Coding rule of the unified social credit identifier for legal entities and other organizations"
)
HOLIDAY_CALENDAR = N_(
	"System default: working days follow the State Council's holiday schedule (with its adjusted workdays) and the notice's own holidays"
)
NO_WINDOW = N_("System check: the notice sets no application window")
NO_SKILL_ROUTE = N_(
	"System default: where the notice does not provide the high-skill integration route, it cannot be used"
)


@dataclass(frozen=True)
class Rule:
	rule_id: str
	severity: Severity
	message: str  # English source text, translated when a finding is made
	reference: str = ""  # English source text of the reference of a rule that is not a notice's


@dataclass(frozen=True)
class Finding:
	"""One rule broken (or noted) by the application; ``message`` is the rule's text translated
	and filled with its arguments, ``seed_ref`` what it cites, ``field`` a dotted profile path or
	None."""

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


_RULES = (
	# ---- input
	Rule("INPUT-VALUE", Severity.BLOCKING, N_("{0}: {1}"), DATA_CHECK),
	Rule("INPUT-MISSING", Severity.BLOCKING, N_("{0} is required"), DATA_CHECK),
	Rule("INPUT-UNKNOWN", Severity.BLOCKING, N_("{0} has an unknown value: {1}"), DATA_CHECK),
	Rule(
		"INPUT-DATE-ORDER",
		Severity.BLOCKING,
		N_("{0}: the end date is earlier than the start date"),
		DATA_CHECK,
	),
	Rule(
		"CHECK-FAILED",
		Severity.BLOCKING,
		N_("Part of the application could not be checked ({0}); correct the data entered and try again"),
		DATA_CHECK,
	),
	Rule("CAL-UNSUPPORTED", Severity.WARNING, N_("{0} Working days could not be checked."), HOLIDAY_CALENDAR),
	# ---- identity
	Rule("ID-INVALID", Severity.BLOCKING, N_("The resident ID number is invalid"), GB_11643),
	Rule(
		"ID-BIRTH-DATE",
		Severity.BLOCKING,
		N_("The birth date {0} does not match the birth date {1} in the resident ID number"),
		GB_11643,
	),
	Rule(
		"ID-GENDER",
		Severity.WARNING,
		N_("The gender entered does not match the resident ID number (digit 17 indicates {0})"),
		GB_11643,
	),
	Rule("UNIT-CREDIT-CODE", Severity.BLOCKING, N_("Unit: {0}"), GB_32100),
	# ---- sanctions and exclusivity
	Rule(
		"BAN-FRAUD",
		Severity.BLOCKING,
		N_(
			"Because of the fraud sanction decided in {0}, you may not apply for a title until {1} (3-year ban)"
		),
	),
	Rule(
		"ONE-ROUTE",
		Severity.BLOCKING,
		N_(
			"You already have a {0} application for this series and level in {1}; only one route per year, series and level is allowed"
		),
	),
	Rule(
		"ONE-EVALUATION",
		Severity.BLOCKING,
		N_(
			"You already take part in another title evaluation in {0}; each person may take part in only one per year"
		),
	),
	Rule(
		"ONE-EVALUATION-NOTE",
		Severity.INFO,
		N_(
			"Taking part in this special evaluation means you cannot take part in this year's general evaluation"
		),
	),
	# ---- windows and submissions
	Rule("WIN-NOT-OPEN", Severity.BLOCKING, N_("Applications open at {0} (Beijing time)")),
	Rule("WIN-CLOSED", Severity.BLOCKING, N_("The application deadline {0} (Beijing time) has passed: {1}")),
	Rule(
		"WIN-NOT-CONFIGURED",
		Severity.WARNING,
		N_("The notice has no application window; the deadline could not be checked"),
		NO_WINDOW,
	),
	Rule(
		"SUB-LIMIT",
		Severity.BLOCKING,
		N_(
			"This notice allows at most {0} submissions and {1} have been made; the application can no longer be submitted"
		),
	),
	Rule(
		"SUB-RESUBMIT-LATE",
		Severity.BLOCKING,
		N_("The returned application had to be resubmitted by {0} (Beijing time)"),
	),
	Rule(
		"SUB-RESUBMIT-DEADLINE", Severity.INFO, N_("Resubmit the corrected application by {0} (Beijing time)")
	),
	# ---- route and scope
	Rule("ROUTE-NOT-OFFERED", Severity.BLOCKING, N_("This notice does not offer {0} at {1} level")),
	Rule(
		"SCOPE-PROFESSION", Severity.BLOCKING, N_("{0} {1} at {2} level is outside the scope of this notice")
	),
	Rule(
		"SCOPE-EXAM-REPLACED",
		Severity.BLOCKING,
		N_("Professions where the national exam replaces evaluation are excluded from this route"),
	),
	Rule("DIR-REGION", Severity.BLOCKING, N_("Directed evaluation is only for staff of units in {0}")),
	Rule(
		"PRIV-SCOPE",
		Severity.BLOCKING,
		N_(
			"The private-enterprise special evaluation is only for staff of private enterprises whose business licence is registered in {0}{1}"
		),
	),
	Rule(
		"PRIV-POSTING",
		Severity.BLOCKING,
		N_(
			"Staff of enterprises from outside Xinjiang must have worked here continuously for at least {0} year(s); counted to {1} you have {2}"
		),
	),
	Rule(
		"PRIV-RETIRED",
		Severity.BLOCKING,
		N_("Only serving employees of the enterprise may apply; retirees may not be recommended"),
	),
	Rule("REG-AID", Severity.BLOCKING, N_("Aid-to-Xinjiang staff: {0}")),
	Rule("GRANT-DEGREE", Severity.BLOCKING, N_("Grant by degree: {0}")),
	Rule(
		"CONF-UNIT",
		Severity.BLOCKING,
		N_("Only staff of units in {0} (prefecture level or below) can apply for this route"),
	),
	Rule(
		"CONF-ASSESS",
		Severity.BLOCKING,
		N_(
			"This route requires the latest annual appraisal to be Competent or better (or the unit's appraisal opinion)"
		),
	),
	Rule(
		"INIT-EDUCATION",
		Severity.BLOCKING,
		N_(
			"Initial determination needs a full-time regular university, college or technical-secondary diploma, or a Party-school diploma with a post in a township or a county of a category-IV-or-below area"
		),
	),
	Rule(
		"INIT-YEARS",
		Severity.BLOCKING,
		N_(
			"Initial determination with {0} needs at least {1} full year(s) of professional work; counted to {2} you have {3}"
		),
	),
	Rule("INIT-LEVEL", Severity.BLOCKING, N_("With {0} the initial determination is at {1} level at most")),
	Rule(
		"TOWN-LOCATION",
		Severity.BLOCKING,
		N_(
			"Township initial determination of an intermediate title is only for units at township level or below"
		),
	),
	Rule(
		"TOWN-EDUCATION",
		Severity.BLOCKING,
		N_("Township initial determination of an intermediate title needs a bachelor's diploma"),
	),
	Rule(
		"TOWN-YEARS",
		Severity.BLOCKING,
		N_(
			"Township initial determination needs at least {0} full years of professional work; counted to {1} you have {2}"
		),
	),
	Rule(
		"FHJ-TITLE",
		Severity.BLOCKING,
		N_("The three-year promotion needs a title obtained before the grass-roots service began"),
	),
	Rule(
		"FHJ-LEVEL",
		Severity.BLOCKING,
		N_("The three-year promotion recognises only the level directly above the current title ({0})"),
	),
	Rule(
		"FHJ-SERVICE",
		Severity.BLOCKING,
		N_(
			"The three-year promotion needs {0} consecutive years of grass-roots service after obtaining the title; the longest continuous period is {1}"
		),
	),
	Rule(
		"FHJ-EXCELLENT",
		Severity.BLOCKING,
		N_("The three-year promotion needs the annual appraisals of {0} all rated Excellent"),
	),
	Rule(
		"SKILL-NOT-OFFERED",
		Severity.BLOCKING,
		N_("This notice does not provide the high-skill integration route"),
		NO_SKILL_ROUTE,
	),
	Rule("SKILL-LEVEL", Severity.BLOCKING, N_("High-skill integration: {0} level needs one of: {1}")),
	Rule(
		"SKILL-ASSESS",
		Severity.BLOCKING,
		N_("High-skill integration needs annual appraisals of Competent or better for {0}"),
	),
	Rule("TECH-SCHOOL", Severity.INFO, N_("Your technical-school {0} is treated as {1}")),
	Rule("EXAM-SCORE", Severity.BLOCKING, N_("A valid score of the {0} is required: {1}")),
	# ---- appraisal and continuing education
	Rule("ASSESS-MISSING", Severity.BLOCKING, N_("Annual appraisal results are missing for: {0}")),
	Rule(
		"ASSESS-INCOMPETENT",
		Severity.BLOCKING,
		N_("An annual appraisal of Incompetent ({0}) defers the application"),
	),
	Rule(
		"ASSESS-INCOMPETENT-WARN",
		Severity.WARNING,
		N_(
			"An annual appraisal of Incompetent ({0}) may defer the application under the evaluation conditions"
		),
	),
	Rule("CE-MISSING", Severity.BLOCKING, N_("Continuing-education certificates are missing: {0}")),
	Rule(
		"CE-HOURS",
		Severity.BLOCKING,
		N_(
			"Continuing education needs at least {0} hours a year, of which at least {1} professional; short in: {2}"
		),
	),
	Rule(
		"CE-SOURCE",
		Severity.BLOCKING,
		N_(
			"Continuing education from these years must come from the platform (other training is not recognised): {0}"
		),
	),
	Rule(
		"CE-EXEMPT-REASON",
		Severity.BLOCKING,
		N_(
			"The reason on the continuing-education exemption form must give the service period to the month, e.g. 2022.05—2024.05"
		),
	),
	Rule("CE-NOT-REQUIRED", Severity.INFO, N_("Continuing-education certificates are not required: {0}")),
	Rule(
		"CE-NOT-CHECKED",
		Severity.INFO,
		N_("Continuing education for this level follows {0}; upload the certificates it requires"),
	),
	# ---- materials
	Rule("MAT-MISSING", Severity.BLOCKING, N_("Required material not uploaded: {0}")),
	Rule(
		"MAT-PRIOR-TITLE",
		Severity.BLOCKING,
		N_(
			"For a title obtained {0}, upload at least {1} of the qualification document, title certificate and evaluation form; {2} uploaded"
		),
	),
	Rule(
		"MAT-PUTONGHUA",
		Severity.BLOCKING,
		N_("Staff of public institutions need a Putonghua certificate of {0} or higher; yours: {1}"),
	),
	Rule(
		"MASK-DECISION",
		Severity.BLOCKING,
		N_("Blind review: record whether each uploaded image shows your name or unit and mask it: {0}"),
	),
	Rule(
		"MASK-FILE-NAME",
		Severity.BLOCKING,
		N_("Blind review: the file name or caption of {0} contains your name or unit name"),
	),
	Rule("FILE-TYPE", Severity.BLOCKING, N_("Only {0} files are accepted: {1}")),
	# ---- personal summary
	Rule("SUM-REQUIRED", Severity.BLOCKING, N_("The personal work summary is required")),
	Rule(
		"SUM-MIN",
		Severity.BLOCKING,
		N_("The personal summary has {0} characters; at least {1} are required ({2})"),
	),
	Rule(
		"SUM-MAX",
		Severity.BLOCKING,
		N_("The personal summary has {0} characters; at most {1} are allowed ({2})"),
	),
	Rule("SUM-NAME", Severity.BLOCKING, N_("Blind review: the personal summary must not contain your name")),
	Rule(
		"SUM-UNIT",
		Severity.BLOCKING,
		N_("Blind review: the personal summary must not contain your unit's name ({0})"),
	),
	Rule("SUM-TOPICS", Severity.WARNING, N_("The personal summary should cover: {0}")),
	# ---- publicity
	Rule(
		"PUB-DAYS",
		Severity.BLOCKING,
		N_("The unit publicity must last at least {0} working days; {1} to {2} has {3} (earliest end: {4})"),
	),
	Rule(
		"PUB-MISSING",
		Severity.BLOCKING,
		N_("Enter the unit publicity period: this notice requires the publicity before the application"),
	),
	Rule(
		"PUB-NOT-ENTERED",
		Severity.BLOCKING,
		N_("Enter the unit publicity period before recommending the application"),
	),
	Rule(
		"PUB-PENDING",
		Severity.INFO,
		N_(
			"After you submit, your unit must publicise the application for at least {0} working days before forwarding it"
		),
	),
	Rule(
		"PUB-NOT-ENDED",
		Severity.BLOCKING,
		N_(
			"The unit publicity ends on {0}; the application can be submitted only after it has ended without objection"
		),
	),
	Rule(
		"PUB-OBJECTION",
		Severity.BLOCKING,
		N_("An objection was raised during the unit publicity; it must be resolved before submission"),
	),
	# ---- fees and defense (information)
	Rule("FEE-AMOUNT", Severity.INFO, N_("Evaluation fee: {0} yuan, payable {1}")),
	Rule(
		"FEE-NOT-STATED",
		Severity.INFO,
		N_("The notice does not state the fee amount; pay as announced by the committee {0}"),
	),
	Rule("DEF-REQUIRED", Severity.INFO, N_("A professional defense is required at this level ({0})")),
	Rule(
		"DEF-EXEMPT",
		Severity.INFO,
		N_(
			"Private-enterprise staff in {0} are exempt from the on-site defense; the defense stage is scored by the rule of the notice"
		),
	),
)

RULES: dict[str, Rule] = {rule.rule_id: rule for rule in _RULES}


def notice_citation(notice: NoticeConfig) -> str:
	"""How a reader finds the notice: its document number (文号), else its title in 《》."""
	if notice.doc_no:
		return notice.doc_no
	return f"《{notice.title}》" if notice.title else notice.code


def cite(notice: NoticeConfig, clause: str) -> str:
	"""The reference to ``clause`` of ``notice``, e.g. "阿地人社传〔2024〕6号 四、（一）5"; empty
	without a clause."""
	return f"{notice_citation(notice)} {clause}" if clause else ""


def rule_reference(rule_id: str, notice: NoticeConfig) -> str:
	"""What a finding of ``rule_id`` under ``notice`` cites (see the module's docstring)."""
	clause = next((row.clause for row in notice.rule_clauses if row.rule_id == rule_id), "")
	if clause:
		return cite(notice, clause)
	reference = RULES[rule_id].reference
	return _(reference) if reference else notice_citation(notice)


def make_finding(
	rule_id: str,
	notice: NoticeConfig,
	args: tuple = (),
	field: str | None = None,
	seed_ref: str | None = None,
	message: str | None = None,
) -> Finding:
	"""A finding of ``rule_id`` under ``notice``: its message is the rule's text translated and filled
	with ``args``. ``message`` replaces that with an already translated, more specific text,
	``seed_ref`` the rule's reference."""
	rule = RULES[rule_id]
	if message is None:
		message = _(rule.message)
		if args:
			message = message.format(*args)
	return Finding(rule_id, seed_ref or rule_reference(rule_id, notice), rule.severity, message, field)
