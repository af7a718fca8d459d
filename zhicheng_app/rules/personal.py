"""Rule family: input sanity, identity, unit code, sanctions and one-application-per-year."""

from __future__ import annotations

from zhicheng_app.i18n import _
from zhicheng_app.rules.context import Ctx
from zhicheng_app.rules.identity import check_credit_code, check_resident_id
from zhicheng_app.rules.registry import N_
from zhicheng_app.rules.vocabulary import (
	CONFIRMATION_ROUTES,
	LEVEL_RANK,
	Ownership,
	Route,
)

# vocabulary members as module constants: attribute access on an Enum class is slow
_ROUTE_DIRECTED = Route.DIRECTED
_ROUTE_PRIVATE = Route.PRIVATE
_OWNERSHIP_PRIVATE_ENTERPRISE = Ownership.PRIVATE_ENTERPRISE

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

_ROUTES = frozenset(Route)
_EVALUATION_ROUTES = frozenset({_ROUTE_DIRECTED, _ROUTE_PRIVATE})
_CANCELLED = frozenset({"Cancelled", "已撤销", "已取消"})


def field_label(path: str) -> str:
	"""zh label for a dotted field path; unknown paths are shown as they are."""
	head = path.split("[", 1)[0]
	label = FIELD_LABELS.get(path) or FIELD_LABELS.get(head)
	return _(label) if label else path


def check_input(ctx: Ctx) -> None:
	p = ctx.p
	for err in p.parse_errors:
		ctx.add("INPUT-VALUE", (field_label(err.field), _(err.message)), err.field)
	required = ["applicant_name", "id_number", "route", "target_level"]
	if ctx.n.kind != "Confirmation":
		required += ["gender", "ethnicity", "political_status", "series", "profession"]
	for name in required:
		if name == "id_number":
			continue  # reported by ID-INVALID
		if not getattr(p, name):
			ctx.add("INPUT-MISSING", (field_label(name),), name)
	if not p.unit.unit_name:
		ctx.add("INPUT-MISSING", (field_label("unit.unit_name"),), "unit.unit_name")
	if p.route and p.route not in _ROUTES:
		ctx.add("INPUT-UNKNOWN", (field_label("route"), p.route), "route")
	if p.target_level and p.target_level not in LEVEL_RANK:
		ctx.add("INPUT-UNKNOWN", (field_label("target_level"), p.target_level), "target_level")
	for i, e in enumerate(p.education):
		if e.start_date and e.graduation_date and e.graduation_date < e.start_date:
			ctx.add("INPUT-DATE-ORDER", (_("Education") + f" {i + 1}",), f"education[{i}]")
	for i, w in enumerate(p.work_history):
		if w.start_date and w.end_date and w.end_date < w.start_date:
			ctx.add("INPUT-DATE-ORDER", (_("Work history") + f" {i + 1}",), f"work_history[{i}]")
	for i, s in enumerate(p.service):
		if s.start_date and s.end_date and s.end_date < s.start_date:
			ctx.add("INPUT-DATE-ORDER", (_("Grass-roots service") + f" {i + 1}",), f"service[{i}]")


def check_identity(ctx: Ctx) -> None:
	p = ctx.p
	res = check_resident_id(p.id_number, today=ctx.now.date())
	if not res.ok:
		ctx.add("ID-INVALID", field="id_number", message=res.error)
	else:
		if p.birth_date is not None and p.birth_date != res.birth_date:
			ctx.add("ID-BIRTH-DATE", (p.birth_date.isoformat(), res.birth_date.isoformat()), "birth_date")
		if p.gender in ("Male", "Female") and p.gender != res.gender:
			ctx.add("ID-GENDER", (_(res.gender),), "gender")
	unit = p.unit
	code_required = p.route == _ROUTE_PRIVATE and unit.ownership == _OWNERSHIP_PRIVATE_ENTERPRISE
	if unit.credit_code or code_required:
		cc = check_credit_code(unit.credit_code)
		if not cc.ok:
			ctx.add("UNIT-CREDIT-CODE", (cc.error,), "unit.credit_code")


def check_sanctions(ctx: Ctx) -> bool:
	"""Report a fraud ban in force; True when there is one."""
	n = ctx.n
	if n.fraud_ban_years <= 0:
		return False
	year = ctx.campaign_year
	for i, s in enumerate(ctx.p.sanctions):
		if s.kind != "Fraud":
			continue
		base = s.application_year or (s.decided_on.year if s.decided_on else 0)
		if not base:
			continue
		if n.fraud_ban_from_next_year:
			first, last = base + 1, base + n.fraud_ban_years
		else:
			first, last = base, base + n.fraud_ban_years - 1
		if first <= year <= last:
			ctx.add("BAN-FRAUD", (base, last + 1), f"sanctions[{i}]")
			return True
	return False


def check_exclusivity(ctx: Ctx) -> None:
	n, p = ctx.n, ctx.p
	if not (n.one_route_per_series_level or n.one_evaluation_per_year):
		return
	year = ctx.campaign_year
	for i, o in enumerate(p.other_applications):
		if o.year != year or o.status in _CANCELLED:
			continue
		if n.one_evaluation_per_year and o.route not in CONFIRMATION_ROUTES:
			ctx.add("ONE-EVALUATION", (year,), f"other_applications[{i}]")
			return
		if (
			n.one_route_per_series_level
			and o.route in _EVALUATION_ROUTES
			and o.series == p.series
			and o.level == p.target_level
		):
			ctx.add("ONE-ROUTE", (_(o.route), year), f"other_applications[{i}]")
			return
	if n.one_evaluation_per_year:
		ctx.add("ONE-EVALUATION-NOTE")
