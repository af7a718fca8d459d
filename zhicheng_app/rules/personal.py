"""Rule family: input sanity, identity, unit code, sanctions and one application per year."""

from __future__ import annotations

from zhicheng_app.i18n import _
from zhicheng_app.rules.context import PrecheckContext
from zhicheng_app.rules.identity import check_credit_code, check_resident_id
from zhicheng_app.rules.registry import N_
from zhicheng_app.rules.vocabulary import CONFIRMATION_ROUTES, LEVEL_RANK, Ownership, Route, WorkflowState

# labels of profile fields named in messages
FIELD_LABELS = {
	"applicant_name": N_("Name"),
	"id_number": N_("Resident ID number"),
	"gender": N_("Gender"),
	"ethnicity": N_("Ethnicity"),
	"political_status": N_("Political status"),
	"route": N_("Evaluation route"),
	"target_level": N_("Level applied for"),
	"series": N_("Series"),
	"profession": N_("Profession"),
	"unit.unit_name": N_("Unit name"),
	"unit.credit_code": N_("Unified social credit code"),
}

# asked on the evaluation forms; the confirmation forms (004) do not ask for them
EVALUATION_REQUIRED = ("gender", "ethnicity", "political_status", "series", "profession")
ROUTES = frozenset(Route)
EVALUATION_ROUTES = frozenset({Route.DIRECTED, Route.PRIVATE})
# other applications that ended before an evaluation took them up (视为放弃, 不予受理) do not count
# for the one-route and one-evaluation rules; every other state does, Failed included
NOT_TAKEN_UP = frozenset({WorkflowState.ABANDONED, WorkflowState.NOT_ACCEPTED})


def field_label(path: str) -> str:
	"""zh label for a dotted field path (or its row's list); unknown paths are shown as they are."""
	label = FIELD_LABELS.get(path) or FIELD_LABELS.get(path.split("[", 1)[0])
	return _(label) if label else path


def check_input(ctx: PrecheckContext) -> None:
	profile = ctx.profile
	for err in profile.parse_errors:
		ctx.add("INPUT-VALUE", (field_label(err.field), err.message), err.field)
	# required fields (the ID number is reported by ID-INVALID)
	required = ["applicant_name", "route", "target_level"]
	if ctx.notice.kind != "Confirmation":
		required += EVALUATION_REQUIRED
	for name in required:
		if not getattr(profile, name):
			ctx.add("INPUT-MISSING", (field_label(name),), name)
	if not profile.unit.unit_name:
		ctx.add("INPUT-MISSING", (field_label("unit.unit_name"),), "unit.unit_name")
	if profile.route and profile.route not in ROUTES:
		ctx.add("INPUT-UNKNOWN", (field_label("route"), profile.route), "route")
	if profile.target_level and profile.target_level not in LEVEL_RANK:
		ctx.add("INPUT-UNKNOWN", (field_label("target_level"), profile.target_level), "target_level")
	periods = (
		("education", _("Education"), [(e.start_date, e.graduation_date) for e in profile.education]),
		("work_history", _("Work history"), [(w.start_date, w.end_date) for w in profile.work_history]),
		("service", _("Grass-roots service"), [(s.start_date, s.end_date) for s in profile.service]),
	)
	for path, label, rows in periods:
		for i, (start, end) in enumerate(rows):
			if start and end and end < start:
				ctx.add("INPUT-DATE-ORDER", (f"{label} {i + 1}",), f"{path}[{i}]")


def check_identity(ctx: PrecheckContext) -> None:
	profile = ctx.profile
	resident_id = check_resident_id(profile.id_number, ctx.now.date())
	if not resident_id.ok:
		ctx.add("ID-INVALID", field="id_number", message=resident_id.error)
	else:
		if profile.birth_date is not None and profile.birth_date != resident_id.birth_date:
			ctx.add(
				"ID-BIRTH-DATE",
				(profile.birth_date.isoformat(), resident_id.birth_date.isoformat()),
				"birth_date",
			)
		if profile.gender in ("Male", "Female") and profile.gender != resident_id.gender:
			ctx.add("ID-GENDER", (_(resident_id.gender),), "gender")
	unit = profile.unit
	if unit.credit_code or (
		profile.route == Route.PRIVATE and unit.ownership == Ownership.PRIVATE_ENTERPRISE
	):
		credit_code = check_credit_code(unit.credit_code)
		if not credit_code.ok:
			ctx.add("UNIT-CREDIT-CODE", (credit_code.error,), "unit.credit_code")


def check_sanctions(ctx: PrecheckContext) -> None:
	"""Report a fraud ban in force (the first one found); nothing is eligible then."""
	notice = ctx.notice
	if notice.fraud_ban_years <= 0:
		return
	for i, sanction in enumerate(ctx.profile.sanctions):
		if sanction.kind != "Fraud":
			continue
		base = sanction.application_year or (sanction.decided_on.year if sanction.decided_on else 0)
		if not base:
			continue
		if notice.fraud_ban_from_next_year:
			first, last = base + 1, base + notice.fraud_ban_years
		else:
			first, last = base, base + notice.fraud_ban_years - 1
		if first <= ctx.campaign_year <= last:
			ctx.add("BAN-FRAUD", (base, last + 1), f"sanctions[{i}]")
			ctx.fraud_ban = True
			return


def check_exclusivity(ctx: PrecheckContext) -> None:
	"""One route per year, series and level; one evaluation per year (003). The first other
	application of the same year that breaks a rule is reported; one that was abandoned or not
	accepted does not count."""
	notice, profile = ctx.notice, ctx.profile
	if not (notice.one_route_per_series_level or notice.one_evaluation_per_year):
		return
	year = ctx.campaign_year
	for i, other in enumerate(profile.other_applications):
		if other.year != year or other.status in NOT_TAKEN_UP:
			continue
		if notice.one_evaluation_per_year and other.route not in CONFIRMATION_ROUTES:
			ctx.add("ONE-EVALUATION", (year,), f"other_applications[{i}]")
			return
		if (
			notice.one_route_per_series_level
			and other.route in EVALUATION_ROUTES
			and other.series == profile.series
			and other.level == profile.target_level
		):
			ctx.add("ONE-ROUTE", (_(other.route), year), f"other_applications[{i}]")
			return
	if notice.one_evaluation_per_year:
		ctx.add("ONE-EVALUATION-NOTE")
