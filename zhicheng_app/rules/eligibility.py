"""Rule family: eligibility per route and level.

Every (route, level) row the notice offers is tested with ``row_issues``: the rows without an
issue are the applicant's eligible options, and the issues of the pair the applicant chose are
reported (``pair_issues``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import NamedTuple

from zhicheng_app.i18n import _
from zhicheng_app.rules.context import COMPETENT_OR_BETTER, PrecheckContext, full_years, years_text
from zhicheng_app.rules.model import ExamRequirementRow, InitialJuniorRow, NoticeRoute
from zhicheng_app.rules.vocabulary import (
	EDUCATION_RANK,
	LEVEL_RANK,
	Assessment,
	Education,
	Level,
	Location,
	Ownership,
	Route,
	ServiceKind,
	UnitCategory,
)

ONE_DAY = datetime.timedelta(days=1)
_LEVEL_OF_RANK = {rank: level for level, rank in LEVEL_RANK.items()}
_ROUTE_AND_LEVEL_VALUES = frozenset({*Route, *Level})
_SERVICE_KINDS = frozenset(ServiceKind)


class Issue(NamedTuple):
	"""A blocking eligibility issue: the rule, its message arguments and the profile field."""

	rule_id: str
	args: tuple = ()
	field: str | None = None


def _label(value: str) -> str:
	"""The translated label of a route or level; any other text (an unknown value, reported by
	INPUT-UNKNOWN) as it is."""
	return _(value) if value in _ROUTE_AND_LEVEL_VALUES else value


def offered(ctx: PrecheckContext, route: str, level: str) -> NoticeRoute | None:
	"""The notice's (first) row offering ``route`` at ``level``, or None."""
	return next((r for r in ctx.notice.routes if r.route == route and r.level == level), None)


# ----------------------------------------------------------------------------- level-wide checks


def in_scope(ctx: PrecheckContext, level: str) -> bool:
	"""Is the applicant's series and profession at ``level`` within the notice's scope? Scope rows
	match the series (empty = any), the profession (empty = any) and the level (empty = any):
	a matching excluded row removes it; when the notice has whitelist rows, one must match."""
	profile, scope = ctx.profile, ctx.notice.scope

	def matches(row) -> bool:
		return (
			(not row.series or row.series == profile.series)
			and (not row.profession or row.profession == profile.profession)
			and (not row.level or row.level == level)
		)

	if any(row.excluded and matches(row) for row in scope):
		return False
	whitelist = [row for row in scope if not row.excluded]
	return not whitelist or any(matches(row) for row in whitelist)


def exam_replaced(ctx: PrecheckContext, level: str) -> bool:
	"""Is the profession one where the national exam replaces evaluation (国家以考代评) at ``level``,
	by the applicant's word or by the notice's list (exact series and profession, empty level = all)?"""
	profile = ctx.profile
	return profile.profession_exam_replaced or any(
		row.series == profile.series
		and row.profession == profile.profession
		and (not row.level or row.level == level)
		for row in ctx.notice.exam_replaced_professions
	)


def exam_requirement(ctx: PrecheckContext, level: str) -> ExamRequirementRow | None:
	"""The notice's first exam requirement for the applicant's series and profession at ``level``."""
	profile = ctx.profile
	for row in ctx.notice.exam_requirements:
		if (
			(not row.series or row.series == profile.series)
			and (not row.profession or row.profession == profile.profession)
			and (not row.level or row.level == level)
		):
			return row
	return None


