"""Rule family: the unit publicity (公示) of at least five working days, checked by the precheck and
again when the unit forwards the application (services/transitions)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from zhicheng_app.i18n import _
from zhicheng_app.rules.calendar import CalendarUnsupported, earliest_period_end, working_days_between
from zhicheng_app.rules.context import PrecheckContext
from zhicheng_app.rules.model import NoticeConfig
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


def publicity_findings(
	notice: NoticeConfig,
	start: datetime.date | None,
	end: datetime.date | None,
	objection: bool,
	today: datetime.date,
	at_forwarding: bool = False,
) -> list[Finding]:
	"""The findings on the unit publicity from ``start`` to ``end`` under ``notice``, on ``today``.

	The precheck (``at_forwarding`` False) asks for the period only where the notice wants the
	publicity before the application, and otherwise says that one must follow; when the unit
	forwards the application (``at_forwarding``) the period must be entered and over. Either way a
	period entered must last the notice's working days and have had no objection."""
	code, min_days = notice.code, notice.publicity_min_working_days
	if start is None or end is None:
		if at_forwarding:
			return [make_finding("PUB-NOT-ENTERED", code, field="publicity_start")]
		if notice.publicity_before_application:
			return [make_finding("PUB-MISSING", code, field="publicity_start")]
		if min_days > 0:
			return [make_finding("PUB-PENDING", code, (min_days,))]
		return []
	findings = []
	if min_days > 0:
		findings += publicity_check(start, end, notice.extra_holidays, min_days, code, notice.extra_workdays)
	if (at_forwarding or notice.publicity_before_application) and end >= today:
		findings.append(make_finding("PUB-NOT-ENDED", code, (end.isoformat(),), "publicity_end"))
	if objection:
		findings.append(make_finding("PUB-OBJECTION", code, field="publicity_objection"))
	return findings


def check_publicity(ctx: PrecheckContext) -> None:
	profile = ctx.profile
	ctx.result.findings += publicity_findings(
		ctx.notice,
		profile.publicity_start,
		profile.publicity_end,
		profile.publicity_objection,
		ctx.now.date(),
	)
