"""Rule family: the professional defense (答辩) once the committee sits: who may be scheduled,
what a score means against the notice's pass mark, and the 003 averaging of the defense score of
applicants exempt from it.

The defense each applicant faces (required, online, exempt) is decided by ``rules.fees.defense``
at acceptance; this module works on what was fixed then.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from zhicheng_app.i18n import _
from zhicheng_app.rules.model import DefenseRow, NoticeConfig
from zhicheng_app.rules.vocabulary import WorkflowState

PASSED, FAILED = "Passed", "Failed"
SCORE_PLACES = Decimal("0.01")  # rounding is not set by 003 (open question Q-37): two places, half up


def _decimal(value) -> Decimal | None:
	if value is None or value == "" or isinstance(value, bool):
		return None
	try:
		number = Decimal(str(value))
	except (InvalidOperation, ValueError):
		return None
	return number if number.is_finite() else None


def averaged_defense_score(scores: Iterable) -> Decimal | None:
	"""The average of the defense scores given (blank ones left out), two places, half up; None
	when there is none (003 does not say what an exempt applicant gets when nobody defended)."""
	numbers = [n for n in (_decimal(s) for s in scores) if n is not None]
	if not numbers:
		return None
	return (sum(numbers) / len(numbers)).quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)


def defense_rule(notice: NoticeConfig, level: str) -> DefenseRow | None:
	"""The notice's defense row of ``level`` (the last one wins, as in ``rules.fees.defense``)."""
	rules = {row.level: row for row in notice.defense_rules}
	return rules.get(level)


def pass_mark(notice: NoticeConfig, level: str) -> Decimal | None:
	"""The notice's pass mark at ``level``; None where the notice gives none (the panel decides)."""
	rule = defense_rule(notice, level)
	mark = _decimal(rule.pass_mark) if rule else None
	return mark if mark else None


def defense_outcome(score, mark: Decimal | None, decision: str | None) -> tuple[str | None, str | None]:
	"""(result, refusal) of one applicant's defense. With a pass mark the score decides (a score
	is then needed); without one the panel's decision does."""
	number = _decimal(score)
	if number is not None and number < 0:
		return None, _("A defense score cannot be negative")
	if mark is not None:
		if number is None:
			shown = f"{mark.normalize():f}"
			return None, _("Enter the defense score: the notice sets a pass mark of {0}").format(shown)
		return (PASSED if number >= mark else FAILED), None
	if decision in (PASSED, FAILED):
		return decision, None
	return None, _("Record whether the panel passed the defense: the notice sets no pass mark")


def scheduling_refusal(
	*,
	state: str,
	notice: str,
	session_notice: str,
	defense_required: bool,
	exempt: bool,
	exempt_reason: str = "",
) -> str | None:
	"""Why an application cannot be scheduled in a defense session of ``session_notice``, or None.
	``exempt_reason`` is the notice's exemption as the precheck words it, with its citation."""
	if notice != session_notice:
		return _("The application is not under this session's notice")
	if exempt:
		return (
			_("Exempt from the defense: {0}").format(exempt_reason)
			if exempt_reason
			else _("Exempt from the defense")
		)
	if not defense_required:
		return _("No defense is required for this application")
	if state != WorkflowState.FEE_PAID:
		return _(
			"Only an application whose fee is recorded can be scheduled; this one is in state {0}"
		).format(_(state))
	return None


def exempt_score(notice: NoticeConfig, scores: Iterable) -> tuple[bool, Decimal | None]:
	"""(applies, score) of the 003 rule for an applicant exempt from the defense: the average of
	the scores of that year's defendants in the profession; with no score (the defense was not
	scored quantitatively) the exempt applicant counts as having passed, without a score."""
	if not notice.defense_exempt_averaged:
		return False, None
	return True, averaged_defense_score(scores)
