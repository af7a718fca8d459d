"""What one precheck works on: the inputs, the facts derived from them that several rule families
use, and the result the families fill in."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from zhicheng_app.i18n import _
from zhicheng_app.rules.calendar import to_shanghai
from zhicheng_app.rules.model import ApplicationProfile, NoticeConfig, NoticeWindow, TitleRow
from zhicheng_app.rules.registry import Finding, make_finding
from zhicheng_app.rules.vocabulary import (
	EDUCATION_RANK,
	LEVEL_RANK,
	Assessment,
	Education,
	Severity,
	TechSchoolClass,
	TitleOrigin,
	WindowKind,
)

# the education a technical-school class counts as, where the notice allows it
TECH_SCHOOL_EQUIVALENT: dict[str, Education] = {
	TechSchoolClass.INTERMEDIATE_WORKER: Education.SECONDARY,
	TechSchoolClass.SENIOR_WORKER: Education.JUNIOR_COLLEGE,
	TechSchoolClass.TECHNICIAN: Education.BACHELOR,
}

COMPETENT_OR_BETTER = frozenset({Assessment.EXCELLENT, Assessment.COMPETENT})


def full_years(start: datetime.date | None, end: datetime.date) -> int:
	"""Whole years from ``start`` to ``end`` (an anniversary on ``end`` counts); -1 when no start."""
	if start is None:
		return -1
	years = end.year - start.year
	if (end.month, end.day) < (start.month, start.day):
		years -= 1
	return years


def years_text(start: datetime.date | None, end: datetime.date) -> str:
	"""The time from ``start`` to ``end`` in years and months, for messages."""
	if start is None or start > end:
		return _("none")
	months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
	return _("{0} year(s) {1} month(s)").format(months // 12, months % 12)


def notice_window(notice: NoticeConfig, kind: str) -> NoticeWindow | None:
	"""The notice's first window of ``kind`` (vocabulary.WindowKind), or None."""
	return next((w for w in notice.windows if w.kind == kind), None)


@dataclass
class PrecheckResult:
	"""What a precheck found and derived; ``to_dict()`` is JSON-serialisable."""

	notice_code: str = ""
	checked_at: str = ""  # ISO time in Asia/Shanghai
	findings: list[Finding] = field(default_factory=list)  # blocking first, then warnings, then notes
	eligible_routes: list[str] = field(default_factory=list)
	eligible_levels: list[str] = field(default_factory=list)
	eligible_options: list[dict] = field(default_factory=list)  # [{route, level, committee, module}]
	required_materials: list[dict] = field(default_factory=list)  # [{code, label, seed_ref}]
	fee: dict | None = None  # see rules.fees.fee
	defense: dict = field(default_factory=dict)  # {required, online, mode, exempt, reason}
	deadlines: list[dict] = field(default_factory=list)  # [{kind, label, start, at, consequence}]

	@property
	def blocking(self) -> list[Finding]:
		return [f for f in self.findings if f.severity == Severity.BLOCKING]

	@property
	def ok(self) -> bool:
		return not self.blocking

	def rule_ids(self) -> list[str]:
		return [f.rule_id for f in self.findings]

	def to_dict(self) -> dict:
		return {
			"ok": self.ok,
			"notice_code": self.notice_code,
			"checked_at": self.checked_at,
			"findings": [f.to_dict() for f in self.findings],
			"eligible_routes": list(self.eligible_routes),
			"eligible_levels": list(self.eligible_levels),
			"eligible_options": [dict(o) for o in self.eligible_options],
			"required_materials": [dict(m) for m in self.required_materials],
			"fee": dict(self.fee) if self.fee else None,
			"defense": dict(self.defense),
			"deadlines": [dict(d) for d in self.deadlines],
		}


class PrecheckContext:
	"""The profile and notice of one precheck at ``now`` (aware, Asia/Shanghai), the facts that
	several rule families derive from them, and the result being filled in."""

	def __init__(self, profile: ApplicationProfile, notice: NoticeConfig, now: datetime.datetime):
		self.profile = profile
		self.notice = notice
		self.now = now
		self.result = PrecheckResult(notice_code=notice.code, checked_at=now.isoformat())
		self.fraud_ban = False  # set by the sanctions family: nothing is eligible then
		self.application_window = notice_window(notice, WindowKind.APPLICATION)
		# seniority is counted to the notice's cut-off, else to the last day of the application window
		app_end = self.application_window.end if self.application_window else None
		if notice.seniority_cutoff is not None:
			self.cutoff = notice.seniority_cutoff
		elif app_end is not None:
			self.cutoff = to_shanghai(app_end).date()
		else:
			self.cutoff = now.date()
		self.campaign_year = notice.campaign_year or self.cutoff.year
		self.education_rank, self.tech_school_equivalent = _highest_education(profile, notice)
		self.title = current_title(profile.titles)
		self.assessments_by_year = {a.year: a.result for a in profile.assessments}

	def add(self, rule_id: str, args: tuple = (), field: str | None = None, message: str | None = None):
		"""Report ``rule_id`` (see ``registry.make_finding``)."""
		self.result.findings.append(make_finding(rule_id, self.notice, args, field, message=message))

	def title_from_elsewhere(self) -> bool:
		"""Was the current title obtained outside Xinjiang (the Bingtuan counting as elsewhere when the
		notice says so)?"""
		title = self.title
		if title is None:
			return False
		if title.origin == TitleOrigin.OTHER_REGION:
			return True
		return title.origin == TitleOrigin.BINGTUAN and self.notice.prior_title_bingtuan_as_elsewhere


def _highest_education(profile: ApplicationProfile, notice: NoticeConfig) -> tuple[int, tuple | None]:
	"""(rank of the highest education, (technical-school class, education it counts as) when that
	equivalence gives the highest rank, else None)."""
	best = 0
	tech = None
	for row in profile.education:
		rank = EDUCATION_RANK.get(row.education, 0)
		if notice.tech_school_equivalence and row.tech_school_class in TECH_SCHOOL_EQUIVALENT:
			equivalent = TECH_SCHOOL_EQUIVALENT[row.tech_school_class]
			if EDUCATION_RANK[equivalent] > rank:
				rank = EDUCATION_RANK[equivalent]
				if rank >= best:
					tech = (row.tech_school_class, equivalent)
		best = max(best, rank)
	return best, tech


def current_title(titles: list[TitleRow]) -> TitleRow | None:
	"""The highest title, the latest of the highest level (the first of equals)."""
	if not titles:
		return None
	return max(titles, key=lambda t: (LEVEL_RANK.get(t.level, 0), t.obtained_date or datetime.date.min))
