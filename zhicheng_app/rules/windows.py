"""Rule family: the application window, submission count and resubmission deadline [spec §4.7, §5]."""

from __future__ import annotations

import datetime

from zhicheng_app.rules.calendar import to_shanghai
from zhicheng_app.rules.context import Ctx, notice_facts, notice_table
from zhicheng_app.rules.registry import translate as _


def fmt(dt: datetime.datetime) -> str:
	return to_shanghai(dt).strftime("%Y-%m-%d %H:%M")


def resubmission_deadline(ctx: Ctx) -> datetime.datetime | None:
	"""Deadline to resubmit after the latest return, or None when not returned / no rule."""
	p, n = ctx.p, ctx.n
	if p.last_returned_at is None or not n.resubmission_hours or p.submissions_made < 1:
		return None
	return_no = p.submissions_made  # the n-th submission was returned → the n-th return
	hours = None
	for r in n.resubmission_hours:
		if r.return_no == return_no:
			hours = r.hours
	if hours is None:
		hours = n.resubmission_hours[-1].hours
	deadline = to_shanghai(p.last_returned_at) + datetime.timedelta(hours=hours)
	w = ctx.app_window
	if n.resubmission_within_application_window and w is not None and w.end is not None:
		end = to_shanghai(w.end)
		if end < deadline:
			deadline = end
	return deadline


def check_windows(ctx: Ctx) -> None:
	n, p, now = ctx.n, ctx.p, ctx.now
	w = ctx.app_window
	facts = ctx.facts
	returned = p.last_returned_at is not None and p.submissions_made >= 1
	if w is None:
		ctx.add("WIN-NOT-CONFIGURED")
	else:
		if facts.app_start is not None and now < facts.app_start:
			ctx.add("WIN-NOT-OPEN", (fmt(facts.app_start),))
		if facts.app_end is not None and now > facts.app_end:
			# a returned file follows its own resubmission deadline when the notice allows it
			if not (returned and not n.resubmission_within_application_window):
				ctx.add("WIN-CLOSED", (fmt(facts.app_end), w.consequence or _("not accepted")))
	if n.max_submissions > 0:
		allowed = n.max_submissions if n.submissions_count_initial else n.max_submissions + 1
		if p.submissions_made >= allowed:
			ctx.add("SUB-LIMIT", (allowed, p.submissions_made), "submissions_made")
	deadline = resubmission_deadline(ctx)
	if deadline is not None:
		if now > deadline:
			ctx.add("SUB-RESUBMIT-LATE", (fmt(deadline),), "last_returned_at")
		else:
			ctx.add("SUB-RESUBMIT-DEADLINE", (fmt(deadline),), "last_returned_at")


@notice_table("deadline_rows")
def _deadline_rows(n) -> tuple:
	return tuple(
		(kind, {"kind": kind, "label": kind, "start": start, "at": end, "consequence": consequence})
		for kind, start, end, consequence in notice_facts(n).windows
	)


def deadlines(ctx: Ctx) -> list[dict]:
	out = []
	for kind, row in ctx.facts.table("deadline_rows"):
		d = row.copy()
		d["label"] = _(kind)
		out.append(d)
	d = resubmission_deadline(ctx)
	if d is not None:
		out.append(
			{
				"kind": "Resubmission",
				"label": _("Resubmission"),
				"start": None,
				"at": d.isoformat(),
				"consequence": "",
			}
		)
	return out


def outside_window(
	start: datetime.datetime | None, end: datetime.datetime | None, moment: datetime.datetime
) -> bool:
	"""Whether ``moment`` falls before a window's ``start`` or after its ``end`` (all aware, or all
	naive Asia/Shanghai); a missing bound sets no limit."""
	return (start is not None and moment < start) or (end is not None and moment > end)
