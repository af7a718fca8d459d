"""Per-call context shared by the rule families: the inputs plus facts derived once."""

from __future__ import annotations

import datetime

from zhicheng_app.i18n import _
from zhicheng_app.rules.calendar import _as_date_set, to_shanghai
from zhicheng_app.rules.model import ApplicationProfile, NoticeConfig
from zhicheng_app.rules.registry import Finding, Tr, finding, rule_refs, tr
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
_TECHSCHOOLCLASS_INTERMEDIATE_WORKER = TechSchoolClass.INTERMEDIATE_WORKER
_EDUCATION_SECONDARY = Education.SECONDARY
_TECHSCHOOLCLASS_SENIOR_WORKER = TechSchoolClass.SENIOR_WORKER
_EDUCATION_JUNIOR_COLLEGE = Education.JUNIOR_COLLEGE
_TECHSCHOOLCLASS_TECHNICIAN = TechSchoolClass.TECHNICIAN
_EDUCATION_BACHELOR = Education.BACHELOR
_ASSESSMENT_EXCELLENT = Assessment.EXCELLENT
_ASSESSMENT_COMPETENT = Assessment.COMPETENT
_WINDOWKIND_APPLICATION = WindowKind.APPLICATION
_WINDOWKIND_FEE = WindowKind.FEE
_TITLEORIGIN_OTHER_REGION = TitleOrigin.OTHER_REGION
_TITLEORIGIN_BINGTUAN = TitleOrigin.BINGTUAN

TECH_SCHOOL_EQUIVALENT = {
	_TECHSCHOOLCLASS_INTERMEDIATE_WORKER: _EDUCATION_SECONDARY,
	_TECHSCHOOLCLASS_SENIOR_WORKER: _EDUCATION_JUNIOR_COLLEGE,
	_TECHSCHOOLCLASS_TECHNICIAN: _EDUCATION_BACHELOR,
}

COMPETENT_OR_BETTER = frozenset({_ASSESSMENT_EXCELLENT, _ASSESSMENT_COMPETENT})


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


# the rule families' tables of a notice (see ``notice_table``), slots of NoticeFacts
NOTICE_TABLES = (
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
_TABLE_BUILDERS: dict = {}


def notice_table(name: str):
	"""Register ``build(notice)`` as the notice table ``ctx.facts.<name>``: a rule family's compiled
	form of the notice, built on first use (inside the family, so a bad notice is reported by the
	family's guard) and kept with the notice's facts. ``name`` must be one of NoticeFacts' slots."""

	def register(build):
		if name not in NOTICE_TABLES:
			raise ValueError(f"NoticeFacts has no slot for the table {name!r}")
		_TABLE_BUILDERS[name] = build
		return build

	return register


class NoticeFacts:
	"""Values derived from a notice alone, computed once per NoticeConfig object.

	A NoticeConfig passed to precheck() is treated as read-only; build a new one after an edit.
	The rule families' compiled tables of the notice (``notice_table``) are read as attributes."""

	__slots__ = (
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
		*NOTICE_TABLES,
	)

	def __getattr__(self, name: str):
		# called only for a slot not set yet: a table not built yet
		build = _TABLE_BUILDERS.get(name)
		if build is None:
			raise AttributeError(name)
		value = build(self.notice)
		setattr(self, name, value)
		return value

	def __init__(self, n: NoticeConfig):
		self.notice = n
		self.refs = rule_refs(n.code)
		self.app_window = None
		for w in n.windows:
			if w.kind == _WINDOWKIND_APPLICATION:
				self.app_window = w
				break
		w = self.app_window
		self.app_start = to_shanghai(w.start) if w is not None and w.start is not None else None
		self.app_end = to_shanghai(w.end) if w is not None and w.end is not None else None
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
		self.fee_start = self.fee_end = None
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


_FACTS: dict[int, tuple] = {}


def notice_facts(n: NoticeConfig) -> NoticeFacts:
	hit = _FACTS.get(id(n))
	if hit is not None and hit[0] is n:
		return hit[1]
	facts = NoticeFacts(n)
	if len(_FACTS) >= 256:
		_FACTS.clear()
	_FACTS[id(n)] = (n, facts)  # the reference keeps id(n) from being reused while cached
	return facts


_new = object.__new__


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
		self._setup(p, n, now)

	@classmethod
	def build(cls, p: ApplicationProfile, n: NoticeConfig, now: datetime.datetime) -> Ctx:
		"""``Ctx(p, n, now)`` without the cost of a class call."""
		self = _new(cls)
		self._setup(p, n, now)
		return self

	def _setup(self, p: ApplicationProfile, n: NoticeConfig, now: datetime.datetime) -> None:
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
		self._amap = None
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
		title = None
		for t in p.titles:
			if title is None:
				title = t
				continue
			a = (LEVEL_RANK.get(t.level, 0), t.obtained_date or datetime.date.min)
			b = (LEVEL_RANK.get(title.level, 0), title.obtained_date or datetime.date.min)
			if a > b:
				title = t
		self.title = title

	def add(self, rule_id: str, args: tuple = (), field: str | None = None, message: str | None = None):
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
