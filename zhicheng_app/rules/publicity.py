"""Rule family: the unit publicity (公示) of at least five working days, checked by the precheck and
again when the unit forwards the application (services/transitions)."""

from __future__ import annotations

import datetime

from zhicheng_app.i18n import _
from zhicheng_app.rules.calendar import CalendarUnsupported, earliest_period_end, working_days_between
from zhicheng_app.rules.context import PrecheckContext
from zhicheng_app.rules.model import NoticeConfig
from zhicheng_app.rules.registry import Finding, make_finding


def _working_days_findings(
	notice: NoticeConfig, start: datetime.date, end: datetime.date, min_days: int
) -> list[Finding]:
	"""Findings on a publicity from ``start`` to ``end`` (both days count) that must last at least
	``min_days`` working days, on the national calendar with the notice's extra holidays and workdays."""
	if end < start:
		return [make_finding("INPUT-DATE-ORDER", notice, (_("Unit publicity"),), "publicity_end")]
	holidays, workdays = notice.extra_holidays, notice.extra_workdays
	try:
		days = working_days_between(start, end, holidays, workdays)
		if days >= min_days:
			return []
		earliest = earliest_period_end(start, min_days, holidays, workdays)
	except CalendarUnsupported as e:
		return [make_finding("CAL-UNSUPPORTED", notice, (e.message,), "publicity_start")]
	args = (min_days, start.isoformat(), end.isoformat(), days, earliest.isoformat())
	return [make_finding("PUB-DAYS", notice, args, "publicity_end")]


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
	min_days = notice.publicity_min_working_days
	if start is None or end is None:
		if at_forwarding:
			return [make_finding("PUB-NOT-ENTERED", notice, field="publicity_start")]
		if notice.publicity_before_application:
			return [make_finding("PUB-MISSING", notice, field="publicity_start")]
		if min_days > 0:
			return [make_finding("PUB-PENDING", notice, (min_days,))]
		return []
	findings = _working_days_findings(notice, start, end, min_days) if min_days > 0 else []
	if (at_forwarding or notice.publicity_before_application) and end >= today:
		findings.append(make_finding("PUB-NOT-ENDED", notice, (end.isoformat(),), "publicity_end"))
	if objection:
		findings.append(make_finding("PUB-OBJECTION", notice, field="publicity_objection"))
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
