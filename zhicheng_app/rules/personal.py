"""Rule family: input sanity, identity, unit code, sanctions and one-application-per-year."""

from __future__ import annotations

from typing import Final

from zhicheng_app.rules.context import Ctx
from zhicheng_app.rules.identity import credit_code_facts, resident_id_facts
from zhicheng_app.rules.registry import N_, Tr, tr
from zhicheng_app.rules.registry import translate as _
from zhicheng_app.rules.vocabulary import (
	CONFIRMATION_ROUTES,
	LEVEL_RANK,
	Ownership,
	Route,
)

# vocabulary members as module constants: attribute access on an Enum class is slow
_ROUTE_DIRECTED: Final = Route.DIRECTED
_ROUTE_PRIVATE: Final = Route.PRIVATE
_OWNERSHIP_PRIVATE_ENTERPRISE: Final = Ownership.PRIVATE_ENTERPRISE

# labels of profile fields named in messages
FIELD_LABELS: Final = {
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

_ROUTES: Final = frozenset(Route)
_EVALUATION_ROUTES: Final = frozenset({_ROUTE_DIRECTED, _ROUTE_PRIVATE})
_CANCELLED: Final = frozenset({"Cancelled", "已撤销", "已取消"})


def field_label(path: str) -> str:
	"""zh label for a dotted field path; unknown paths are shown as they are."""
	head = path.split("[", 1)[0]
	label = FIELD_LABELS.get(path) or FIELD_LABELS.get(head)
	return _(label) if label else path


_FIELD_TR: Final[dict[str, Tr | str]] = {path: tr(label) for path, label in FIELD_LABELS.items()}


def _field_tr(path: str):
	"""``field_label(path)``, translated when shown."""
	hit = _FIELD_TR.get(path)
	if hit is None:
		hit = _FIELD_TR.get(path.split("[", 1)[0], path)
	return hit


def check_input(ctx: Ctx) -> None:
	p = ctx.p
	if p.parse_errors:
		for err in p.parse_errors:
			ctx.add("INPUT-VALUE", (_field_tr(err.field), tr(err.message)), err.field)
	# required fields (the ID number is reported by ID-INVALID)
	if not p.applicant_name:
		ctx.add("INPUT-MISSING", (_FIELD_TR["applicant_name"],), "applicant_name")
	if not p.route:
		ctx.add("INPUT-MISSING", (_FIELD_TR["route"],), "route")
	if not p.target_level:
		ctx.add("INPUT-MISSING", (_FIELD_TR["target_level"],), "target_level")
	if ctx.n.kind != "Confirmation":
		for name in _EVALUATION_REQUIRED:
			if not getattr(p, name):
				ctx.add("INPUT-MISSING", (_FIELD_TR[name],), name)
	if not p.unit.unit_name:
		ctx.add("INPUT-MISSING", (_FIELD_TR["unit.unit_name"],), "unit.unit_name")
	if p.route and p.route not in _ROUTES:
		ctx.add("INPUT-UNKNOWN", (_FIELD_TR["route"], p.route), "route")
	if p.target_level and p.target_level not in LEVEL_RANK:
		ctx.add("INPUT-UNKNOWN", (_FIELD_TR["target_level"], p.target_level), "target_level")
	for i, e in enumerate(p.education):
		if e.start_date and e.graduation_date and e.graduation_date < e.start_date:
			ctx.add("INPUT-DATE-ORDER", (_("Education") + f" {i + 1}",), f"education[{i}]")
	for i, w in enumerate(p.work_history):
		if w.start_date and w.end_date and w.end_date < w.start_date:
			ctx.add("INPUT-DATE-ORDER", (_("Work history") + f" {i + 1}",), f"work_history[{i}]")
	if p.service:
		for i, s in enumerate(p.service):
			if s.start_date and s.end_date and s.end_date < s.start_date:
				ctx.add("INPUT-DATE-ORDER", (_("Grass-roots service") + f" {i + 1}",), f"service[{i}]")


_EVALUATION_REQUIRED: Final = ("gender", "ethnicity", "political_status", "series", "profession")


def check_identity(ctx: Ctx) -> None:
	p = ctx.p
	ok, error, birth_date, gender, _n = resident_id_facts(p.id_number, ctx.now.date())
	if not ok:
		ctx.add("ID-INVALID", field="id_number", message=error)
	else:
		if p.birth_date is not None and p.birth_date != birth_date:
			ctx.add("ID-BIRTH-DATE", (p.birth_date.isoformat(), birth_date.isoformat()), "birth_date")
		if (p.gender == "Male" or p.gender == "Female") and p.gender != gender:
			ctx.add("ID-GENDER", (tr(gender),), "gender")
	unit = p.unit
	if unit.credit_code or (p.route == _ROUTE_PRIVATE and unit.ownership == _OWNERSHIP_PRIVATE_ENTERPRISE):
		ok, error, _n = credit_code_facts(unit.credit_code)
		if not ok:
			ctx.add("UNIT-CREDIT-CODE", (error,), "unit.credit_code")


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
			ctx.add("ONE-ROUTE", (tr(o.route), year), f"other_applications[{i}]")
			return
	if n.one_evaluation_per_year:
		ctx.add("ONE-EVALUATION-NOTE")
