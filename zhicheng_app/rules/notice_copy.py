"""A notice copied for another campaign: its dates shifted, and what the administrator still has to
review on the copy.

Everything here works on plain data: a notice as a dict of its fields (tables as lists of row
dicts) and its schema as ``FieldSpec``s with labels in the user's language. The Frappe layer
(``services/notice_copy.py``) reads the record and the DocType's meta, inserts the copy and stores
the review list on it.

- Every Date and Datetime of the notice and of its rows moves by the same ``relativedelta``
  (``years=1`` for next year's notice, or any number of days for a demo campaign).
- The year-valued numbers of a campaign (its year, the appraisal years, the continuing-education
  years) move by the number of calendar years the dates moved; fixed years (since when the
  continuing-education platform issues certificates) stay.
- The review list names, by the field's label, every shifted date that now falls on a non-working
  day of the national calendar (or whose year the calendar does not know), every text still naming
  the old year or a year range, the cleared 文号, and the tables that hold one year's data
  (extra holidays and workdays, fees, contacts, basis documents).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from zhicheng_app.i18n import _
from zhicheng_app.rules import calendar
from zhicheng_app.rules.vocabulary import WindowKind

DATE_TYPES = frozenset(("Date", "Datetime"))
TEXT_TYPES = frozenset(("Data", "Small Text", "Text", "Long Text", "Text Editor"))

# Year-valued numbers that belong to the campaign and move with it
YEAR_FIELDS = ("campaign_year", "assessment_from_year", "assessment_to_year")
ROW_YEAR_FIELDS = {
	"ce_policies": ("professional_from_year", "professional_to_year", "general_from_year", "general_to_year")
}
# Tables whose rows are one year's data: copied (dates shifted), each named in the review list
HOLIDAY_TABLES = ("extra_holidays", "extra_workdays")
YEAR_SPECIFIC_TABLES = ("fees", "contacts", "basis")
# The notice's own 文号, cleared on the copy
DOCUMENT_NUMBER = "doc_no"
# Fields of the notice the text check leaves out: the identity of the copy and the review itself
NOT_CHECKED = frozenset(("code", DOCUMENT_NUMBER, "copied_from", "copy_review"))
# The field of a row that names it in a message, per table (else its row number alone)
ROW_TITLES = {"windows": "kind", "extra_holidays": "description", "extra_workdays": "description"}

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[—–\-~～至到]+\s*((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class FieldSpec:
	"""One field of the notice (or of a row): its name, its label as the user reads it, its type
	and, for a table, the fields of its rows."""

	fieldname: str
	label: str
	fieldtype: str
	children: tuple[FieldSpec, ...] = ()


@dataclass(frozen=True)
class ReviewItem:
	"""One thing to review on the copy. ``field`` (and ``row``) say where, for code; ``message``
	is what the administrator reads, citing the field by its label."""

	kind: str  # non_working_day, calendar_unknown, old_year, year_range, document_number, year_table, years_shifted
	field: str
	message: str
	row: int | None = None


@dataclass
class CopyPlan:
	"""The copy's field values and its review list."""

	values: dict
	review: list[ReviewItem] = field(default_factory=list)
	year_shift: int = 0
	old_year: int = 0  # the source's campaign year (0: unknown)
	new_year: int = 0  # the copy's


# --------------------------------------------------------------------------- shifting dates
def whole_years(delta: relativedelta) -> int | None:
	"""The number of years ``delta`` moves a date when it moves it by whole years only, else None."""
	normalized = delta.normalized()
	absolute = (
		normalized.year,
		normalized.month,
		normalized.day,
		normalized.weekday,
		normalized.hour,
		normalized.minute,
		normalized.second,
		normalized.microsecond,
	)
	relative = (
		normalized.months,
		normalized.days,
		normalized.hours,
		normalized.minutes,
		normalized.seconds,
		normalized.microseconds,
		normalized.leapdays,
	)
	if any(v is not None for v in absolute) or any(relative):
		return None
	return normalized.years


