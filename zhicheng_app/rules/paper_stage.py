"""Rule family: the paper stage of 阿地人社传〔2024〕6号 (004 四、（二）), after the HR bureau's
online review has passed.

1. The unit publicises the applicants who passed again (再次公示), for the notice's working days
   and without objection (Unit Results Publicity).
2. It sends the 公示情况报告 (附件4) with its roster and the 呈报表 to its 本级人社部门 — the 地区人社局
   for a 地直 unit, the 县（市）人社局 for a county or lower unit — within the unit window
   (用人单位材料报送时间, WindowKind.PAPER) (Paper Submitted).
3. A county bureau forwards its county's to the 地区人社局 within the county window
   (县（市）人社局材料报送时间, WindowKind.COUNTY_PAPER), for the applications the prefecture confirms
   (County Paper Submitted).
4. The bureau that confirms the route (004 三、（二）) confirms within the window of the paper it
   received (Confirmed).
5. Or it refuses to confirm (不予确认, Not Confirmed), stating the reason: from the paper it
   received, or already during the unit's publicity of the passed applicants when an objection was
   raised there (the publicity then cannot end the way 四、（二）1 asks). The same roles refuse as
   confirm at each step (the workflow's Refuse Confirmation rows).

Which window governs which transition is ``TRANSITION_WINDOWS``; the guards in
``services/transitions.py`` and the demo's replay read it from here. The notice states no
consequence for paper sent late, so its paper windows close no state (rules/deadlines.py).
"""

from __future__ import annotations

import datetime

from zhicheng_app.i18n import _
from zhicheng_app.rules.model import NoticeConfig
from zhicheng_app.rules.publicity import publicity_findings
from zhicheng_app.rules.registry import cite
from zhicheng_app.rules.vocabulary import WindowKind, WorkflowState

S = WorkflowState
CLAUSE = "四、（二）"
UNIT_CLAUSE = "四、（二）1"
COUNTY_CLAUSE = "四、（二）2"

# (from state, to state) -> the notice window the transition must fall in
TRANSITION_WINDOWS: dict[tuple[str, str], str] = {
	(S.UNIT_RESULTS_PUBLICITY, S.PAPER_SUBMITTED): WindowKind.PAPER,
	(S.PAPER_SUBMITTED, S.CONFIRMED): WindowKind.PAPER,
	(S.PAPER_SUBMITTED, S.COUNTY_PAPER_SUBMITTED): WindowKind.COUNTY_PAPER,
	(S.COUNTY_PAPER_SUBMITTED, S.CONFIRMED): WindowKind.COUNTY_PAPER,
}
# the clause each of them follows
TRANSITION_CLAUSES: dict[tuple[str, str], str] = {
	(S.UNIT_RESULTS_PUBLICITY, S.PAPER_SUBMITTED): UNIT_CLAUSE,
	(S.PAPER_SUBMITTED, S.CONFIRMED): UNIT_CLAUSE,
	(S.PAPER_SUBMITTED, S.COUNTY_PAPER_SUBMITTED): COUNTY_CLAUSE,
	(S.COUNTY_PAPER_SUBMITTED, S.CONFIRMED): COUNTY_CLAUSE,
}
# an application is confirmed only once the paper has reached the bureau that confirms it
CONFIRMABLE_FROM = frozenset({S.PAPER_SUBMITTED, S.COUNTY_PAPER_SUBMITTED})
# an application is refused confirmation (不予确认) from the paper the bureau received, or from the
# unit's publicity of the passed applicants once an objection was raised in it
NOT_CONFIRMABLE_FROM = frozenset({*CONFIRMABLE_FROM, S.UNIT_RESULTS_PUBLICITY})
# what each transition is called in a refusal (English source; zh in zh.csv)
TRANSITION_LABELS: dict[tuple[str, str], str] = {
	(S.UNIT_RESULTS_PUBLICITY, S.PAPER_SUBMITTED): "Sending the unit's paper materials",
	(S.PAPER_SUBMITTED, S.CONFIRMED): "Confirming",
	(S.PAPER_SUBMITTED, S.COUNTY_PAPER_SUBMITTED): "Forwarding the county's paper materials",
	(S.COUNTY_PAPER_SUBMITTED, S.CONFIRMED): "Confirming",
}


