"""Rule family: continuing education and the annual appraisals."""

from __future__ import annotations

import re

from zhicheng_app.i18n import _
from zhicheng_app.rules.context import PrecheckContext
from zhicheng_app.rules.model import CePolicyRow
from zhicheng_app.rules.registry import N_
from zhicheng_app.rules.vocabulary import Assessment, CeSource, Route

# a year and a month, e.g. 2022.05, 2022年5月, 2022-05, 2022/5
_YEAR_MONTH = re.compile(r"(?:19|20)\d{2}\s*[.．/\-年]\s*(?:0?[1-9]|1[0-2])(?!\d)")


def policy(ctx: PrecheckContext) -> CePolicyRow | None:
	"""The notice's continuing-education policy for the level applied for (its first row)."""
	return next((row for row in ctx.notice.ce_policies if row.level == ctx.profile.target_level), None)


def _years(first: int, last: int) -> list[int]:
	return [year for year in range(first, last + 1) if year]


def ce_required(ctx: PrecheckContext) -> bool:
	"""Must this applicant upload CE certificates (no exemption, policy requires them)?"""
	row = policy(ctx)
	if row is None or row.mode == "Not Required":
		return False
	if ctx.profile.ce_exemption:
		return False
	return not _private_first_time_exempt(ctx)


def _private_first_time_exempt(ctx: PrecheckContext) -> bool:
	profile = ctx.profile
	return (
		ctx.notice.ce_exempt_private_first_time
		and profile.route == Route.PRIVATE
		and profile.first_time_private
	)


def reason_has_months(reason: str) -> bool:
	"""The exemption reason gives a period to the month: two year-month dates."""
	return len(_YEAR_MONTH.findall(reason or "")) >= 2


def check_ce(ctx: PrecheckContext) -> None:
	notice, profile = ctx.notice, ctx.profile
	row = policy(ctx)
	if row is None:
		return
	if row.mode == "Not Required":
		ctx.add("CE-NOT-REQUIRED", (_(profile.target_level),))
		return
	if _private_first_time_exempt(ctx):
		ctx.add("CE-NOT-REQUIRED", (_("first-time applicants from private enterprises"),))
		return
	if profile.ce_exemption:
		if notice.ce_exemption_reason_to_month and not reason_has_months(profile.ce_exemption_reason):
			ctx.add("CE-EXEMPT-REASON", field="ce_exemption_reason")
		return
	if row.mode == "Not In Seeds":
		ctx.add("CE-NOT-CHECKED", (_("the evaluation conditions of the profession"),))
		return
	if row.mode == "By Education":
		ctx.add("CE-NOT-CHECKED", (_("the years required for your education"),))
	else:
		_check_certificates_and_hours(ctx, row)
	_check_source(ctx)


def _check_certificates_and_hours(ctx: PrecheckContext, row: CePolicyRow) -> None:
	by_year = {r.year: r for r in ctx.profile.continuing_education}
	professional_years = _years(row.professional_from_year, row.professional_to_year)
	general_years = _years(row.general_from_year, row.general_to_year)
	missing_professional = [
		str(y) for y in professional_years if not (y in by_year and by_year[y].professional_certificate)
	]
	missing_general = [str(y) for y in general_years if not (y in by_year and by_year[y].general_certificate)]
	missing = []
	if missing_professional:
		missing.append(_("professional subjects {0}").format("、".join(missing_professional)))
	if missing_general:
		missing.append(_("general subjects {0}").format("、".join(missing_general)))
	if missing:
		ctx.add("CE-MISSING", ("；".join(missing),), "continuing_education")
	if row.min_total_hours or row.min_professional_hours:
		short = []
		for year in sorted(set(professional_years) | set(general_years)):
			r = by_year.get(year)
			professional = r.professional_hours if r else 0
			total = (r.professional_hours + r.general_hours) if r else 0
			if total < row.min_total_hours or professional < row.min_professional_hours:
				short.append(str(year))
		if short:
			ctx.add(
				"CE-HOURS",
				(row.min_total_hours, row.min_professional_hours, "、".join(short)),
				"continuing_education",
			)


def _check_source(ctx: PrecheckContext) -> None:
	"""Certificates from the notice's years on must come from the platform itself."""
	notice = ctx.notice
	if not (notice.ce_system_professional_from_year or notice.ce_system_general_from_year):
		return
	uploaded = []
	for r in ctx.profile.continuing_education:
		subjects = (
			(
				N_("professional subjects {0}"),
				notice.ce_system_professional_from_year,
				r.professional_certificate,
				r.professional_source,
			),
			(
				N_("general subjects {0}"),
				notice.ce_system_general_from_year,
				r.general_certificate,
				r.general_source,
			),
		)
		for label, from_year, has_certificate, source in subjects:
			if from_year and r.year >= from_year and has_certificate and source != CeSource.SYSTEM:
				uploaded.append(_(label).format(r.year))
	if uploaded:
		ctx.add("CE-SOURCE", ("；".join(uploaded),), "continuing_education")


_NOT_APPRAISED = (None, "", Assessment.NOT_ASSESSED)


def check_assessments(ctx: PrecheckContext) -> None:
	notice, profile = ctx.notice, ctx.profile
	if not notice.assessment_from_year or not notice.assessment_to_year:
		return
	results = ctx.assessments_by_year
	# years before the applicant started work cannot be appraised
	first = notice.assessment_from_year
	if profile.work_start_date is not None and profile.work_start_date.year > first:
		first = profile.work_start_date.year
	missing = [
		str(y) for y in range(first, notice.assessment_to_year + 1) if results.get(y) in _NOT_APPRAISED
	]
	if missing:
		ctx.add("ASSESS-MISSING", ("、".join(missing),), "assessments")
	incompetent = [
		str(y)
		for y in range(notice.assessment_from_year, notice.assessment_to_year + 1)
		if results.get(y) == Assessment.INCOMPETENT
	]
	if incompetent:
		rule_id = "ASSESS-INCOMPETENT" if notice.assessment_incompetent_blocks else "ASSESS-INCOMPETENT-WARN"
		ctx.add(rule_id, ("、".join(incompetent),), "assessments")