def parse_value(value, fieldtype: str) -> datetime.date | datetime.datetime | None:
	"""A Date or Datetime field's value (a date, a datetime or its ISO text) as a date or datetime."""
	if value in (None, ""):
		return None
	if isinstance(value, datetime.datetime):
		return value if fieldtype == "Datetime" else value.date()
	if isinstance(value, datetime.date):
		return datetime.datetime(value.year, value.month, value.day) if fieldtype == "Datetime" else value
	text = str(value).strip()
	if fieldtype == "Date":
		return datetime.date.fromisoformat(text[:10])
	return datetime.datetime.fromisoformat(text)


def shift_value(value, fieldtype: str, delta: relativedelta):
	"""``value`` moved by ``delta``, in the shape it came in (text stays text); empty stays empty.
	29 February moved by a year is 28 February."""
	parsed = parse_value(value, fieldtype)
	if parsed is None:
		return value
	moved = parsed + delta
	if fieldtype == "Date" and isinstance(moved, datetime.datetime):
		moved = moved.date()
	if not isinstance(value, str):
		return moved
	if fieldtype == "Date":
		return moved.isoformat()
	return moved.strftime("%Y-%m-%d %H:%M:%S.%f" if moved.microsecond else "%Y-%m-%d %H:%M:%S")


def year_shift(delta: relativedelta, reference: datetime.date) -> int:
	"""Calendar years the campaign moves: the whole years of ``delta``, else the years between
	``reference`` (a date of the notice) and the same date moved."""
	years = whole_years(delta)
	if years is not None:
		return years
	moved = reference + delta
	return moved.year - reference.year


def reference_date(values: Mapping, schema: Sequence[FieldSpec]) -> datetime.date | None:
	"""The date the campaign is dated by: its application window's start, else its issue date, else
	its earliest date."""
	for row in values.get("windows") or ():
		if row.get("kind") == WindowKind.APPLICATION:
			start = parse_value(row.get("start"), "Datetime")
			if start:
				return start.date()
	issued = parse_value(values.get("issue_date"), "Date")
	if issued:
		return issued
	found = []
	for spec in schema:
		if spec.fieldtype in DATE_TYPES:
			day = parse_value(values.get(spec.fieldname), spec.fieldtype)
			if day:
				found.append(day)
		for row in _rows(values, spec):
			for child in spec.children:
				if child.fieldtype in DATE_TYPES:
					day = parse_value(row.get(child.fieldname), child.fieldtype)
					if day:
						found.append(day)
	dates = [d.date() if isinstance(d, datetime.datetime) else d for d in found]
	return min(dates) if dates else None


def _row_title(row: Mapping, title_field: str | None, translate_value: Callable[[str], str]) -> str:
	"""What names a row in a review item (a window's kind, a fee's committee), translated."""
	return translate_value(str(row.get(title_field) or "")) if title_field and row.get(title_field) else ""


def _rows(values: Mapping, spec: FieldSpec) -> list:
	if not spec.children:
		return []
	rows = values.get(spec.fieldname)
	return list(rows) if isinstance(rows, (list, tuple)) else []


def shift_years(value, years: int):
	"""A year-valued number moved by ``years``; 0 (not given) stays 0."""
	try:
		number = int(value or 0)
	except (TypeError, ValueError):
		return value
	return number + years if number else number


def retitle(title: str, old_year: int, new_year: int) -> str:
	"""``title`` naming ``new_year`` where it named ``old_year`` (as a year, not inside a number)."""
	if not title or not old_year or old_year == new_year:
		return title
	return re.sub(rf"(?<!\d){old_year}(?!\d)", str(new_year), title)


def next_code(
	code: str, old_year: int, new_year: int, taken: Callable[[str], bool], max_length: int = 140
) -> str:
	"""A free code for the copy: the source's code with the new year (``001`` → ``001-2025``,
	``001-2025`` → ``001-2026``), numbered on when it is taken (``001-2025-2``)."""
	base = re.sub(rf"-{old_year}$", "", code) if old_year else code
	stem = f"{base}-{new_year}" if new_year else base
	stem = stem[: max_length - 4]
	candidate, number = stem, 1
	while taken(candidate):
		number += 1
		candidate = f"{stem}-{number}"
	return candidate


