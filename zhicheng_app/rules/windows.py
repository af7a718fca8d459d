"""Rule family: the application window, the submission count and the resubmission deadline."""

from __future__ import annotations

import datetime

from zhicheng_app.i18n import _
from zhicheng_app.rules.calendar import to_shanghai
from zhicheng_app.rules.context import PrecheckContext


def fmt(moment: datetime.datetime) -> str:
	"""``moment`` as Beijing wall time for messages, e.g. 2024-08-30 18:00."""
	return to_shanghai(moment).strftime("%Y-%m-%d %H:%M")


def resubmission_deadline(ctx: PrecheckContext) -> datetime.datetime | None:
	"""Deadline to resubmit after the latest return, or None when not returned / no rule. After the
	n-th submission was returned, the notice's hours for the n-th return apply (its last row when
	there is none for n), capped by the application window's end when the notice says so."""
	profile, notice = ctx.profile, ctx.notice
	if profile.last_returned_at is None or not notice.resubmission_hours or profile.submissions_made < 1:
		return None
	hours = notice.resubmission_hours[-1].hours
	for row in notice.resubmission_hours:
		if row.return_no == profile.submissions_made:
			hours = row.hours
	deadline = to_shanghai(profile.last_returned_at) + datetime.timedelta(hours=hours)
	window = ctx.application_window
	if notice.resubmission_within_application_window and window is not None and window.end is not None:
		deadline = min(deadline, to_shanghai(window.end))
	return deadline


def check_windows(ctx: PrecheckContext) -> None:
	notice, profile, now = ctx.notice, ctx.profile, ctx.now
	window = ctx.application_window
	if window is None:
		ctx.add("WIN-NOT-CONFIGURED")
	else:
		if window.start is not None and now < to_shanghai(window.start):
			ctx.add("WIN-NOT-OPEN", (fmt(window.start),))
		if window.end is not None and now > to_shanghai(window.end):
			returned = profile.last_returned_at is not None and profile.submissions_made >= 1
			# a returned file follows its own resubmission deadline unless the notice caps it
			if not returned or notice.resubmission_within_application_window:
				ctx.add("WIN-CLOSED", (fmt(window.end), window.consequence or _("not accepted")))
	if notice.max_submissions > 0:
		allowed = notice.max_submissions if notice.submissions_count_initial else notice.max_submissions + 1
		if profile.submissions_made >= allowed:
			ctx.add("SUB-LIMIT", (allowed, profile.submissions_made), "submissions_made")
	deadline = resubmission_deadline(ctx)
	if deadline is not None:
		rule_id = "SUB-RESUBMIT-LATE" if now > deadline else "SUB-RESUBMIT-DEADLINE"
		ctx.add(rule_id, (fmt(deadline),), "last_returned_at")


def add_deadlines(ctx: PrecheckContext) -> None:
	"""The notice's windows in Asia/Shanghai ISO, plus the resubmission deadline after a return."""
	deadlines = [
		{
			"kind": window.kind,
			"label": _(window.kind),
			"start": to_shanghai(window.start).isoformat() if window.start else None,
			"at": to_shanghai(window.end).isoformat() if window.end else None,
			"consequence": window.consequence,
		}
		for window in ctx.notice.windows
	]
	resubmit_by = resubmission_deadline(ctx)
	if resubmit_by is not None:
		deadlines.append(
			{
				"kind": "Resubmission",
				"label": _("Resubmission"),
				"start": None,
				"at": resubmit_by.isoformat(),
				"consequence": "",
			}
		)
	ctx.result.deadlines = deadlines


def outside_window(
	start: datetime.datetime | None, end: datetime.datetime | None, moment: datetime.datetime
) -> bool:
	"""Whether ``moment`` falls before a window's ``start`` or after its ``end`` (all aware, or all
	naive Asia/Shanghai); a missing bound sets no limit."""
	return (start is not None and moment < start) or (end is not None and moment > end)
