"""Cut-off times in Asia/Shanghai and working days on the official calendar.

Working days follow the State Council holiday schedule as published in the ``chinese-calendar``
package (holidays *and* adjusted workdays: 2024-09-14, a Saturday, was a workday), plus the
notice's ``extra_holidays`` (e.g. Xinjiang's 肉孜节 / 古尔邦节, spec Q-46) and ``extra_workdays``.
Publicity periods count both the first and the last day [spec §11.1 V-15].
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from typing import Final
from zoneinfo import ZoneInfo

import chinese_calendar

from zhicheng_app.rules.registry import translate as _

SHANGHAI: Final = ZoneInfo("Asia/Shanghai")
_ONE_DAY: Final = datetime.timedelta(days=1)


class CalendarUnsupported(ValueError):
	"""The official calendar has no data for the year; ``message`` is translated."""

	def __init__(self, year: int):
		self.year = year
		self.message = _(
			"The official holiday calendar has no data for {0}; update the chinese-calendar package"
		).format(year)
		super().__init__(self.message)


@functools.cache
def _supported_years() -> tuple[int, int]:
	years = [d.year for d in chinese_calendar.holidays] + [d.year for d in chinese_calendar.workdays]
	return min(years), max(years)


def to_shanghai(value: datetime.datetime | datetime.date) -> datetime.datetime:
	"""An aware datetime in Asia/Shanghai. Naive datetimes are read as Shanghai wall time; a date
	is its midnight."""
	if not isinstance(value, datetime.datetime):
		return datetime.datetime(value.year, value.month, value.day, tzinfo=SHANGHAI)
	if value.tzinfo is None:
		return value.replace(tzinfo=SHANGHAI)
	return value.astimezone(SHANGHAI)


def now_shanghai() -> datetime.datetime:
	return datetime.datetime.now(SHANGHAI)


def is_before_cutoff(moment: datetime.datetime | datetime.date, cutoff: datetime.datetime) -> bool:
	"""True when ``moment`` is at or before ``cutoff`` (both read in Asia/Shanghai)."""
	return to_shanghai(moment) <= to_shanghai(cutoff)


def _national_workday(d: datetime.date) -> bool:
	"""``chinese_calendar.is_workday(d)``, read from the package's tables directly: its own check of
	the supported years costs more than the lookup (about 30 µs a call)."""
	lo, hi = _supported_years()
	if not lo <= d.year <= hi:
		raise CalendarUnsupported(d.year)
	return d in _NATIONAL_WORKDAYS or (d.weekday() <= 4 and d not in _NATIONAL_HOLIDAYS)


# the package's tables {date: name}: adjusted workdays, and holidays including the days off in lieu
_NATIONAL_WORKDAYS: Final = chinese_calendar.workdays
_NATIONAL_HOLIDAYS: Final = chinese_calendar.holidays


def _as_date_set(days) -> frozenset:
	if not days:
		return frozenset()
	if isinstance(days, frozenset):
		return days
	out = set()
	for d in days:
		d = getattr(d, "holiday_date", d)  # accept model.HolidayRow
		if isinstance(d, datetime.datetime):
			d = d.date()
		elif isinstance(d, str):
			d = datetime.date.fromisoformat(d[:10])
		if isinstance(d, datetime.date):
			out.add(d)
	return frozenset(out)


def is_workday(d: datetime.date, extra_holidays: Iterable = (), extra_workdays: Iterable = ()) -> bool:
	"""Official working day? Raises CalendarUnsupported outside the package's years."""
	if isinstance(d, datetime.datetime):
		d = d.date()
	if extra_holidays and d in _as_date_set(extra_holidays):
		return False
	if extra_workdays and d in _as_date_set(extra_workdays):
		return True
	return _national_workday(d)


def working_days_between(
	start: datetime.date, end: datetime.date, extra_holidays: Iterable = (), extra_workdays: Iterable = ()
) -> int:
	"""Working days from ``start`` to ``end``, both included; 0 when ``end`` < ``start``."""
	holidays = _as_date_set(extra_holidays)
	workdays = _as_date_set(extra_workdays)
	if isinstance(start, datetime.datetime):
		start = start.date()
	if isinstance(end, datetime.datetime):
		end = end.date()
	return _count(start, end, holidays, workdays)


@functools.lru_cache(maxsize=4096)
def _count(start, end, holidays, workdays) -> int:
	n = 0
	d = start
	while d <= end:
		if d in holidays:
			pass
		elif d in workdays or _national_workday(d):
			n += 1
		d += _ONE_DAY
	return n


def add_working_days(
	start: datetime.date, days: int, extra_holidays: Iterable = (), extra_workdays: Iterable = ()
) -> datetime.date:
	"""The date ``days`` working days after ``start`` (``start`` itself not counted).
	``add_working_days(d, 0)`` is ``d``."""
	holidays = _as_date_set(extra_holidays)
	workdays = _as_date_set(extra_workdays)
	if isinstance(start, datetime.datetime):
		start = start.date()
	d = start
	step = _ONE_DAY if days >= 0 else -_ONE_DAY
	remaining = abs(days)
	while remaining:
		d += step
		if d not in holidays and (d in workdays or _national_workday(d)):
			remaining -= 1
	return d


def earliest_period_end(
	start: datetime.date, working_days: int, extra_holidays: Iterable = (), extra_workdays: Iterable = ()
) -> datetime.date:
	"""Last day of a period of ``working_days`` working days that begins on ``start`` (start
	counted when it is a working day). 2024-04-29 with 5 → 2024-05-08."""
	holidays = _as_date_set(extra_holidays)
	workdays = _as_date_set(extra_workdays)
	if isinstance(start, datetime.datetime):
		start = start.date()
	if working_days <= 0:
		return start
	first = start in workdays or (start not in holidays and _national_workday(start))
	if first:
		return add_working_days(start, working_days - 1, holidays, workdays)
	return add_working_days(start, working_days, holidays, workdays)
