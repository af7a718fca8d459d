"""Per-call context shared by the rule families: the inputs plus facts derived once."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, Final

from zhicheng_app.rules.calendar import _as_date_set, to_shanghai
from zhicheng_app.rules.model import ApplicationProfile, NoticeConfig, NoticeWindow, TitleRow
from zhicheng_app.rules.registry import Args, Finding, Tr, finding, rule_refs, tr
from zhicheng_app.rules.registry import translate as _
from zhicheng_app.rules.vocabulary import (
	EDUCATION_RANK,
	LEVEL_RANK,
	Assessment,
	Education,
	TechSchoolClass,
	TitleOrigin,
	WindowKind,
)

# vocabulary members as module constants: attribute access on an Enum class is slow
_TECHSCHOOLCLASS_INTERMEDIATE_WORKER: Final = TechSchoolClass.INTERMEDIATE_WORKER
_EDUCATION_SECONDARY: Final = Education.SECONDARY
_TECHSCHOOLCLASS_SENIOR_WORKER: Final = TechSchoolClass.SENIOR_WORKER
_EDUCATION_JUNIOR_COLLEGE: Final = Education.JUNIOR_COLLEGE
_TECHSCHOOLCLASS_TECHNICIAN: Final = TechSchoolClass.TECHNICIAN
_EDUCATION_BACHELOR: Final = Education.BACHELOR
_ASSESSMENT_EXCELLENT: Final = Assessment.EXCELLENT
_ASSESSMENT_COMPETENT: Final = Assessment.COMPETENT
_WINDOWKIND_APPLICATION: Final = WindowKind.APPLICATION
_WINDOWKIND_FEE: Final = WindowKind.FEE
_TITLEORIGIN_OTHER_REGION: Final = TitleOrigin.OTHER_REGION
_TITLEORIGIN_BINGTUAN: Final = TitleOrigin.BINGTUAN

TECH_SCHOOL_EQUIVALENT: Final[dict[str, Education]] = {
	_TECHSCHOOLCLASS_INTERMEDIATE_WORKER: _EDUCATION_SECONDARY,
	_TECHSCHOOLCLASS_SENIOR_WORKER: _EDUCATION_JUNIOR_COLLEGE,
	_TECHSCHOOLCLASS_TECHNICIAN: _EDUCATION_BACHELOR,
}

COMPETENT_OR_BETTER: Final = frozenset({_ASSESSMENT_EXCELLENT, _ASSESSMENT_COMPETENT})


def full_years(start: datetime.date | None, end: datetime.date) -> int:
	"""Whole years from ``start`` to ``end`` (an anniversary on ``end`` counts); -1 when no start."""
	if start is None:
		return -1
	years = end.year - start.year
	if (end.month, end.day) < (start.month, start.day):
		years -= 1
	return years


def years_text(start: datetime.date | None, end: datetime.date) -> str:
	if start is None or start > end:
		return _("none")
	months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
	return _("{0} year(s) {1} month(s)").format(months // 12, months % 12)


def years_tr(start: datetime.date | None, end: datetime.date) -> Tr:
	"""``years_text`` translated only when shown (for finding arguments)."""
	if start is None or start > end:
		return tr("none")
	months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
	return tr("{0} year(s) {1} month(s)", months // 12, months % 12)


# the names of the rule families' notice tables (see ``notice_table``)
NOTICE_TABLES: Final = (
	"allowed_file_types",
	"ce_policies",
	"counties",
	"deadline_rows",
	"defense_rules",
	"eligibility",
	"fee_rows",
	"fee_when_text",
	"level_plans",
	"materials",
	"route_rows",
	"summary_topics",
)
_TABLE_BUILDERS: Final[dict[str, Callable[[NoticeConfig], Any]]] = {}
_NOT_BUILT: Final = object()


def notice_table(name: str):
	"""Register ``build(notice)`` as the notice table ``ctx.facts.table(name)``: a rule family's
	compiled form of the notice, built on first use (inside the family, so a bad notice is reported
	by the family's guard) and kept with the notice's facts. ``name`` must be in NOTICE_TABLES."""

	def register(build):
		if name not in NOTICE_TABLES:
			raise ValueError(f"{name!r} is not in NOTICE_TABLES")
		_TABLE_BUILDERS[name] = build
		return build

	return register


class NoticeFacts:
	"""Values derived from a notice alone, computed once per NoticeConfig object.

	A NoticeConfig passed to precheck() is treated as read-only; build a new one after an edit.
	The rule families' compiled tables of the notice (``notice_table``) are read with ``table()``."""

	__slots__ = (
		"_tables",
		"app_end",
		"app_start",
		"app_window",
		"extra_holidays",
		"extra_workdays",
		"fee_end",
		"fee_start",
		"fee_when",
		"notice",
		"refs",
		"windows",
	)

	def table(self, name: str) -> Any:
		"""The notice table ``name`` (see ``notice_table``), built on first use."""
		value = self._tables.get(name, _NOT_BUILT)
		if value is _NOT_BUILT:
			value = self._tables[name] = _TABLE_BUILDERS[name](self.notice)
		return value

	def __init__(self, n: NoticeConfig):
		self.notice = n
		self._tables: dict[str, Any] = {}
		self.refs = rule_refs(n.code)
		self.app_window: NoticeWindow | None = None
		for w in n.windows:
			if w.kind == _WINDOWKIND_APPLICATION:
				self.app_window = w
				break
		aw = self.app_window
		self.app_start = to_shanghai(aw.start) if aw is not None and aw.start is not None else None
		self.app_end = to_shanghai(aw.end) if aw is not None and aw.end is not None else None
		self.windows = tuple(
			(
				w.kind,
				to_shanghai(w.start).isoformat() if w.start else None,
				to_shanghai(w.end).isoformat() if w.end else None,
				w.consequence,
			)
			for w in n.windows
		)
		self.extra_holidays = _as_date_set(n.extra_holidays)
		self.extra_workdays = _as_date_set(n.extra_workdays)
		self.fee_start: str | None = None
		self.fee_end: str | None = None
		self.fee_when = ("", "")  # (first day, last day) as YYYY-MM-DD
		for w in n.windows:
			if w.kind == _WINDOWKIND_FEE:
				self.fee_start = to_shanghai(w.start).isoformat() if w.start else None
				self.fee_end = to_shanghai(w.end).isoformat() if w.end else None
				self.fee_when = (
					to_shanghai(w.start).strftime("%Y-%m-%d") if w.start else "",
					to_shanghai(w.end).strftime("%Y-%m-%d") if w.end else "",
				)
				break


_FACTS: Final[dict[int, tuple]] = {}


def notice_facts(n: NoticeConfig) -> NoticeFacts:
	hit = _FACTS.get(id(n))
	if hit is not None and hit[0] is n:
		return hit[1]
	facts = NoticeFacts(n)
	if len(_FACTS) >= 256:
		_FACTS.clear()
	_FACTS[id(n)] = (n, facts)  # the reference keeps id(n) from being reused while cached
	return facts


class Ctx:
	"""Inputs and derived facts for one precheck."""

	__slots__ = (
		"_amap",
		"app_window",
		"campaign_year",
		"code",
		"cutoff",
		"education_rank",
		"extra_holidays",
		"extra_workdays",
		"facts",
		"findings",
		"level",
		"level_rank",
		"memo",
		"n",
		"now",
		"p",
		"refs",
		"route",
		"tech_equivalent",
		"title",
	)

	def __init__(self, p: ApplicationProfile, n: NoticeConfig, now: datetime.datetime):
		self.p = p
		self.n = n
		self.code = n.code
		self.now = now
		self.findings: list[Finding] = []
		self.memo: dict = {}
		self.route = p.route
		self.level = p.target_level
		self.level_rank = LEVEL_RANK.get(p.target_level, 0)
		facts = self.facts = notice_facts(n)
		self.refs = facts.refs
		self._amap: dict[int, str] | None = None
		self.app_window = facts.app_window
		if n.seniority_cutoff is not None:
			self.cutoff = n.seniority_cutoff
		elif facts.app_end is not None:
			self.cutoff = facts.app_end.date()
		else:
			self.cutoff = now.date()
		self.campaign_year = n.campaign_year or self.cutoff.year
		self.extra_holidays = facts.extra_holidays
		self.extra_workdays = facts.extra_workdays
		# highest education, with the technical-school equivalence when the notice allows it
		best = 0
		tech = None
		for e in p.education:
			r = EDUCATION_RANK.get(e.education, 0)
			if n.tech_school_equivalence and e.tech_school_class in TECH_SCHOOL_EQUIVALENT:
				eq = TECH_SCHOOL_EQUIVALENT[e.tech_school_class]
				r2 = EDUCATION_RANK[eq]
				if r2 > r:
					r = r2
					if r >= best:
						tech = (e.tech_school_class, eq)
			if r > best:
				best = r
		self.education_rank = best
		self.tech_equivalent = tech
		# current (highest, then latest) title
		title: TitleRow | None = None
		for t in p.titles:
			if title is None:
				title = t
				continue
			a = (LEVEL_RANK.get(t.level, 0), t.obtained_date or datetime.date.min)
			b = (LEVEL_RANK.get(title.level, 0), title.obtained_date or datetime.date.min)
			if a > b:
				title = t
		self.title = title

	def add(self, rule_id: str, args: Args = (), field: str | None = None, message: str | None = None):
		ref, severity, template = self.refs[rule_id]
		self.findings.append(finding(rule_id, ref, severity, message, field, template, args))

	def title_elsewhere(self) -> bool:
		t = self.title
		if t is None:
			return False
		if t.origin == _TITLEORIGIN_OTHER_REGION:
			return True
		return t.origin == _TITLEORIGIN_BINGTUAN and self.n.prior_title_bingtuan_as_elsewhere

	def assessment_map(self) -> dict:
		"""{year: result} of the annual appraisals (shared: do not modify)."""
		amap = self._amap
		if amap is None:
			amap = self._amap = {a.year: a.result for a in self.p.assessments}
		return amap