def window_of(old: str, new: str) -> str | None:
	"""The window kind (vocabulary.WindowKind) the transition from ``old`` to ``new`` needs."""
	return TRANSITION_WINDOWS.get((old, new))


def confirmation_refusal(notice: NoticeConfig, old: str) -> str | None:
	"""Why an application in ``old`` cannot be confirmed yet (zh), None when it can."""
	if old in CONFIRMABLE_FROM:
		return None
	return _(
		"An application is confirmed only after its unit has publicised the passed applicants again and sent the publicity situation report and the submission forms to its HR bureau ({0})"
	).format(cite(notice, CLAUSE))


def window_refusal(
	notice: NoticeConfig,
	old: str,
	new: str,
	start: datetime.datetime | None,
	end: datetime.datetime | None,
	now: datetime.datetime,
	fmt,
) -> str | None:
	"""Why the transition cannot happen at ``now`` (zh), outside its window from ``start`` to
	``end`` (aware; a missing bound sets no limit); None inside it. ``fmt`` formats a moment."""
	if (start is None or now >= start) and (end is None or now <= end):
		return None
	label = _(TRANSITION_LABELS.get((old, new), "This step"))
	return _("{0} is only possible from {1} to {2} (Beijing time; {3})").format(
		label, fmt(start), fmt(end), cite(notice, TRANSITION_CLAUSES.get((old, new), CLAUSE))
	)


RESULTS_PUBLICITY_MESSAGES = {
	"PUB-NOT-ENTERED": "Enter the period of the unit's publicity of the passed applicants first",
	"PUB-NOT-ENDED": "The unit's publicity of the passed applicants ends on {0}; the paper materials can be sent only after it has ended",
	"PUB-OBJECTION": "An objection was raised during the unit's publicity of the passed applicants; it must be resolved before the paper materials are sent",
}


def results_publicity_problems(
	notice: NoticeConfig,
	start: datetime.date | None,
	end: datetime.date | None,
	objection: bool,
	today: datetime.date,
) -> list[str]:
	"""What stops the unit from sending its paper materials (zh, each citing the notice): its
	publicity of the passed applicants must have been entered, last the notice's working days, be
	over and have met no objection (the publicity rule of rules/publicity.py)."""
	problems = []
	for finding in publicity_findings(notice, start, end, objection, today, at_forwarding=True):
		text = RESULTS_PUBLICITY_MESSAGES.get(finding.rule_id)
		message = _(text).format(end.isoformat() if end else "") if text else finding.message
		problems.append(f"{message}（{cite(notice, UNIT_CLAUSE)}）")
	return problems


def not_confirmed_refusal(notice: NoticeConfig, old: str, reason: str | None, objection: bool) -> str | None:
	"""Why an application in ``old`` cannot be refused confirmation (不予确认) now (zh), None when it
	can: the reason is stated, and from the unit's publicity of the passed applicants only when an
	objection was raised in it."""
	if old not in NOT_CONFIRMABLE_FROM:
		return _(
			"An application is refused confirmation only by the HR bureau that confirms it, once its paper materials have reached the bureau or an objection was raised in the unit's publicity of the passed applicants ({0})"
		).format(cite(notice, CLAUSE))
	if not (reason or "").strip():
		return _(
			"State the reason the application is not confirmed before refusing its confirmation ({0})"
		).format(cite(notice, CLAUSE))
	if old == S.UNIT_RESULTS_PUBLICITY and not objection:
		return _(
			"During the unit's publicity of the passed applicants the confirmation is refused only when an objection was raised in it; otherwise the unit sends its paper materials first ({0})"
		).format(cite(notice, UNIT_CLAUSE))
	return None