def _exam_issue(ctx: PrecheckContext, requirement: ExamRequirementRow) -> Issue | None:
	"""None when a score of the required exam counts this year. A passing score counts for
	``pass_valid_years`` (0 = always), a failing one for ``fail_valid_years`` (0 = never)."""
	year = ctx.campaign_year
	reason = _("no score entered")
	for score in ctx.profile.exam_scores:
		if requirement.exam and score.exam and score.exam != requirement.exam:
			continue
		if requirement.any_score_counts:
			return None
		if score.passed:
			valid = requirement.pass_valid_years
			if valid <= 0 or score.exam_year + valid - 1 >= year:
				return None
			reason = _("the passing score of {0} was valid for {1} years").format(score.exam_year, valid)
		else:
			valid = requirement.fail_valid_years
			if valid > 0 and score.exam_year + valid - 1 >= year:
				return None
			reason = _("a score below the national standard ({0}) counts only in its own year").format(
				score.exam_year
			)
	return Issue("EXAM-SCORE", (requirement.exam, reason), "exam_scores")


def _years_not_competent(ctx: PrecheckContext, years: range) -> list[int]:
	"""Years among ``years`` whose appraisal is missing or worse than Competent."""
	return [y for y in years if ctx.assessments_by_year.get(y) not in COMPETENT_OR_BETTER]


def _skill_issues(ctx: PrecheckContext, level: str) -> list[Issue]:
	"""两类人才贯通: a skill level held long enough for a title at ``level`` or above, and good
	appraisals in the last years before the cut-off year."""
	notice, profile = ctx.notice, ctx.profile
	rows = notice.skill_integration
	if not rows:
		return [Issue("SKILL-NOT-OFFERED", (), "via_skill_integration")]
	issues = []
	rank = LEVEL_RANK.get(level, 0)
	leading = [row for row in rows if LEVEL_RANK.get(row.target_level, 0) >= rank]
	if not any(
		skill.skill_level == row.skill_level and full_years(skill.obtained_date, ctx.cutoff) >= row.min_years
		for row in leading
		for skill in profile.skills
	):
		options = [
			_("{0} held for at least {1} year(s)").format(_(row.skill_level), row.min_years)
			if row.min_years
			else _(row.skill_level)
			for row in leading
		]
		issues.append(Issue("SKILL-LEVEL", (_label(level), "；".join(options) or _("none")), "skills"))
	count = notice.skill_integration_assessment_years
	if count > 0 and any(row.min_years for row in rows):
		last = ctx.cutoff.year - 1
		years = range(last - count + 1, last + 1)
		if _years_not_competent(ctx, years):
			issues.append(Issue("SKILL-ASSESS", ("、".join(map(str, years)),), "assessments"))
	return issues


# ----------------------------------------------------------------------------- route checks


def _unit_in_region(ctx: PrecheckContext) -> bool:
	region = ctx.notice.region
	prefecture = ctx.profile.unit.prefecture
	return not region or not prefecture or prefecture == region


def _unit_region_issues(ctx: PrecheckContext) -> list[Issue]:
	"""The confirmation routes (004) are for units of the notice's region."""
	if _unit_in_region(ctx):
		return []
	return [Issue("CONF-UNIT", (ctx.notice.region,), "unit.prefecture")]


def _competent_issues(ctx: PrecheckContext) -> list[Issue]:
	"""The latest annual appraisal (years not assessed left out) must be Competent or better."""
	if not ctx.notice.confirmation_requires_competent:
		return []
	appraised = [a for a in ctx.profile.assessments if a.result != Assessment.NOT_ASSESSED]
	# the first of the latest year
	latest = max(appraised, key=lambda a: a.year) if appraised else None
	if latest is None or latest.result not in COMPETENT_OR_BETTER:
		return [Issue("CONF-ASSESS", (), "assessments")]
	return []


def _professional_start(ctx: PrecheckContext) -> datetime.date | None:
	profile = ctx.profile
	return profile.professional_start_date or profile.work_start_date


def _directed(ctx: PrecheckContext, level: str) -> list[Issue]:
	if not _unit_in_region(ctx):
		return [Issue("DIR-REGION", (ctx.notice.region,), "unit.prefecture")]
	return []


