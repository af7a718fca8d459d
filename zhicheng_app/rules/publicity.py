"""Rule family: the unit publicity (公示) of at least five working days [spec §10.2 C-04, V-15, V-16]."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from zhicheng_app.rules.calendar import CalendarUnsupported, earliest_period_end, working_days_between
from zhicheng_app.rules.context import Ctx
from zhicheng_app.rules.registry import Finding, make


def publicity_check(
	start: datetime.date,
	end: datetime.date,
	extra_holidays: Iterable = (),
	min_days: int = 5,
	notice_code: str = "",
	extra_workdays: Iterable = (),
) -> list[Finding]:
	"""Findings for a publicity from ``start`` to ``end`` (both days count); empty when it lasts
	at least ``min_days`` working days."""
	if start is None or end is None:
		return [make("PUB-MISSING", notice_code, field="publicity_start")]
	if end < start:
		return [make("INPUT-DATE-ORDER", notice_code, (_label(),), "publicity_end")]
	try:
		days = working_days_between(start, end, extra_holidays, extra_workdays)
		if days >= min_days:
			return []
		earliest = earliest_period_end(start, min_days, extra_holidays, extra_workdays)
	except CalendarUnsupported as e:
		return [make("CAL-UNSUPPORTED", notice_code, (e.message,), "publicity_start")]
	return [
		make(
			"PUB-DAYS",
			notice_code,
			(min_days, start.isoformat(), end.isoformat(), days, earliest.isoformat()),
			"publicity_end",
		)
	]


def _label() -> str:
	from zhicheng_app.i18n import _

	return _("Unit publicity")


def check_publicity(ctx: Ctx) -> None:
	n, p = ctx.n, ctx.p
	min_days = n.publicity_min_working_days
	if p.publicity_start is None or p.publicity_end is None:
		if n.publicity_before_application:
			ctx.add("PUB-MISSING", field="publicity_start")
		elif min_days > 0:
			ctx.add("PUB-PENDING", (min_days,))
		return
	if min_days > 0:
		ctx.findings.extend(
			publicity_check(
				p.publicity_start, p.publicity_end, ctx.extra_holidays, min_days, ctx.code, ctx.extra_workdays
			)
		)
	if n.publicity_before_application and p.publicity_end >= ctx.now.date():
		ctx.add("PUB-NOT-ENDED", (p.publicity_end.isoformat(),), "publicity_end")
	if p.publicity_objection:
		ctx.add("PUB-OBJECTION", field="publicity_objection")
