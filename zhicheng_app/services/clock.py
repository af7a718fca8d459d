"""The campaign clock: Asia/Shanghai whatever the server's time zone.

``frappe.flags.zhicheng_now`` (a datetime; naive = Shanghai wall time) freezes the clock for
tests and for replaying a campaign; production code never sets it.
"""

import datetime

import frappe

from zhicheng_app.rules.calendar import now_shanghai, to_shanghai

__all__ = ["fmt", "now", "to_shanghai", "wall", "window"]


def now() -> datetime.datetime:
	frozen = frappe.flags.zhicheng_now
	return to_shanghai(frappe.utils.get_datetime(frozen)) if frozen else now_shanghai()


def wall(moment: datetime.datetime) -> datetime.datetime:
	"""Naive Shanghai wall time, the form in which windows and deadlines are stored."""
	return to_shanghai(moment).replace(tzinfo=None)


def window(notice, kind: str):
	"""(start, end, consequence) of the notice's window of ``kind``, aware; None when absent."""
	for row in notice.get("windows") or []:
		if row.kind == kind:
			start = to_shanghai(frappe.utils.get_datetime(row.start)) if row.start else None
			end = to_shanghai(frappe.utils.get_datetime(row.end)) if row.end else None
			return start, end, row.consequence or ""
	return None


def fmt(moment: datetime.datetime | None) -> str:
	return to_shanghai(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