def _private(ctx: PrecheckContext, level: str) -> list[Issue]:
	"""Staff of private enterprises licensed in the notice's region; where the notice allows it,
	freelancers whose files a personnel agency there holds, and staff posted by private
	enterprises from outside Xinjiang for long enough."""
	notice, profile = ctx.notice, ctx.profile
	unit = profile.unit
	issues = []
	from_outside = (not unit.in_xinjiang) or unit.category == UnitCategory.OUT_OF_PROVINCE_ENTERPRISE
	admitted = False
	if unit.ownership == Ownership.PRIVATE_ENTERPRISE:
		if from_outside:
			if notice.private_allow_out_of_xinjiang:
				admitted = True
				need = notice.private_min_posting_years
				if full_years(unit.posted_since, ctx.cutoff) < need:
					args = (need, ctx.cutoff.isoformat(), years_text(unit.posted_since, ctx.cutoff))
					issues.append(Issue("PRIV-POSTING", args, "unit.posted_since"))
		elif not notice.private_licence_region or unit.licence_region == notice.private_licence_region:
			admitted = True
	if (
		not admitted
		and notice.private_allow_personnel_agency
		and (profile.personnel_agency_filed or unit.category == UnitCategory.PERSONNEL_AGENCY)
	):
		admitted = True
	if not admitted:
		also = []
		if notice.private_allow_personnel_agency:
			also.append(_(", freelancers whose files are held by a personnel agency there"))
		if notice.private_allow_out_of_xinjiang:
			also.append(_(", or staff posted there by private enterprises from outside Xinjiang"))
		region = notice.private_licence_region or _("this region")
		issues.append(Issue("PRIV-SCOPE", (region, "".join(also)), "unit.ownership"))
	if notice.private_exclude_retirees and profile.employment_status == "Retired":
		issues.append(Issue("PRIV-RETIRED", (), "employment_status"))
	return issues


def _region(ctx: PrecheckContext, level: str) -> list[Issue]:
	"""Aid-to-Xinjiang staff (002): reported for duty before the notice's date, still serving, and
	posted for long enough."""
	notice, profile = ctx.notice, ctx.profile
	if not (profile.aid_staff and notice.aid_allowed):
		return []
	problems = []
	reported = profile.aid_report_date
	if reported is None:
		problems.append(_("enter the date you reported for duty"))
	elif notice.aid_report_before and reported >= notice.aid_report_before:
		problems.append(
			_("you must have reported for duty before {0}").format(notice.aid_report_before.isoformat())
		)
	if not profile.aid_serving:
		problems.append(_("you must be serving the posting now"))
	end = profile.aid_posting_end
	if reported is not None and (end is None or full_years(reported, end) < notice.aid_min_posting_years):
		problems.append(_("the posting must last at least {0} year(s)").format(notice.aid_min_posting_years))
	if problems:
		return [Issue("REG-AID", ("；".join(problems),), "aid_report_date")]
	return []


def _grant(ctx: PrecheckContext, level: str) -> list[Issue]:
	"""授予: the best degree held decides the level granted."""
	degrees = {row.degree for row in ctx.profile.education}
	granted = None
	for row in ctx.notice.degree_grants:
		if row.degree in degrees and (
			granted is None or LEVEL_RANK.get(row.level, 0) > LEVEL_RANK.get(granted, 0)
		):
			granted = row.level
	issues = []
	if granted is None:
		required = _("a postdoctoral station, doctorate or master's degree is required")
		issues.append(Issue("GRANT-DEGREE", (required,), "education"))
	elif granted != level:
		granted_text = _("your degree is granted at {0} level").format(_(granted))
		issues.append(Issue("GRANT-DEGREE", (granted_text,), "target_level"))
	return issues + _unit_region_issues(ctx) + _competent_issues(ctx)


