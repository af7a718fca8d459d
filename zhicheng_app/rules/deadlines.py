"""Rule family: which of a notice's deadlines closes an application in a given state, and how.

Each window of a notice names the workflow states it governs (``NoticeWindow.closes_states``),
the state an application in one of them ends in (``closes_as``, else read from the notice's
wording: 不予受理 → Not Accepted, otherwise Abandoned), the wording itself (``consequence``) and
the clause that states it. Once the window's end has passed (Beijing time; the end minute itself
is still inside), an application in one of those states is closed. A window that names no state
closes nothing, however its notice words it: 004 closes only what has not reached the 地、县人社局
(004 一、), 003 closes only what the applicant has not submitted (003 三、).

A returned application has its own deadline (``resubmit_deadline``, set when it was returned, see
``windows.resubmission_deadline``): past it, the notice's ``late_resubmission_outcome`` applies,
with its ``late_resubmission_consequence``.

When several passed deadlines govern a state, the earliest one is the one that closed it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from zhicheng_app.i18n import _
from zhicheng_app.rules.calendar import to_shanghai
from zhicheng_app.rules.model import NoticeConfig, NoticeWindow
from zhicheng_app.rules.registry import cite, notice_citation, rule_reference
from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.rules.windows import fmt

# The states a deadline may close an application in end it without a title
CLOSING_OUTCOMES = (WorkflowState.ABANDONED, WorkflowState.NOT_ACCEPTED)
NOT_ACCEPTED_WORDING = "不予受理"
RESUBMISSION = "Resubmission"
_SEPARATORS = re.compile(r"[\n,，、;；]+")


@dataclass(frozen=True, slots=True)
class Deadline:
	"""A deadline that closes applications in ``states`` once ``at`` (aware, Asia/Shanghai) has passed."""

	kind: str  # vocabulary.WindowKind, or RESUBMISSION
	at: datetime.datetime
	states: tuple[str, ...]
	outcome: str  # vocabulary.WorkflowState the application ends in
	consequence: str  # the notice's wording, e.g. 视为放弃本次申报资格
	reference: str  # the notice's 文号 (or title) and clause

	def passed(self, now: datetime.datetime) -> bool:
		return to_shanghai(now) > self.at

	def governs(self, state: str) -> bool:
		return state in self.states

	def reason(self) -> str:
		"""Why an application was closed, in the user's language, citing the notice."""
		if self.kind == RESUBMISSION:
			text = _("not resubmitted by {0} ({1})").format(fmt(self.at), self.reference)
		else:
			text = _("{0} deadline {1} passed ({2})").format(_(self.kind), fmt(self.at), self.reference)
		return f"{text}：{self.consequence or _(self.outcome)}"


@dataclass(frozen=True, slots=True)
class Closure:
	state: str  # the state the application ends in
	reason: str
	deadline: Deadline


def parse_states(text: str | None) -> tuple[str, ...]:
	"""The states of a ``closes_states`` value: one per line (commas and 、 are read too), in order,
	without blanks or repeats."""
	seen: list[str] = []
	for part in _SEPARATORS.split(text or ""):
		part = part.strip()
		if part and part not in seen:
			seen.append(part)
	return tuple(seen)


def window_outcome(window: NoticeWindow) -> str:
	"""The state an application closed by ``window`` ends in."""
	if window.closes_as:
		return window.closes_as
	if NOT_ACCEPTED_WORDING in (window.consequence or ""):
		return WorkflowState.NOT_ACCEPTED
	return WorkflowState.ABANDONED


def window_deadline(notice: NoticeConfig, window: NoticeWindow) -> Deadline | None:
	"""The deadline ``window`` sets, or None when it closes nothing (no end, or no state)."""
	states = parse_states(window.closes_states)
	if window.end is None or not states:
		return None
	return Deadline(
		kind=window.kind,
		at=to_shanghai(window.end),
		states=states,
		outcome=window_outcome(window),
		consequence=window.consequence,
		reference=cite(notice, window.clause) or notice_citation(notice),
	)


def closing_deadline(notice: NoticeConfig, kind: str) -> Deadline | None:
	"""The deadline of the notice's window of ``kind`` (vocabulary.WindowKind), None when it has
	none or closes nothing."""
	for window in notice.windows:
		if window.kind == kind:
			return window_deadline(notice, window)
	return None


def closing_deadlines(notice: NoticeConfig) -> list[Deadline]:
	"""Every deadline of the notice's windows, earliest first."""
	found = [d for d in (window_deadline(notice, w) for w in notice.windows) if d is not None]
	return sorted(found, key=lambda d: d.at)


def resubmission_deadline(notice: NoticeConfig, resubmit_by: datetime.datetime) -> Deadline:
	"""The deadline of a returned application that must be resubmitted by ``resubmit_by``."""
	outcome = notice.late_resubmission_outcome or WorkflowState.NOT_ACCEPTED
	return Deadline(
		kind=RESUBMISSION,
		at=to_shanghai(resubmit_by),
		states=(WorkflowState.RETURNED,),
		outcome=outcome,
		consequence=notice.late_resubmission_consequence,
		reference=rule_reference("SUB-RESUBMIT-LATE", notice),
	)


def closure(
	notice: NoticeConfig,
	state: str,
	now: datetime.datetime,
	resubmit_by: datetime.datetime | None = None,
	deadlines: list[Deadline] | None = None,
) -> Closure | None:
	"""How an application of ``notice`` in ``state`` is closed at ``now``, or None when no passed
	deadline governs that state. ``resubmit_by``: a returned application's resubmission deadline.
	``deadlines``: the notice's ``closing_deadlines`` when the caller has them already."""
	candidates = list(closing_deadlines(notice) if deadlines is None else deadlines)
	if state == WorkflowState.RETURNED and resubmit_by is not None:
		candidates.append(resubmission_deadline(notice, resubmit_by))
	passed = [d for d in candidates if d.governs(state) and d.passed(now)]
	if not passed:
		return None
	first = min(passed, key=lambda d: d.at)
	return Closure(first.outcome, first.reason(), first)


def states_closed(notice: NoticeConfig, states, now: datetime.datetime) -> set[str]:
	"""Which of ``states`` the notice's window deadlines close at ``now``."""
	deadlines = closing_deadlines(notice)
	return {s for s in states if closure(notice, s, now, deadlines=deadlines) is not None}
