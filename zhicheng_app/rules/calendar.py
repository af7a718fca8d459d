"""Cut-off times in Asia/Shanghai and working days on the official calendar.

Working days follow the State Council holiday schedule as published in the ``chinese-calendar``
package (holidays *and* adjusted workdays: 2024-09-14, a Saturday, was a workday), plus the
notice's ``extra_holidays`` (e.g. Xinjiang's 肉孜节 / 古尔邦节) and ``extra_workdays``. A period of
working days counts both its first and its last day.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import chinese_calendar

from zhicheng_app.i18n import _

SHANGHAI = ZoneInfo("Asia/Shanghai")
ONE_DAY = datetime.timedelta(days=1)


class CalendarUnsupported(ValueError):
	"""The official calendar has no data for the year; ``message`` is translated."""

	def __init__(self, year: int):
		self.year = year
		self.message = _(
			"The official holiday calendar has no data for {0}; update the chinese-calendar package"
		).format(year)
		super().__init__(self.message)


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


def as_dates(days: Iterable) -> frozenset[datetime.date]:
	"""The dates of ``days``: dates, datetimes, ISO strings or rows with a ``holiday_date``
	(model.HolidayRow); anything else is left out."""
	out = set()
	for day in days or ():
		day = getattr(day, "holiday_date", day)
		if isinstance(day, datetime.datetime):
			day = day.date()
		elif isinstance(day, str):
			day = datetime.date.fromisoformat(day[:10])
		if isinstance(day, datetime.date):
			out.add(day)
	return frozenset(out)


def _as_date(day: datetime.date) -> datetime.date:
	return day.date() if isinstance(day, datetime.datetime) else day


def _working_day(day: datetime.date, holidays: frozenset, workdays: frozenset) -> bool:
	"""``day`` is a working day: not one of the notice's extra holidays, and one of its extra
	workdays or a working day of the national calendar."""
	if day in holidays:
		return False
	if day in workdays:
		return True
	return national_workday(day)


@functools.cache
def national_workday(day: datetime.date) -> bool:
	"""``chinese_calendar.is_workday(day)``, remembered per day: the package checks the years it
	covers on every call, which costs more than all other rules of a precheck together."""
	try:
		return chinese_calendar.is_workday(day)
	except NotImplementedError:  # the package has no data for the year
		raise CalendarUnsupported(day.year) from None


def holiday_name(day: datetime.date) -> str | None:
	"""The Chinese name of the national holiday ``day`` belongs to (国庆节 …), or None (a working
	day, a plain weekend). Raises CalendarUnsupported outside the package's years."""
	day = _as_date(day)
	try:
		_on_holiday, name = chinese_calendar.get_holiday_detail(day)
	except NotImplementedError:
		raise CalendarUnsupported(day.year) from None
	if not name or national_workday(day):
		return None
	try:
		return chinese_calendar.Holiday(name).chinese
	except ValueError:
		return name


def is_workday(day: datetime.date, extra_holidays: Iterable = (), extra_workdays: Iterable = ()) -> bool:
	"""Official working day? Raises CalendarUnsupported outside the package's years."""
	return _working_day(_as_date(day), as_dates(extra_holidays), as_dates(extra_workdays))


def working_days_between(
	start: datetime.date, end: datetime.date, extra_holidays: Iterable = (), extra_workdays: Iterable = ()
) -> int:
	"""Working days from ``start`` to ``end``, both included; 0 when ``end`` < ``start``."""
	holidays, workdays = as_dates(extra_holidays), as_dates(extra_workdays)
	day, end = _as_date(start), _as_date(end)
	count = 0
	while day <= end:
		if _working_day(day, holidays, workdays):
			count += 1
		day += ONE_DAY
	return count


def add_working_days(
	start: datetime.date, days: int, extra_holidays: Iterable = (), extra_workdays: Iterable = ()
) -> datetime.date:
	"""The date ``days`` working days after ``start`` (``start`` itself not counted); a negative
	``days`` counts back. ``add_working_days(d, 0)`` is ``d``."""
	holidays, workdays = as_dates(extra_holidays), as_dates(extra_workdays)
	day = _as_date(start)
	step = ONE_DAY if days >= 0 else -ONE_DAY
	remaining = abs(days)
	while remaining:
		day += step
		if _working_day(day, holidays, workdays):
			remaining -= 1
	return day


def earliest_period_end(
	start: datetime.date, working_days: int, extra_holidays: Iterable = (), extra_workdays: Iterable = ()
) -> datetime.date:
	"""Last day of a period of ``working_days`` working days that begins on ``start`` (start
	counted when it is a working day). 2024-04-29 with 5 → 2024-05-08."""
	start = _as_date(start)
	if working_days <= 0:
		return start
	if is_workday(start, extra_holidays, extra_workdays):
		return add_working_days(start, working_days - 1, extra_holidays, extra_workdays)
	return add_working_days(start, working_days, extra_holidays, extra_workdays)
