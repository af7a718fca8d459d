"""Rule family: the unit publicity (公示) of at least five working days."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from zhicheng_app.i18n import _
from zhicheng_app.rules.calendar import CalendarUnsupported, earliest_period_end, working_days_between
from zhicheng_app.rules.context import PrecheckContext
from zhicheng_app.rules.registry import Finding, make_finding


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
		return [make_finding("PUB-MISSING", notice_code, field="publicity_start")]
	if end < start:
		return [make_finding("INPUT-DATE-ORDER", notice_code, (_("Unit publicity"),), "publicity_end")]
	try:
		days = working_days_between(start, end, extra_holidays, extra_workdays)
		if days >= min_days:
			return []
		earliest = earliest_period_end(start, min_days, extra_holidays, extra_workdays)
	except CalendarUnsupported as e:
		return [make_finding("CAL-UNSUPPORTED", notice_code, (e.message,), "publicity_start")]
	args = (min_days, start.isoformat(), end.isoformat(), days, earliest.isoformat())
	return [make_finding("PUB-DAYS", notice_code, args, "publicity_end")]


def check_publicity(ctx: PrecheckContext) -> None:
	notice, profile = ctx.notice, ctx.profile
	min_days = notice.publicity_min_working_days
	if profile.publicity_start is None or profile.publicity_end is None:
		if notice.publicity_before_application:
			ctx.add("PUB-MISSING", field="publicity_start")
		elif min_days > 0:
			ctx.add("PUB-PENDING", (min_days,))
		return
	if min_days > 0:
		ctx.result.findings += publicity_check(
			profile.publicity_start,
			profile.publicity_end,
			ctx.extra_holidays,
			min_days,
			notice.code,
			ctx.extra_workdays,
		)
	if notice.publicity_before_application and profile.publicity_end >= ctx.now.date():
		ctx.add("PUB-NOT-ENDED", (profile.publicity_end.isoformat(),), "publicity_end")
	if profile.publicity_objection:
		ctx.add("PUB-OBJECTION", field="publicity_objection")