def _initial_junior(ctx: PrecheckContext, level: str) -> list[Issue]:
	"""初定初级: a full-time diploma (or a Party-school one in a township or a category-IV county)
	held for the notice's years decides the level."""
	notice, profile = ctx.notice, ctx.profile
	unit = profile.unit
	rules = {row.education: row for row in notice.initial_junior_rules}
	party_school_counts = notice.party_school_equivalence and (
		unit.location == Location.TOWNSHIP or (unit.location == Location.COUNTY and unit.category_iv_area)
	)
	best: InitialJuniorRow | None = None
	for row in profile.education:
		if not (row.full_time or (row.party_school and party_school_counts)):
			continue
		education = row.education
		if EDUCATION_RANK.get(education, 0) > EDUCATION_RANK[Education.BACHELOR]:
			education = Education.BACHELOR  # a postgraduate degree counts as a bachelor's here
		rule = rules.get(education)
		if rule is not None and (
			best is None or EDUCATION_RANK.get(rule.education, 0) > EDUCATION_RANK.get(best.education, 0)
		):
			best = rule
	issues = []
	if best is None:
		issues.append(Issue("INIT-EDUCATION", (), "education"))
	else:
		start, cutoff = _professional_start(ctx), ctx.cutoff
		if start is None or start > cutoff or full_years(start, cutoff) < best.min_years:
			args = (_(best.education), best.min_years, cutoff.isoformat(), years_text(start, cutoff))
			issues.append(Issue("INIT-YEARS", args, "professional_start_date"))
		if LEVEL_RANK.get(level, 0) > LEVEL_RANK.get(best.level, 0):
			issues.append(Issue("INIT-LEVEL", (_(best.education), _(best.level)), "target_level"))
	return issues + _unit_region_issues(ctx) + _competent_issues(ctx)


def _township(ctx: PrecheckContext, level: str) -> list[Issue]:
	"""乡（镇）初定中级: a bachelor's diploma and the notice's years of work in a township unit."""
	notice, profile = ctx.notice, ctx.profile
	issues = []
	if profile.unit.location != Location.TOWNSHIP:
		issues.append(Issue("TOWN-LOCATION", (), "unit.location"))
	need_rank = EDUCATION_RANK.get(notice.township_education, 3)
	if not any(EDUCATION_RANK.get(row.education, 0) >= need_rank for row in profile.education):
		issues.append(Issue("TOWN-EDUCATION", (), "education"))
	start, cutoff, need = _professional_start(ctx), ctx.cutoff, notice.township_min_years
	if full_years(start, cutoff) < need:
		args = (need, cutoff.isoformat(), years_text(start, cutoff))
		issues.append(Issue("TOWN-YEARS", args, "professional_start_date"))
	return issues + _unit_region_issues(ctx) + _competent_issues(ctx)


def longest_service(
	ctx: PrecheckContext, after: datetime.date | None
) -> tuple[datetime.date | None, datetime.date | None]:
	"""(start, end) of the longest continuous grass-roots service (rows joined when the gap is at
	most 31 days), counting only service on or after ``after``; open-ended rows run to the cut-off.
	(None, None) when there is none."""
	cutoff = ctx.cutoff
	spans = []
	for row in ctx.profile.service:
		if row.kind not in _SERVICE_KINDS or row.start_date is None:
			continue
		start = max(row.start_date, after) if after is not None else row.start_date
		end = min(row.end_date or cutoff, cutoff)
		if end >= start:
			spans.append((start, end))
	if not spans:
		return None, None
	spans.sort()
	best = current = spans[0]
	for start, end in spans[1:]:
		if (start - current[1]).days <= 31:
			current = (current[0], max(current[1], end))
		else:
			current = (start, end)
		if current[1] - current[0] > best[1] - best[0]:
			best = current
	return best


