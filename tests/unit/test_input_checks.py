"""The value rules of services/input_checks.py: what each field type accepts, and that what it
accepts can be stored as it is meant."""

import datetime
import decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhicheng_app.services.input_checks import (
	DECIMAL_MAX,
	INT_MAX,
	TEXT_LIMITS,
	VARCHAR_LENGTH,
	YEAR_MAX,
	YEAR_MIN,
	row_problems,
	table_shape_problem,
	value_problem,
)


def field(fieldtype: str, fieldname: str = "value", **kw):
	return SimpleNamespace(
		fieldtype=fieldtype,
		fieldname=fieldname,
		label=kw.get("label", fieldname),
		options=kw.get("options"),
		length=kw.get("length"),
	)


anything = st.one_of(
	st.none(),
	st.booleans(),
	st.integers(),
	st.floats(allow_nan=True, allow_infinity=True),
	st.text(),
	st.dates(),
	st.lists(st.integers(), max_size=2),
	st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@pytest.mark.parametrize(
	"value, ok",
	[
		("abc", False),
		("1.5", False),
		("1e3", False),
		("٣", False),
		("", True),
		(" 7 ", True),
		(7, True),
		(7.0, True),
		(True, True),
	],
)
def test_int_accepts_whole_numbers_only(value, ok):
	assert (value_problem(field("Int"), value) is None) == ok


@given(anything)
def test_whatever_an_int_field_accepts_is_a_whole_number_in_the_column(value):
	if value_problem(field("Int"), value) is None and value not in (None, ""):
		number = int(value.strip()) if isinstance(value, str) else int(value)
		assert number == (float(value) if not isinstance(value, str) else number)
		assert 0 <= number <= INT_MAX["Int"]


@given(st.integers())
def test_calendar_years(year):
	problem = value_problem(field("Int", "campaign_year"), year)
	assert (problem is None) == (year == 0 or YEAR_MIN <= year <= YEAR_MAX)


@given(anything)
def test_whatever_a_number_field_accepts_is_a_finite_number_in_range(value):
	if value_problem(field("Currency"), value) is None and value not in (None, ""):
		number = float(value)
		assert 0 <= number <= DECIMAL_MAX


@pytest.mark.parametrize("value", ["abc", "nan", "inf", "-1", "1,000", float("nan"), float("inf")])
def test_number_fields_refuse_what_is_no_amount(value):
	assert value_problem(field("Float"), value)


@pytest.mark.parametrize(
	"value, ok",
	[
		("2024-02-29", True),
		("2023-02-29", False),
		("0000-00-00", False),
		("2024-13-45", False),
		("2024-1-5", False),
		("2024-08-01 ", False),
		("1899-12-31", False),
		("２０２４-01-01", False),
		(datetime.date(2024, 8, 1), True),
		(20240801, False),
	],
)
def test_dates(value, ok):
	assert (value_problem(field("Date"), value) is None) == ok


@given(st.text(max_size=12))
def test_whatever_a_date_field_accepts_is_a_real_date(value):
	if value_problem(field("Date"), value) is None and value:
		moment = datetime.datetime.strptime(value, "%Y-%m-%d")
		assert YEAR_MIN <= moment.year <= YEAR_MAX and len(value) == 10


@given(
	st.datetimes(min_value=datetime.datetime(YEAR_MIN, 1, 1), max_value=datetime.datetime(YEAR_MAX, 12, 31))
)
def test_datetimes_as_the_desk_sends_them(moment):
	assert value_problem(field("Datetime"), moment.strftime("%Y-%m-%d %H:%M:%S.%f")) is None
	assert value_problem(field("Datetime"), moment.strftime("%Y-%m-%d")) is None
	assert value_problem(field("Datetime"), moment) is None


@pytest.mark.parametrize("value", ["2024-08-01 24:00:00", "2024-08-01 10:60", "2024-08-01 abc", "tomorrow"])
def test_impossible_datetimes(value):
	assert value_problem(field("Datetime"), value)


@pytest.mark.parametrize(
	"value, ok", [(0, True), (1, True), ("1", True), (True, True), ("true", False), (2, False)]
)
def test_check(value, ok):
	assert (value_problem(field("Check"), value) is None) == ok


def test_text_sizes():
	assert value_problem(field("Data"), "字" * VARCHAR_LENGTH) is None
	assert value_problem(field("Data"), "字" * (VARCHAR_LENGTH + 1))
	assert value_problem(field("Data", length=18), "x" * 19)
	limit = TEXT_LIMITS["Long Text"]
	assert value_problem(field("Long Text"), "x" * limit) is None
	assert "10000" in value_problem(field("Long Text"), "x" * (3 * 2**20))


@pytest.mark.parametrize("value", [["a"], {"a": 1}, object()])
def test_a_single_value_is_needed(value):
	assert value_problem(field("Data"), value)


def test_text_that_cannot_be_stored():
	assert value_problem(field("Data"), "a\ud800b")
	assert value_problem(field("Small Text"), "a\x00b")
	assert value_problem(field("Data"), "表情 😀 ok") is None


def test_select():
	select = field("Select", options="\nMale\nFemale")
	assert value_problem(select, "Male") is None
	assert value_problem(select, "Other")


def test_decimals_from_the_database():
	assert value_problem(field("Currency"), decimal.Decimal("700.000000000")) is None


def test_row_problems_name_the_field_and_skip_absent_ones():
	fields = [field("Int", "exam_year", label="Year Of The Exam"), field("Date", "birth_date", label="Birth")]
	problems = row_problems(fields, {"exam_year": "abc"}, "Row 2 ")
	assert len(problems) == 1 and problems[0].startswith("Row 2 ") and "Year Of The Exam" in problems[0]


@pytest.mark.parametrize(
	"rows, ok", [([], True), (None, True), ([{"a": 1}], True), ("abc", False), ([1], False)]
)
def test_table_shape(rows, ok):
	assert (table_shape_problem(field("Table", "education"), rows) is None) == ok