def _campaign_year(values: Mapping, reference: datetime.date | None) -> int:
	try:
		year = int(values.get("campaign_year") or 0)
	except (TypeError, ValueError):
		year = 0
	return year or (reference.year if reference else 0)


def plan_copy(values: Mapping, schema: Sequence[FieldSpec], delta: relativedelta) -> CopyPlan:
	"""The copy of the notice ``values`` with every date moved by ``delta`` and its review list.

	The code is left to the caller (it depends on what exists); the 文号 is cleared; the title
	names the new year when the dates moved by whole years."""
	reference = reference_date(values, schema)
	years = year_shift(delta, reference) if reference else (whole_years(delta) or 0)
	old_year = _campaign_year(values, reference)
	new_year = old_year + years if old_year else 0
	out: dict = {}
	for spec in schema:
		name = spec.fieldname
		if spec.children:
			out[name] = [_shift_row(spec, row, delta, years) for row in _rows(values, spec)]
			continue
		if name not in values:
			continue
		value = values[name]
		if spec.fieldtype in DATE_TYPES:
			value = shift_value(value, spec.fieldtype, delta)
		elif name in YEAR_FIELDS:
			value = shift_years(value, years)
		out[name] = value
	if DOCUMENT_NUMBER in out or any(s.fieldname == DOCUMENT_NUMBER for s in schema):
		out[DOCUMENT_NUMBER] = ""
	if whole_years(delta) is not None and out.get("title"):
		out["title"] = retitle(out["title"], old_year, new_year)
	if not values.get("campaign_year") and new_year:
		out["campaign_year"] = new_year
	plan = CopyPlan(values=out, year_shift=years, old_year=old_year, new_year=new_year)
	plan.review = review_items(values, out, schema, old_year=old_year, new_year=new_year)
	return plan


def _shift_row(spec: FieldSpec, row: Mapping, delta: relativedelta, years: int) -> dict:
	year_fields = ROW_YEAR_FIELDS.get(spec.fieldname, ())
	copied = {}
	for child in spec.children:
		if child.fieldname not in row:
			continue
		value = row[child.fieldname]
		if child.fieldtype in DATE_TYPES:
			value = shift_value(value, child.fieldtype, delta)
		elif child.fieldname in year_fields:
			value = shift_years(value, years)
		copied[child.fieldname] = value
	return copied


# --------------------------------------------------------------------------- the review list
def format_moment(value, fieldtype: str) -> str:
	"""2025年8月30日, or 2025年8月30日 18:00 for a time of day."""
	parsed = parse_value(value, fieldtype)
	if parsed is None:
		return ""
	text = f"{parsed.year}年{parsed.month}月{parsed.day}日"
	if isinstance(parsed, datetime.datetime):
		text += f" {parsed.hour:02d}:{parsed.minute:02d}"
	return text


def non_working_reason(day: datetime.date) -> str | None:
	"""Why ``day`` is no working day on the national calendar (Saturday, the 国庆节 holiday …), or None when it
	is one. Raises calendar.CalendarUnsupported for a year the calendar does not know."""
	if calendar.is_workday(day):
		return None
	holiday = calendar.holiday_name(day)
	if holiday:
		return _("the {0} holiday").format(holiday)
	return _(WEEKDAYS[day.weekday()])


def _where(
	spec: FieldSpec, row_no: int | None = None, child: FieldSpec | None = None, row_title: str = ""
) -> str:
	"""Where a value sits, as the user reads it: 时间安排 第1行（申报）开始."""
	if child is None:
		return spec.label
	title = f"（{row_title}）" if row_title else ""
	return _("{0} row {1}{2} {3}").format(spec.label, row_no, title, child.label)


def _old_years(old_year: int) -> set[int]:
	return {old_year} if old_year else set()


