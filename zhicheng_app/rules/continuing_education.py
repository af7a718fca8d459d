"""Rule family: continuing education and annual appraisal [spec §7.3, §7.4]."""

from __future__ import annotations

import re
from typing import Final

from zhicheng_app.rules.context import Ctx, notice_table
from zhicheng_app.rules.registry import Join, tr
from zhicheng_app.rules.vocabulary import Assessment, CeSource, Route

# vocabulary members as module constants: attribute access on an Enum class is slow
_ROUTE_PRIVATE: Final = Route.PRIVATE
_CESOURCE_SYSTEM: Final = CeSource.SYSTEM
_ASSESSMENT_NOT_ASSESSED: Final = Assessment.NOT_ASSESSED
_ASSESSMENT_INCOMPETENT: Final = Assessment.INCOMPETENT

# a year and a month, e.g. 2022.05, 2022年5月, 2022-05, 2022/5
_YEAR_MONTH: Final = re.compile(r"(?:19|20)\d{2}\s*[.．/\-年]\s*(?:0?[1-9]|1[0-2])(?!\d)")


@notice_table("ce_policies")
def _policies(n) -> dict:
	"""level -> (policy row, professional years, general years, all those years in order); the
	first row of a level applies."""
	out = {}
	for row in n.ce_policies:
		if row.level not in out:
			pro = tuple(y for y in range(row.professional_from_year, row.professional_to_year + 1) if y)
			gen = tuple(y for y in range(row.general_from_year, row.general_to_year + 1) if y)
			out[row.level] = (row, pro, gen, tuple(sorted(set(pro) | set(gen))))
	return out


def policy(ctx: Ctx):
	hit = ctx.facts.table("ce_policies").get(ctx.level)
	return hit[0] if hit is not None else None


def ce_required(ctx: Ctx) -> bool:
	"""Must this applicant upload CE certificates (no exemption, policy requires them)?"""
	pol = policy(ctx)
	if pol is None or pol.mode in ("Not Required",):
		return False
	if ctx.p.ce_exemption:
		return False
	return not _private_first_time_exempt(ctx)


def _private_first_time_exempt(ctx: Ctx) -> bool:
	return ctx.n.ce_exempt_private_first_time and ctx.p.route == _ROUTE_PRIVATE and ctx.p.first_time_private


def reason_has_months(reason: str) -> bool:
	"""The exemption reason gives a period to the month: two year-month dates."""
	return len(_YEAR_MONTH.findall(reason or "")) >= 2


_FIRST_TIME_PRIVATE: Final = tr("first-time applicants from private enterprises")
_PROFESSION_CONDITIONS: Final = tr("the evaluation conditions of the profession")
_EDUCATION_YEARS: Final = tr("the years required for your education")


def check_ce(ctx: Ctx) -> None:
	n, p = ctx.n, ctx.p
	hit = ctx.facts.table("ce_policies").get(ctx.level)
	if hit is None:
		return
	pol, pro, gen, years = hit
	mode = pol.mode
	if mode == "Not Required":
		ctx.add("CE-NOT-REQUIRED", (tr(ctx.level),))
		return
	if _private_first_time_exempt(ctx):
		ctx.add("CE-NOT-REQUIRED", (_FIRST_TIME_PRIVATE,))
		return
	if p.ce_exemption:
		if n.ce_exemption_reason_to_month and not reason_has_months(p.ce_exemption_reason):
			ctx.add("CE-EXEMPT-REASON", field="ce_exemption_reason")
		return
	if mode == "Not In Seeds":
		ctx.add("CE-NOT-CHECKED", (_PROFESSION_CONDITIONS,))
		return
	rows = p.continuing_education
	if mode == "By Education":
		ctx.add("CE-NOT-CHECKED", (_EDUCATION_YEARS,))
	else:
		by_year = {r.year: r for r in rows}
		miss_p = [y for y in pro if not ((r := by_year.get(y)) and r.professional_certificate)]
		miss_g = [y for y in gen if not ((r := by_year.get(y)) and r.general_certificate)]
		if miss_p or miss_g:
			missing = []
			if miss_p:
				missing.append(tr("professional subjects {0}", "、".join(map(str, miss_p))))
			if miss_g:
				missing.append(tr("general subjects {0}", "、".join(map(str, miss_g))))
			ctx.add("CE-MISSING", (Join("；", missing),), "continuing_education")
		if pol.min_total_hours or pol.min_professional_hours:
			short = []
			for y in years:
				r = by_year.get(y)
				total = (r.professional_hours + r.general_hours) if r else 0
				prof = r.professional_hours if r else 0
				if total < pol.min_total_hours or prof < pol.min_professional_hours:
					short.append(str(y))
			if short:
				ctx.add(
					"CE-HOURS",
					(pol.min_total_hours, pol.min_professional_hours, "、".join(short)),
					"continuing_education",
				)
	# certificates from these years must come from the platform itself
	sp, sg = n.ce_system_professional_from_year, n.ce_system_general_from_year
	if sp or sg:
		bad = []
		for r in rows:
			if (
				sp
				and r.year >= sp
				and r.professional_certificate
				and r.professional_source != _CESOURCE_SYSTEM
			):
				bad.append(tr("professional subjects {0}", r.year))
			if sg and r.year >= sg and r.general_certificate and r.general_source != _CESOURCE_SYSTEM:
				bad.append(tr("general subjects {0}", r.year))
		if bad:
			ctx.add("CE-SOURCE", (Join("；", bad),), "continuing_education")


_NOT_APPRAISED: Final = (None, "", _ASSESSMENT_NOT_ASSESSED)


def check_assessments(ctx: Ctx) -> None:
	n, p = ctx.n, ctx.p
	if not n.assessment_from_year or not n.assessment_to_year:
		return
	first = n.assessment_from_year
	# years before the applicant started work cannot be appraised
	if p.work_start_date is not None and p.work_start_date.year > first:
		first = p.work_start_date.year
	amap = ctx.assessment_map()
	missing = [y for y in range(first, n.assessment_to_year + 1) if amap.get(y) in _NOT_APPRAISED]
	if missing:
		ctx.add("ASSESS-MISSING", ("、".join(map(str, missing)),), "assessments")
	bad = [
		y
		for y in range(n.assessment_from_year, n.assessment_to_year + 1)
		if amap.get(y) == _ASSESSMENT_INCOMPETENT
	]
	if bad:
		rule = "ASSESS-INCOMPETENT" if n.assessment_incompetent_blocks else "ASSESS-INCOMPETENT-WARN"
		ctx.add(rule, ("、".join(map(str, bad)),), "assessments")
