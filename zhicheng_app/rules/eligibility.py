"""Rule family: eligibility per route and level [spec §2].

``pair_issues(ctx, route, level)`` lists the blocking issues of one (route, level) as
``(rule_id, args, field)`` tuples without translating anything, so the engine can test every
offered pair to derive the eligible routes and levels, and report only the chosen one.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from types import MappingProxyType
from typing import Any, Final

from zhicheng_app.rules.context import COMPETENT_OR_BETTER, Ctx, full_years, notice_table, years_tr
from zhicheng_app.rules.model import AssessmentRow, InitialJuniorRow
from zhicheng_app.rules.registry import Join, Tr, tr
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

# vocabulary members as module constants: attribute access on an Enum class is slow
_UNITCATEGORY_CENTRAL_IN_XINJIANG: Final = UnitCategory.CENTRAL_IN_XINJIANG
_UNITCATEGORY_OUT_OF_PROVINCE_ENTERPRISE: Final = UnitCategory.OUT_OF_PROVINCE_ENTERPRISE
_UNITCATEGORY_MILITARY: Final = UnitCategory.MILITARY
_OWNERSHIP_PRIVATE_ENTERPRISE: Final = Ownership.PRIVATE_ENTERPRISE
_UNITCATEGORY_PERSONNEL_AGENCY: Final = UnitCategory.PERSONNEL_AGENCY
_ASSESSMENT_NOT_ASSESSED: Final = Assessment.NOT_ASSESSED
_LOCATION_TOWNSHIP: Final = Location.TOWNSHIP
_LOCATION_COUNTY: Final = Location.COUNTY
_EDUCATION_BACHELOR: Final = Education.BACHELOR
_EDUCATION_HIGH_SCHOOL: Final = Education.HIGH_SCHOOL
_ASSESSMENT_EXCELLENT: Final = Assessment.EXCELLENT
_ROUTE_DIRECTED: Final = Route.DIRECTED
_ROUTE_PRIVATE: Final = Route.PRIVATE
_ROUTE_REGION: Final = Route.REGION
_ROUTE_GRANT: Final = Route.GRANT
_ROUTE_INITIAL_JUNIOR: Final = Route.INITIAL_JUNIOR
_ROUTE_TOWNSHIP_INTERMEDIATE: Final = Route.TOWNSHIP_INTERMEDIATE
_ROUTE_FANGHUIJU: Final = Route.FANGHUIJU

Issue = tuple[str, Any, str]  # (rule_id, args: a tuple or a function returning one, field)

_ENTRUSTED: Final = frozenset(
	{_UNITCATEGORY_CENTRAL_IN_XINJIANG, _UNITCATEGORY_OUT_OF_PROVINCE_ENTERPRISE, _UNITCATEGORY_MILITARY}
)
_SERVICE_KINDS: Final = frozenset(ServiceKind)
_LEVEL_ENUMS: Final = (Level,)
_RANK_LEVEL: Final = {v: k for k, v in LEVEL_RANK.items()}


# ----------------------------------------------------------------------------- shared checks


@notice_table("eligibility")
def _compile(n) -> tuple:
	"""Per-notice tables: offered rows by (route, level), scope rows, exam rows, and indexes of the
	scope rows by series (""= any series) and of the exam-replaced levels by (series, profession)."""
	offered_rows: dict = {}
	for r in n.routes:
		offered_rows.setdefault((r.route, r.level), r)
	excluded = tuple((r.series, r.profession, r.level) for r in n.scope if r.excluded)
	whitelist = tuple((r.series, r.profession, r.level) for r in n.scope if not r.excluded)
	replaced = tuple((r.series, r.profession, r.level) for r in n.exam_replaced_professions)
	scope_index: dict = {}
	for r in n.scope:
		scope_index.setdefault(r.series, []).append((r.profession, r.level, bool(r.excluded)))
	replaced_index: dict = {}
	for s, pr, lv in replaced:
		replaced_index.setdefault((s, pr), set()).add(lv)
	return (
		offered_rows,
		excluded,
		whitelist,
		replaced,
		tuple(n.exam_requirements),
		{k: tuple(v) for k, v in scope_index.items()},
		{k: frozenset(v) for k, v in replaced_index.items()},
	)


def _tables(ctx: Ctx) -> tuple:
	return ctx.facts.table("eligibility")


def exam_requirement(ctx: Ctx, level: str):
	p = ctx.p
	for r in _tables(ctx)[4]:
		if (
			(not r.series or r.series == p.series)
			and (not r.profession or r.profession == p.profession)
			and (not r.level or r.level == level)
		):
			return r
	return None


_NO_SCORE: Final = tr("no score entered")


def _exam_issue_for(ctx: Ctx, req) -> Issue | None:
	if req is None:
		return None
	year = ctx.campaign_year
	best_reason = _NO_SCORE
	for s in ctx.p.exam_scores:
		if req.exam and s.exam and s.exam != req.exam:
			continue
		if req.any_score_counts:
			return None
		if s.passed:
			if req.pass_valid_years <= 0 or s.exam_year + req.pass_valid_years - 1 >= year:
				return None
			best_reason = tr(
				"the passing score of {0} was valid for {1} years", s.exam_year, req.pass_valid_years
			)
		else:
			if req.fail_valid_years > 0 and s.exam_year + req.fail_valid_years - 1 >= year:
				return None
			best_reason = tr(
				"a score below the national standard ({0}) counts only in its own year", s.exam_year
			)
	return ("EXAM-SCORE", (req.exam, best_reason), "exam_scores")


def _assessments_ok(ctx: Ctx, years) -> list[int]:
	"""Years among ``years`` whose appraisal is missing or worse than Competent."""
	amap = ctx.assessment_map()
	return [y for y in years if amap.get(y) not in COMPETENT_OR_BETTER]


def _skill_options(rows, rank: int) -> Join | Tr:
	"""The skill levels (and years held) that lead to a title at level rank ``rank`` or above."""
	options = [
		tr("{0} held for at least {1} year(s)", tr(row.skill_level), row.min_years)
		if row.min_years
		else tr(row.skill_level)
		for row in rows
		if LEVEL_RANK.get(row.target_level, 0) >= rank
	]
	return Join("；", options) if options else tr("none")


def _skill_issues(ctx: Ctx, level: str) -> list[Issue]:
	n, p = ctx.n, ctx.p
	rows = n.skill_integration
	if not rows:
		return [("SKILL-NOT-OFFERED", (), "via_skill_integration")]
	out: list[Issue] = []
	rank = LEVEL_RANK.get(level, 0)
	ok = False
	for row in rows:
		if LEVEL_RANK.get(row.target_level, 0) < rank:
			continue
		for s in p.skills:
			if s.skill_level == row.skill_level and full_years(s.obtained_date, ctx.cutoff) >= row.min_years:
				ok = True
	if not ok:
		# the message arguments are built only if this level's issues are reported
		out.append(("SKILL-LEVEL", lambda: (level, _skill_options(rows, rank)), "skills"))
	k = n.skill_integration_assessment_years
	if k > 0:
		bad = ctx.memo.get("skill_assess")
		if bad is None:
			if any(r.min_years for r in rows):
				last = ctx.cutoff.year - 1
				years = range(last - k + 1, last + 1)
				bad = (years,) if _assessments_ok(ctx, years) else ()
			else:
				bad = ()
			ctx.memo["skill_assess"] = bad
		if bad:
			years = bad[0]
			out.append(("SKILL-ASSESS", lambda: ("、".join(map(str, years)),), "assessments"))
	return out


def _unit_in_region(ctx: Ctx) -> bool:
	region = ctx.n.region
	pref = ctx.p.unit.prefecture
	return not region or not pref or pref == region


# ----------------------------------------------------------------------------- routes


def _directed(ctx: Ctx, level: str) -> list[Issue]:
	if not _unit_in_region(ctx):
		return [("DIR-REGION", (ctx.n.region,), "unit.prefecture")]
	return []


def _private(ctx: Ctx, level: str) -> list[Issue]:
	n, p = ctx.n, ctx.p
	u = p.unit
	out: list[Issue] = []
	region = n.private_licence_region
	out_of_xj = (not u.in_xinjiang) or u.category == _UNITCATEGORY_OUT_OF_PROVINCE_ENTERPRISE
	ok = False
	if u.ownership == _OWNERSHIP_PRIVATE_ENTERPRISE:
		if out_of_xj:
			if n.private_allow_out_of_xinjiang:
				ok = True
				need, since, cutoff = n.private_min_posting_years, u.posted_since, ctx.cutoff
				if full_years(since, cutoff) < need:
					out.append(
						(
							"PRIV-POSTING",
							lambda: (need, cutoff.isoformat(), years_tr(since, cutoff)),
							"unit.posted_since",
						)
					)
		elif not region or u.licence_region == region:
			ok = True
	if (
		not ok
		and n.private_allow_personnel_agency
		and (p.personnel_agency_filed or u.category == _UNITCATEGORY_PERSONNEL_AGENCY)
	):
		ok = True
	if not ok:
		out.append(("PRIV-SCOPE", lambda: _private_scope_args(n), "unit.ownership"))
	if n.private_exclude_retirees and p.employment_status == "Retired":
		out.append(("PRIV-RETIRED", (), "employment_status"))
	return out


def _private_scope_args(n) -> tuple:
	extra = []
	if n.private_allow_personnel_agency:
		extra.append(tr(", freelancers whose files are held by a personnel agency there"))
	if n.private_allow_out_of_xinjiang:
		extra.append(tr(", or staff posted there by private enterprises from outside Xinjiang"))
	return (n.private_licence_region or tr("this region"), Join("", extra))


def _region(ctx: Ctx, level: str) -> list[Issue]:
	n, p = ctx.n, ctx.p
	out: list[Issue] = []
	if p.aid_staff and n.aid_allowed:
		problems = []
		if p.aid_report_date is None:
			problems.append(tr("enter the date you reported for duty"))
		elif n.aid_report_before and p.aid_report_date >= n.aid_report_before:
			problems.append(tr("you must have reported for duty before {0}", n.aid_report_before.isoformat()))
		if not p.aid_serving:
			problems.append(tr("you must be serving the posting now"))
		end = p.aid_posting_end
		if p.aid_report_date is not None and (
			end is None or full_years(p.aid_report_date, end) < n.aid_min_posting_years
		):
			problems.append(tr("the posting must last at least {0} year(s)", n.aid_min_posting_years))
		if problems:
			out.append(("REG-AID", (Join("；", problems),), "aid_report_date"))
	return out


def _competent(ctx: Ctx) -> Issue | None:
	if "competent" in ctx.memo:
		return ctx.memo["competent"]
	issue = ctx.memo["competent"] = _competent_uncached(ctx)
	return issue


def _competent_uncached(ctx: Ctx) -> Issue | None:
	if not ctx.n.confirmation_requires_competent:
		return None
	latest: AssessmentRow | None = None
	for a in ctx.p.assessments:
		if a.result == _ASSESSMENT_NOT_ASSESSED:
			continue
		if latest is None or a.year > latest.year:
			latest = a
	if latest is None or latest.result not in COMPETENT_OR_BETTER:
		return ("CONF-ASSESS", (), "assessments")
	return None


def _grant(ctx: Ctx, level: str) -> list[Issue]:
	common = ctx.memo.get("grant")
	if common is None:
		common = ctx.memo["grant"] = _grant_common(ctx)
	granted, tail = common
	if granted is None:
		out: list[Issue] = [
			(
				"GRANT-DEGREE",
				(tr("a postdoctoral station, doctorate or master's degree is required"),),
				"education",
			)
		]
	elif granted != level:
		out = [("GRANT-DEGREE", (tr("your degree is granted at {0} level", tr(granted)),), "target_level")]
	else:
		out = []
	out.extend(tail)
	return out


def _grant_common(ctx: Ctx) -> tuple:
	"""(level granted by the best degree or None, issues that do not depend on the level)."""
	degrees = {e.degree for e in ctx.p.education}
	granted: str | None = None
	for row in ctx.n.degree_grants:
		if row.degree in degrees and (
			granted is None or LEVEL_RANK.get(row.level, 0) > LEVEL_RANK.get(granted, 0)
		):
			granted = row.level
	tail = []
	if not _unit_in_region(ctx):
		tail.append(("CONF-UNIT", (ctx.n.region,), "unit.prefecture"))
	c = _competent(ctx)
	if c:
		tail.append(c)
	return granted, tail


def _professional_start(ctx: Ctx) -> datetime.date | None:
	p = ctx.p
	if p.professional_start_date:
		return p.professional_start_date
	return p.work_start_date


def _initial_junior(ctx: Ctx, level: str) -> list[Issue]:
	common = ctx.memo.get("initial_junior")
	if common is None:
		common = ctx.memo["initial_junior"] = _initial_junior_common(ctx)
	best, head, tail = common
	out = list(head)
	if best is not None and LEVEL_RANK.get(level, 0) > LEVEL_RANK.get(best.level, 0):
		out.append(("INIT-LEVEL", (tr(best.education), tr(best.level)), "target_level"))
	out.extend(tail)
	return out


def _initial_junior_common(ctx: Ctx) -> tuple:
	"""(best matching rule or None, issues before the level check, issues after it)."""
	n, p = ctx.n, ctx.p
	u = p.unit
	head: list[Issue] = []
	rules = {r.education: r for r in n.initial_junior_rules}
	party_ok = n.party_school_equivalence and (
		u.location == _LOCATION_TOWNSHIP or (u.location == _LOCATION_COUNTY and u.category_iv_area)
	)
	best: InitialJuniorRow | None = None
	for e in p.education:
		if not (e.full_time or (e.party_school and party_ok)):
			continue
		edu = e.education
		if EDUCATION_RANK.get(edu, 0) > EDUCATION_RANK[_EDUCATION_BACHELOR]:
			edu = _EDUCATION_BACHELOR
		r = rules.get(edu)
		if r is None and edu == _EDUCATION_HIGH_SCHOOL:
			continue
		if r is not None and (
			best is None or EDUCATION_RANK.get(r.education, 0) > EDUCATION_RANK.get(best.education, 0)
		):
			best = r
	if best is None:
		head.append(("INIT-EDUCATION", (), "education"))
	else:
		start = _professional_start(ctx)
		cutoff = ctx.cutoff
		if start is None or start > cutoff or full_years(start, cutoff) < best.min_years:
			rule = best
			head.append(
				(
					"INIT-YEARS",
					lambda: (
						tr(rule.education),
						rule.min_years,
						cutoff.isoformat(),
						years_tr(start, cutoff),
					),
					"professional_start_date",
				)
			)
	tail = []
	if not _unit_in_region(ctx):
		tail.append(("CONF-UNIT", (n.region,), "unit.prefecture"))
	c = _competent(ctx)
	if c:
		tail.append(c)
	return best, head, tail


def _township(ctx: Ctx, level: str) -> list[Issue]:
	n, p = ctx.n, ctx.p
	out: list[Issue] = []
	if p.unit.location != _LOCATION_TOWNSHIP:
		out.append(("TOWN-LOCATION", (), "unit.location"))
	need = EDUCATION_RANK.get(n.township_education, 3)
	if not any(EDUCATION_RANK.get(e.education, 0) >= need for e in p.education):
		out.append(("TOWN-EDUCATION", (), "education"))
	start = _professional_start(ctx)
	cutoff, need = ctx.cutoff, n.township_min_years
	if full_years(start, cutoff) < need:
		out.append(
			(
				"TOWN-YEARS",
				lambda: (need, cutoff.isoformat(), years_tr(start, cutoff)),
				"professional_start_date",
			)
		)
	if not _unit_in_region(ctx):
		out.append(("CONF-UNIT", (n.region,), "unit.prefecture"))
	c = _competent(ctx)
	if c:
		out.append(c)
	return out


def longest_service(
	ctx: Ctx, after: datetime.date | None
) -> tuple[datetime.date | None, datetime.date | None]:
	"""Longest continuous grass-roots service (rows joined when the gap is at most 31 days),
	counting only service on or after ``after``; open-ended rows run to the cut-off."""
	spans = []
	for row in ctx.p.service:
		if row.kind not in _SERVICE_KINDS or row.start_date is None:
			continue
		start = row.start_date
		end = row.end_date or ctx.cutoff
		if end > ctx.cutoff:
			end = ctx.cutoff
		if after is not None and start < after:
			start = after
		if end >= start:
			spans.append((start, end))
	if not spans:
		return None, None
	spans.sort()
	best = cur = spans[0]
	for s, e in spans[1:]:
		if (s - cur[1]).days <= 31:
			cur = (cur[0], max(cur[1], e))
		else:
			cur = (s, e)
		if (cur[1] - cur[0]) > (best[1] - best[0]):
			best = cur
	if (cur[1] - cur[0]) > (best[1] - best[0]):
		best = cur
	return best


def _fanghuiju(ctx: Ctx, level: str) -> list[Issue]:
	common = ctx.memo.get("fanghuiju")
	if common is None:
		common = ctx.memo["fanghuiju"] = _fanghuiju_common(ctx)
	cur_rank, next_level, tail = common
	if cur_rank is None:
		out: list[Issue] = [("FHJ-TITLE", (), "titles")]
	elif LEVEL_RANK.get(level, 0) != cur_rank + 1:
		out = [("FHJ-LEVEL", (tr(next_level) if next_level else tr("none"),), "target_level")]
	else:
		out = []
	out.extend(tail)
	return out


def _fanghuiju_common(ctx: Ctx) -> tuple:
	"""(rank of the current title or None when there is none, the level above it, issues that do
	not depend on the level)."""
	n = ctx.n
	out: list[Issue] = []
	t = ctx.title
	if t is None or t.obtained_date is None:
		cur_rank = next_level = None
	else:
		cur_rank = LEVEL_RANK.get(t.level, 0)
		next_level = _RANK_LEVEL.get(cur_rank + 1)
	after = t.obtained_date if t is not None else None
	start, end = longest_service(ctx, after)
	# service must reach the full number of years: end >= start + N years - 1 day (month granularity)
	need = n.fanghuiju_years
	if start is None or end is None or full_years(start, end + _ONE_DAY) < need:
		out.append(
			(
				"FHJ-SERVICE",
				lambda: (need, years_tr(start, end + _ONE_DAY) if start and end else tr("none")),
				"service",
			)
		)
	last = ctx.cutoff.year - 1
	years = range(last - need + 1, last + 1)
	amap = ctx.assessment_map()
	for y in years:
		if amap.get(y) != _ASSESSMENT_EXCELLENT:
			out.append(("FHJ-EXCELLENT", lambda: ("、".join(map(str, years)),), "assessments"))
			break
	if not _unit_in_region(ctx):
		out.append(("CONF-UNIT", (n.region,), "unit.prefecture"))
	return cur_rank, next_level, out


_ONE_DAY: Final = datetime.timedelta(days=1)

_ROUTE_CHECKS: Final[dict[str, Callable[[Ctx, str], list[Issue]]]] = {
	_ROUTE_DIRECTED: _directed,
	_ROUTE_PRIVATE: _private,
	_ROUTE_REGION: _region,
	_ROUTE_GRANT: _grant,
	_ROUTE_INITIAL_JUNIOR: _initial_junior,
	_ROUTE_TOWNSHIP_INTERMEDIATE: _township,
	_ROUTE_FANGHUIJU: _fanghuiju,
}


# routes whose checks do not depend on the level; computed once per precheck
_LEVEL_INDEPENDENT: Final = frozenset(
	{_ROUTE_DIRECTED, _ROUTE_PRIVATE, _ROUTE_REGION, _ROUTE_TOWNSHIP_INTERMEDIATE}
)


def offered(ctx: Ctx, route: str, level: str):
	return _tables(ctx)[0].get((route, level))


def _level_issues(ctx: Ctx, level: str) -> tuple:
	"""(in scope, exam-replaced profession, skill issues, exam issue) at ``level``: the same for
	every route, so computed once per level."""
	key = ("level", level)
	hit = ctx.memo.get(key)
	if hit is None:
		hit = ctx.memo[key] = _level_facts(ctx, level)
	return hit


_EMPTY: Final[frozenset[str]] = frozenset()


def _scope_for(tables: tuple, series: str, profession: str) -> tuple:
	"""The notice's scope, exam-replaced and exam rows that match ``series`` and ``profession``,
	as (excluded levels, whitelisted levels, whitelist exists, exam-replaced levels, exam
	requirement rows); "" stands for every level."""
	_o, _e, whitelist, _r, exam_reqs, scope_index, replaced_index = tables
	exc: set[str] = set()
	white: set[str] = set()
	if scope_index:
		for rows in (scope_index.get(series, ()), scope_index.get("", ()) if series else ()):
			for pr, lv, excluded in rows:
				if not pr or pr == profession:
					(exc if excluded else white).add(lv)
	rep = replaced_index.get((series, profession), _EMPTY) if replaced_index else _EMPTY
	if exam_reqs:
		reqs = tuple(
			r
			for r in exam_reqs
			if (not r.series or r.series == series) and (not r.profession or r.profession == profession)
		)
	else:
		reqs = ()
	return exc, white, bool(whitelist), rep, reqs


def _level_scope(scope: tuple, level: str) -> tuple:
	"""(in scope, exam-replaced by the notice's list, exam requirement row or None) at ``level``."""
	exc, white, has_whitelist, rep, reqs = scope
	# in scope: excluded rows remove what they match; if whitelist rows exist one must match
	in_scope = not (exc and ("" in exc or level in exc)) and (
		not has_whitelist or "" in white or level in white
	)
	# the profession is one where the national exam replaces evaluation (at this level)
	replaced = bool(rep and ("" in rep or level in rep))
	req = None
	for r in reqs:  # exam_requirement(ctx, level)
		if not r.level or r.level == level:
			req = r
			break
	return in_scope, replaced, req


@notice_table("level_plans")
def _no_level_plans(n) -> dict:
	return {}


class LevelPlan:
	"""The notice's level-wide facts for one series and profession: ``levels`` maps every offered
	level to ``_level_scope``; ``static`` tells whether no level has an exam requirement (then,
	for an applicant not using the skill route, a level's eligibility does not depend on the
	rest of the profile); ``rows`` maps "profession exam-replaced" (False/True) to the offered
	rows that are eligible as far as their level goes (valid when ``static``)."""

	__slots__ = ("levels", "rows", "static")

	def __init__(self, levels: dict, route_rows: tuple):
		self.levels = levels
		self.static = all(req is None for _in_scope, _replaced, req in levels.values())
		self.rows = {
			pex: tuple(
				(route, level, check, independent, option)
				for route, level, excludes, check, independent, option in route_rows
				if levels[level][0] and not (excludes and (pex or levels[level][1]))
			)
			for pex in (False, True)
		}


def _level_plan(ctx: Ctx) -> LevelPlan:
	"""The ``LevelPlan`` of the applicant's series and profession: a table of the notice, kept per
	(series, profession)."""
	p = ctx.p
	key = (p.series, p.profession)
	plans = ctx.facts.table("level_plans")
	plan = plans.get(key)
	if plan is None:
		scope = _scope_for(ctx.facts.table("eligibility"), p.series, p.profession)
		levels = dict.fromkeys(r.level for r in ctx.n.routes)
		if len(plans) >= 4096:
			plans.clear()
		plan = plans[key] = LevelPlan(
			{level: _level_scope(scope, level) for level in levels}, ctx.facts.table("route_rows")
		)
	return plan


def _level_facts(ctx: Ctx, level: str) -> tuple:
	p = ctx.p
	hit = _level_plan(ctx).levels.get(level)
	if hit is None:  # a level the notice does not offer
		hit = _level_scope(_scope_for(ctx.facts.table("eligibility"), p.series, p.profession), level)
	in_scope, replaced, req = hit
	exam_replaced = p.profession_exam_replaced or replaced
	skill = _skill_issues(ctx, level) if p.via_skill_integration else ()
	exam = _exam_issue_for(ctx, req) if req is not None else None
	return in_scope, exam_replaced, skill, exam


def pair_issues(ctx: Ctx, route: str, level: str) -> list[Issue]:
	"""Blocking eligibility issues of one (route, level) for this applicant."""
	row = _tables(ctx)[0].get((route, level))
	if row is None:
		return [("ROUTE-NOT-OFFERED", (route, level), "target_level")]
	in_scope, exam_replaced, skill, exam = _level_issues(ctx, level)
	out: list[Issue] = []
	if not in_scope:
		out.append(("SCOPE-PROFESSION", (ctx.p.series, ctx.p.profession, level), "profession"))
	if row.excludes_exam_replaced and exam_replaced:
		out.append(("SCOPE-EXAM-REPLACED", (), "profession"))
	check = _ROUTE_CHECKS.get(route)
	if check is not None:
		if route in _LEVEL_INDEPENDENT:
			key = ("route", route)
			issues = ctx.memo.get(key)
			if issues is None:
				issues = ctx.memo[key] = check(ctx, level)
			out.extend(issues)
		else:
			out.extend(check(ctx, level))
	if skill:
		out.extend(skill)
	if exam:
		out.append(exam)
	return out


_VOCABULARY_VALUES: Final = frozenset(str(m) for e in (Route, *_LEVEL_ENUMS) for m in e)


def _translate_args(args) -> tuple:
	"""Route and level values are translated (when shown) only for the findings actually reported.
	``args`` may be a function that builds them (see ``Finding``)."""
	if args.__class__ is not tuple:
		args = args()
	return tuple(tr(a) if isinstance(a, str) and a in _VOCABULARY_VALUES else a for a in args)


def _report_args(args):
	"""The arguments of a reported issue, translated when its message is first read."""
	if not args:
		return ()
	return lambda: _translate_args(args)


@notice_table("route_rows")
def _route_rows(n) -> tuple:
	"""(route, level, the row excludes exam-replaced professions, route check, check independent
	of the level, option) per offered row; the option {route, level, committee, module} is a
	read-only mapping shared by the results."""
	return tuple(
		(
			r.route,
			r.level,
			bool(r.excludes_exam_replaced),
			_ROUTE_CHECKS.get(r.route),
			r.route in _LEVEL_INDEPENDENT,
			# shared by every result: read-only
			MappingProxyType(
				{"route": r.route, "level": r.level, "committee": r.committee, "module": r.module}
			),
		)
		for r in n.routes
	)


def check_eligibility(ctx: Ctx) -> tuple[list[str], list[str], list[dict]]:
	"""Report the chosen pair's issues; return (eligible routes, eligible levels, eligible options).

	Every offered pair is tested (as ``pair_issues`` does), but whether a pair has an issue is
	enough for all but the chosen one: the level-wide facts are computed once per level, a route's
	check once per route when it does not depend on the level."""
	p = ctx.p
	memo = ctx.memo
	plan = _level_plan(ctx)
	via_skill = p.via_skill_integration
	if plan.static and not via_skill:
		# the rows eligible as far as the level goes are known from the notice and the profession
		candidates: tuple | list = plan.rows[bool(p.profession_exam_replaced)]
	else:
		# the level-wide facts depend on the profile: computed once per level (and kept in the
		# memo for pair_issues)
		level_facts = {level: _level_issues(ctx, level) for level in plan.levels}
		candidates = []
		for row in plan.rows[False]:
			in_scope, exam_replaced, skill, exam = level_facts[row[1]]
			# rows[True] leaves out the rows that exclude exam-replaced professions
			if in_scope and not skill and not exam and (not exam_replaced or row in plan.rows[True]):
				candidates.append(row)
	options = []
	routes = []
	for route, level, check, independent, option in candidates:
		if check is not None:
			if independent:
				key = ("route", route)
				found = memo.get(key)
				if found is None:
					found = memo[key] = check(ctx, level)
			else:
				found = check(ctx, level)
			if found:
				continue
		options.append(option)
		if route not in routes:
			routes.append(route)
	chosen_route, chosen_level = p.route, p.target_level
	if chosen_route and chosen_level:
		for rule_id, args, field in pair_issues(ctx, chosen_route, chosen_level):
			ctx.add(rule_id, _report_args(args), field)
	if ctx.tech_equivalent is not None:
		cls, eq = ctx.tech_equivalent
		ctx.add("TECH-SCHOOL", (tr(cls), tr(eq)), "education")
	chosen = chosen_route if chosen_route in routes else None
	levels = []
	for o in options:
		if (chosen is None or o["route"] == chosen) and o["level"] not in levels:
			levels.append(o["level"])
	return routes, levels, options