def _text_problems(text: str, old_years: set[int]) -> list[tuple[str, str]]:
	"""(kind, what) for each old year and year range ``text`` names."""
	if not isinstance(text, str) or not text:
		return []
	found = []
	ranges = [m.group(0) for m in YEAR_RANGE.finditer(text)]
	if ranges:
		found.append(("year_range", "、".join(dict.fromkeys(ranges))))
	stripped = YEAR_RANGE.sub(" ", text)
	for year in sorted(old_years):
		if re.search(rf"(?<!\d){year}(?!\d)", stripped):
			found.append(("old_year", str(year)))
	return found


def _excerpt(text: str, limit: int = 40) -> str:
	text = " ".join(str(text).split())
	return text if len(text) <= limit else text[: limit - 1] + "…"


def review_items(
	source: Mapping,
	copy: Mapping,
	schema: Sequence[FieldSpec],
	*,
	old_year: int,
	new_year: int,
	translate_value: Callable[[str], str] = _,
) -> list[ReviewItem]:
	"""What the administrator still has to review on ``copy`` (made from ``source``), in order:
	the 文号, dates on non-working days, texts naming the old year or a year range, the year-valued
	numbers moved, and the tables of one year's data."""
	items: list[ReviewItem] = []
	by_name = {s.fieldname: s for s in schema}

	if DOCUMENT_NUMBER in by_name:
		spec = by_name[DOCUMENT_NUMBER]
		before = source.get(DOCUMENT_NUMBER)
		if before:
			message = _("{0} was cleared (it was {1}): enter the new notice's number").format(
				spec.label, before
			)
		else:
			message = _("{0} is empty: enter the new notice's number").format(spec.label)
		items.append(ReviewItem("document_number", DOCUMENT_NUMBER, message))

	items += _date_items(copy, schema, translate_value)
	items += _text_items(copy, schema, _old_years(old_year), new_year, translate_value)
	items += _year_items(source, copy, schema, old_year, new_year)
	items += _table_items(copy, schema)
	return items


def _dates(
	copy: Mapping, schema: Sequence[FieldSpec], translate_value
) -> Iterable[tuple[str, str, int | None, object, str]]:
	"""(where, fieldname, row, value, fieldtype) of every date of the copy outside the holiday tables."""
	for spec in schema:
		if spec.fieldtype in DATE_TYPES:
			yield _where(spec), spec.fieldname, None, copy.get(spec.fieldname), spec.fieldtype
		if not spec.children or spec.fieldname in HOLIDAY_TABLES:
			continue
		title_field = ROW_TITLES.get(spec.fieldname)
		for no, row in enumerate(_rows(copy, spec), start=1):
			title = _row_title(row, title_field, translate_value)
			for child in spec.children:
				if child.fieldtype in DATE_TYPES:
					yield (
						_where(spec, no, child, title),
						spec.fieldname,
						no,
						row.get(child.fieldname),
						child.fieldtype,
					)


def _date_items(copy: Mapping, schema: Sequence[FieldSpec], translate_value) -> list[ReviewItem]:
	items = []
	unknown: dict[int, list[str]] = {}
	unknown_field: dict[int, str] = {}
	for where, fieldname, row, value, fieldtype in _dates(copy, schema, translate_value):
		parsed = parse_value(value, fieldtype)
		if parsed is None:
			continue
		day = parsed.date() if isinstance(parsed, datetime.datetime) else parsed
		try:
			reason = non_working_reason(day)
		except calendar.CalendarUnsupported:
			unknown.setdefault(day.year, []).append(where)
			unknown_field.setdefault(day.year, fieldname)
			continue
		if reason:
			items.append(
				ReviewItem(
					"non_working_day",
					fieldname,
					_("{0}: {1} is a non-working day ({2})").format(
						where, format_moment(value, fieldtype), reason
					),
					row,
				)
			)
	for year, places in sorted(unknown.items()):
		items.append(
			ReviewItem(
				"calendar_unknown",
				unknown_field[year],
				_(
					"The official holiday calendar has no data for {0} yet: check by hand whether these are working days: {1}"
				).format(year, "、".join(places)),
			)
		)
	return items


