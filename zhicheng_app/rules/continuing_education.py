"""Rule family: continuing education and annual appraisal [spec §7.3, §7.4]."""

from __future__ import annotations

import re

from zhicheng_app.i18n import _
from zhicheng_app.rules.context import Ctx
from zhicheng_app.rules.vocabulary import Assessment, CeSource, Route

# vocabulary members as module constants: attribute access on an Enum class is slow
_ROUTE_PRIVATE = Route.PRIVATE
_CESOURCE_SYSTEM = CeSource.SYSTEM
_ASSESSMENT_NOT_ASSESSED = Assessment.NOT_ASSESSED
_ASSESSMENT_INCOMPETENT = Assessment.INCOMPETENT

# a year and a month, e.g. 2022.05, 2022年5月, 2022-05, 2022/5
_YEAR_MONTH = re.compile(r"(?:19|20)\d{2}\s*[.．/\-年]\s*(?:0?[1-9]|1[0-2])(?!\d)")


def policy(ctx: Ctx):
	for row in ctx.n.ce_policies:
		if row.level == ctx.level:
			return row
	return None


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


def check_ce(ctx: Ctx) -> None:
	n, p = ctx.n, ctx.p
	pol = policy(ctx)
	if pol is None or pol.mode == "Not Required":
		if pol is not None:
			ctx.add("CE-NOT-REQUIRED", (_(ctx.level),))
		return
	if _private_first_time_exempt(ctx):
		ctx.add("CE-NOT-REQUIRED", (_("first-time applicants from private enterprises"),))
		return
	if p.ce_exemption:
		if n.ce_exemption_reason_to_month and not reason_has_months(p.ce_exemption_reason):
			ctx.add("CE-EXEMPT-REASON", field="ce_exemption_reason")
		return
	if pol.mode == "Not In Seeds":
		ctx.add("CE-NOT-CHECKED", (_("the evaluation conditions of the profession"),))
		return
	by_year = {r.year: r for r in p.continuing_education}
	if pol.mode == "By Education":
		ctx.add("CE-NOT-CHECKED", (_("the years required for your education"),))
	else:
		missing = []
		pro = [y for y in range(pol.professional_from_year, pol.professional_to_year + 1) if y]
		gen = [y for y in range(pol.general_from_year, pol.general_to_year + 1) if y]
		miss_p = [y for y in pro if not (by_year.get(y) and by_year[y].professional_certificate)]
		miss_g = [y for y in gen if not (by_year.get(y) and by_year[y].general_certificate)]
		if miss_p:
			missing.append(_("professional subjects {0}").format("、".join(map(str, miss_p))))
		if miss_g:
			missing.append(_("general subjects {0}").format("、".join(map(str, miss_g))))
		if missing:
			ctx.add("CE-MISSING", ("；".join(missing),), "continuing_education")
		if pol.min_total_hours or pol.min_professional_hours:
			short = []
			for y in sorted(set(pro) | set(gen)):
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
		for r in p.continuing_education:
			if (
				sp
				and r.year >= sp
				and r.professional_certificate
				and r.professional_source != _CESOURCE_SYSTEM
			):
				bad.append(_("professional subjects {0}").format(r.year))
			if sg and r.year >= sg and r.general_certificate and r.general_source != _CESOURCE_SYSTEM:
				bad.append(_("general subjects {0}").format(r.year))
		if bad:
			ctx.add("CE-SOURCE", ("；".join(bad),), "continuing_education")


def check_assessments(ctx: Ctx) -> None:
	n, p = ctx.n, ctx.p
	if not n.assessment_from_year or not n.assessment_to_year:
		return
	first = n.assessment_from_year
	# years before the applicant started work cannot be appraised
	if p.work_start_date is not None and p.work_start_date.year > first:
		first = p.work_start_date.year
	amap = ctx.assessment_map()
	missing = [
		y
		for y in range(first, n.assessment_to_year + 1)
		if amap.get(y) in (None, "", _ASSESSMENT_NOT_ASSESSED)
	]
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