def _fanghuiju(ctx: PrecheckContext, level: str) -> list[Issue]:
	"""“访惠聚”三年高定: the level above the current title, after the notice's years of continuous
	grass-roots service since the title and as many years rated Excellent."""
	notice = ctx.notice
	title = ctx.title
	issues = []
	if title is None or title.obtained_date is None:
		issues.append(Issue("FHJ-TITLE", (), "titles"))
	else:
		current_rank = LEVEL_RANK.get(title.level, 0)
		if LEVEL_RANK.get(level, 0) != current_rank + 1:
			next_level = _LEVEL_OF_RANK.get(current_rank + 1)
			issues.append(Issue("FHJ-LEVEL", (_(next_level) if next_level else _("none"),), "target_level"))
	start, end = longest_service(ctx, title.obtained_date if title is not None else None)
	# the service must reach the full number of years: end >= start + N years - 1 day
	need = notice.fanghuiju_years
	if start is None or end is None or full_years(start, end + ONE_DAY) < need:
		served = years_text(start, end + ONE_DAY) if start and end else _("none")
		issues.append(Issue("FHJ-SERVICE", (need, served), "service"))
	last = ctx.cutoff.year - 1
	years = range(last - need + 1, last + 1)
	if any(ctx.assessments_by_year.get(y) != Assessment.EXCELLENT for y in years):
		issues.append(Issue("FHJ-EXCELLENT", ("、".join(map(str, years)),), "assessments"))
	return issues + _unit_region_issues(ctx)


ROUTE_CHECKS: dict[str, Callable[[PrecheckContext, str], list[Issue]]] = {
	Route.DIRECTED: _directed,
	Route.PRIVATE: _private,
	Route.REGION: _region,
	Route.GRANT: _grant,
	Route.INITIAL_JUNIOR: _initial_junior,
	Route.TOWNSHIP_INTERMEDIATE: _township,
	Route.FANGHUIJU: _fanghuiju,
}


# ----------------------------------------------------------------------------- the family


def row_issues(ctx: PrecheckContext, row: NoticeRoute) -> list[Issue]:
	"""Blocking issues of the notice's route row ``row`` for this applicant."""
	profile, level = ctx.profile, row.level
	issues = []
	if not in_scope(ctx, level):
		issues.append(
			Issue("SCOPE-PROFESSION", (profile.series, profile.profession, _label(level)), "profession")
		)
	if row.excludes_exam_replaced and exam_replaced(ctx, level):
		issues.append(Issue("SCOPE-EXAM-REPLACED", (), "profession"))
	route_check = ROUTE_CHECKS.get(row.route)
	if route_check is not None:
		issues += route_check(ctx, level)
	if profile.via_skill_integration:
		issues += _skill_issues(ctx, level)
	requirement = exam_requirement(ctx, level)
	if requirement is not None:
		exam_issue = _exam_issue(ctx, requirement)
		if exam_issue is not None:
			issues.append(exam_issue)
	return issues


def pair_issues(ctx: PrecheckContext, route: str, level: str) -> list[Issue]:
	"""Blocking issues of ``route`` at ``level`` for this applicant."""
	row = offered(ctx, route, level)
	if row is None:
		return [Issue("ROUTE-NOT-OFFERED", (_label(route), _label(level)), "target_level")]
	return row_issues(ctx, row)


def check_eligibility(ctx: PrecheckContext) -> None:
	"""Report the issues of the chosen route and level; the eligible routes, levels (under the
	chosen route when it is eligible, else under all) and options go into the result."""
	profile = ctx.profile
	options = [
		{"route": row.route, "level": row.level, "committee": row.committee, "module": row.module}
		for row in ctx.notice.routes
		if not row_issues(ctx, row)
	]
	if profile.route and profile.target_level:
		for issue in pair_issues(ctx, profile.route, profile.target_level):
			ctx.add(issue.rule_id, issue.args, issue.field)
	if ctx.tech_school_equivalent is not None:
		school_class, education = ctx.tech_school_equivalent
		ctx.add("TECH-SCHOOL", (_(school_class), _(education)), "education")
	if ctx.fraud_ban:
		return  # a fraud ban in force: nothing is eligible
	routes = list(dict.fromkeys(option["route"] for option in options))
	chosen = profile.route if profile.route in routes else None
	levels = list(
		dict.fromkeys(option["level"] for option in options if chosen is None or option["route"] == chosen)
	)
	ctx.result.eligible_routes, ctx.result.eligible_levels = routes, levels
	ctx.result.eligible_options = options