def _text_items(
	copy: Mapping, schema: Sequence[FieldSpec], old_years: set[int], new_year: int, translate_value
) -> list[ReviewItem]:
	items = []

	def add(where: str, fieldname: str, row: int | None, text: str):
		for kind, what in _text_problems(text, old_years):
			if kind == "old_year":
				message = _("{0} still names {1}: “{2}”").format(where, what, _excerpt(text))
			else:
				message = _("{0} names the years {1}; do they still hold for {2}? “{3}”").format(
					where, what, new_year or _("the new campaign"), _excerpt(text)
				)
			items.append(ReviewItem(kind, fieldname, message, row))

	for spec in schema:
		if spec.fieldtype in TEXT_TYPES and spec.fieldname not in NOT_CHECKED:
			add(_where(spec), spec.fieldname, None, copy.get(spec.fieldname))
		title_field = ROW_TITLES.get(spec.fieldname)
		for no, row in enumerate(_rows(copy, spec), start=1):
			title = _row_title(row, title_field, translate_value)
			for child in spec.children:
				if child.fieldtype in TEXT_TYPES:
					add(_where(spec, no, child, title), spec.fieldname, no, row.get(child.fieldname))
	return items


def _year_items(
	source: Mapping, copy: Mapping, schema: Sequence[FieldSpec], old_year: int, new_year: int
) -> list[ReviewItem]:
	"""The year-valued numbers moved with the campaign (its own year aside), for a check."""
	items = []
	by_name = {s.fieldname: s for s in schema}
	for name in YEAR_FIELDS:
		if name == "campaign_year" or name not in by_name:
			continue
		before, after = source.get(name) or 0, copy.get(name) or 0
		if before and before != after:
			items.append(
				ReviewItem(
					"years_shifted",
					name,
					_("{0} was moved from {1} to {2}: check it against the new notice").format(
						by_name[name].label, before, after
					),
				)
			)
	for table, fields in ROW_YEAR_FIELDS.items():
		spec = by_name.get(table)
		if not spec:
			continue
		before_rows, after_rows = _rows(source, spec), _rows(copy, spec)
		moved = any(
			(b.get(f) or 0) != (a.get(f) or 0)
			for b, a in zip(before_rows, after_rows, strict=False)
			for f in fields
		)
		if moved:
			items.append(
				ReviewItem(
					"years_shifted",
					table,
					_(
						"{0}: the years of every row were moved by {1}: check them against the new notice"
					).format(spec.label, (new_year - old_year) if old_year and new_year else 0),
				)
			)
	return items


def _table_items(copy: Mapping, schema: Sequence[FieldSpec]) -> list[ReviewItem]:
	items = []
	by_name = {s.fieldname: s for s in schema}
	for name in HOLIDAY_TABLES:
		spec = by_name.get(name)
		if not spec:
			continue
		rows = _rows(copy, spec)
		if rows:
			message = _(
				"{0}: {1} dates were moved with the others, but holidays and adjusted workdays are published each year: check every row"
			).format(spec.label, len(rows))
		elif name == "extra_holidays":
			message = _(
				"{0}: none entered; enter this year's regional festivals (肉孜节, 古尔邦节) as published, if they fall in a window"
			).format(spec.label)
		else:
			continue
		items.append(ReviewItem("year_table", name, message))
	messages = {
		"fees": _("{0}: the previous year's {1} rows were copied: check the amounts against the new notice"),
		"contacts": _("{0}: the previous year's {1} rows were copied: check the names and phone numbers"),
		"basis": _("{0}: the previous year's {1} rows were copied: check each document and its number"),
	}
	for name in YEAR_SPECIFIC_TABLES:
		spec = by_name.get(name)
		rows = _rows(copy, spec) if spec else []
		if rows:
			items.append(ReviewItem("year_table", name, messages[name].format(spec.label, len(rows))))
	return items


def review_text(items: Sequence[ReviewItem]) -> str:
	"""The review list as stored on the copy: one numbered line per item."""
	return "\n".join(f"{no}. {item.message}" for no, item in enumerate(items, start=1))
