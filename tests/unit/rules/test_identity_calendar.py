"""Property tests (hypothesis) for the ID and credit-code checks and the working-day calendar."""

from __future__ import annotations

import datetime

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from tests.unit.rules.factories import make_id
from zhicheng_app.rules.calendar import (
	SHANGHAI,
	CalendarUnsupported,
	add_working_days,
	earliest_period_end,
	is_before_cutoff,
	is_workday,
	to_shanghai,
	working_days_between,
)
from zhicheng_app.rules.identity import check_credit_code, check_resident_id
from zhicheng_app.rules.model import NoticeConfig, load_seed_notice
from zhicheng_app.rules.publicity import publicity_findings

births = st.dates(min_value=datetime.date(1940, 1, 1), max_value=datetime.date(2010, 12, 31))
seqs = st.integers(min_value=0, max_value=999).map(lambda n: f"{n:03d}")
areas = st.sampled_from(["652901", "652801", "650102", "110105"])


@given(births, seqs, areas)
def test_id_valid_numbers_pass(birth, seq, area):
	number = make_id(birth.strftime("%Y%m%d"), seq, area)
	res = check_resident_id(number)
	assert res.ok and res.error is None
	assert res.birth_date == birth
	assert res.gender == ("Male" if int(seq[2]) % 2 else "Female")
	assert res.normalized == number


@given(births, seqs, areas, st.sampled_from("0123456789X"))
def test_id_wrong_check_digit_fails(birth, seq, area, other):
	number = make_id(birth.strftime("%Y%m%d"), seq, area)
	if other == number[17]:
		return
	res = check_resident_id(number[:17] + other)
	assert not res.ok
	assert res.error == "居民身份证号码校验位错误，请核对"
	assert res.birth_date is None


@given(st.text(max_size=30))
def test_id_never_raises(value):
	res = check_resident_id(value)
	assert isinstance(res.ok, bool)
	assert res.ok or res.error


def test_id_known_vector_and_lowercase_x():
	assert check_resident_id("11010519491231002x").ok
	assert check_resident_id("11010519491231002x").normalized == "11010519491231002X"


@pytest.mark.parametrize(
	("value", "fragment"),
	[("", "请填写"), ("1101051949", "18位"), ("11010519491231002A", "17位数字"), (None, "请填写")],
)
def test_id_errors(value, fragment):
	res = check_resident_id(value)
	assert not res.ok and fragment in res.error


def test_id_future_birth_date():
	number = make_id("20300101", "123")
	res = check_resident_id(number, today=datetime.date(2024, 1, 1))
	assert not res.ok and "晚于今天" in res.error


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
credit_bodies = st.tuples(
	st.sampled_from("159"),  # stdnum requires digits in the first 8 places
	st.sampled_from("123"),
	st.text(alphabet="0123456789", min_size=6, max_size=6),
	st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=9, max_size=9),
).map("".join)


@given(credit_bodies)
def test_credit_code_valid_passes(body):
	code = body + uscc.calc_check_digit(body)
	res = check_credit_code(code)
	assert res.ok, (code, res.error)
	assert check_credit_code(code.lower()).ok


@given(credit_bodies, st.sampled_from(USCC_ALPHABET))
def test_credit_code_wrong_check_fails(body, other):
	good = uscc.calc_check_digit(body)
	if other == good:
		return
	res = check_credit_code(body + other)
	assert not res.ok and res.error


@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabz -９Ｘ", min_size=16, max_size=20))
def test_credit_code_agrees_with_stdnum(value):
	"""The check gives stdnum's verdict on anything, full-width and lower-case input included."""
	res = check_credit_code(value)
	try:
		uscc.validate(res.normalized)
		valid = len(res.normalized) == 18
	except ValidationError:
		valid = False
	assert res.ok == valid, (value, res)


@given(births, seqs, areas, st.sampled_from(["", " ", "-", " - "]), st.booleans())
def test_id_check_digit_agrees_with_stdnum(birth, seq, area, noise, lower):
	"""Every possible last character: valid exactly when it is stdnum's check digit."""
	body = area + birth.strftime("%Y%m%d") + seq
	for last in "0123456789X":
		value = body[:6] + noise + body[6:] + (last.lower() if lower else last)
		res = check_resident_id(value, today=datetime.date(2024, 8, 1))
		assert res.ok == (ric.calc_check_digit(body + "0") == last), (value, res)
		assert res.normalized == body + last


def test_credit_code_errors():
	assert "18位" in check_credit_code("9111").error
	assert "请填写" in check_credit_code("").error


# ------------------------------------------------------------------ calendar

days_2024 = st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2025, 12, 1))


def test_adjusted_workday_and_holidays_2024():
	assert is_workday(datetime.date(2024, 9, 14))  # a Saturday worked for 中秋
	assert not is_workday(datetime.date(2024, 9, 16))
	assert not is_workday(datetime.date(2024, 10, 1))
	assert is_workday(datetime.date(2024, 10, 12))  # Saturday worked for 国庆
	assert is_workday(datetime.date(2024, 5, 11))


def _publicity(start, end, notice=None):
	"""The precheck's publicity findings (no objection) on 2024-06-30."""
	return publicity_findings(
		notice or load_seed_notice("000"), start, end, False, datetime.date(2024, 6, 30)
	)


def test_labour_day_publicity_example():
	# a publicity starting 2024-04-29 ends on 05-08, not 05-03
	assert earliest_period_end(datetime.date(2024, 4, 29), 5) == datetime.date(2024, 5, 8)
	assert working_days_between(datetime.date(2024, 4, 29), datetime.date(2024, 5, 7)) == 4
	assert _publicity(datetime.date(2024, 4, 29), datetime.date(2024, 5, 8)) == []
	(f,) = _publicity(datetime.date(2024, 4, 29), datetime.date(2024, 5, 7))
	assert f.rule_id == "PUB-DAYS" and "2024-05-08" in f.message


def test_extra_holiday_extends_publicity():
	eid = datetime.date(2024, 6, 17)  # 古尔邦节 example, configured per notice
	assert is_workday(eid)
	assert not is_workday(eid, extra_holidays=[eid])
	assert earliest_period_end(datetime.date(2024, 6, 17), 5) == datetime.date(2024, 6, 21)
	assert earliest_period_end(datetime.date(2024, 6, 17), 5, [eid]) == datetime.date(2024, 6, 24)
	notice = NoticeConfig.from_dict(
		{**load_seed_notice("000").to_dict(), "extra_holidays": [{"holiday_date": "2024-06-17"}]}
	)
	assert _publicity(datetime.date(2024, 6, 17), datetime.date(2024, 6, 21)) == []
	(f,) = _publicity(datetime.date(2024, 6, 17), datetime.date(2024, 6, 21), notice)
	assert f.rule_id == "PUB-DAYS" and "2024-06-24" in f.message


@given(days_2024, st.integers(min_value=0, max_value=40))
def test_add_working_days_matches_count(start, n):
	end = add_working_days(start, n)
	assert end >= start
	# the days after start up to end hold exactly n working days, and end is one of them
	assert working_days_between(start + datetime.timedelta(days=1), end) == n
	if n:
		assert is_workday(end)


@given(days_2024, days_2024)
def test_working_days_agree_with_official_calendar(a, b):
	if b < a:
		a, b = b, a
	expected = sum(
		1 for i in range((b - a).days + 1) if chinese_calendar.is_workday(a + datetime.timedelta(days=i))
	)
	assert working_days_between(a, b) == expected


@settings(max_examples=50)
@given(days_2024, st.integers(min_value=1, max_value=15))
def test_earliest_period_end_is_minimal(start, n):
	end = earliest_period_end(start, n)
	assert working_days_between(start, end) == n
	assert working_days_between(start, end - datetime.timedelta(days=1)) == n - 1


def test_unsupported_year_raises_translated():
	with pytest.raises(CalendarUnsupported) as e:
		is_workday(datetime.date(2031, 1, 1))
	assert "2031" in e.value.message and "日历" in e.value.message


def test_cutoffs_in_shanghai():
	cutoff = datetime.datetime(2024, 8, 30, 18, 0)  # notice wall time
	utc = datetime.timezone.utc
	assert is_before_cutoff(datetime.datetime(2024, 8, 30, 10, 0, tzinfo=utc), cutoff)  # 18:00 Beijing
	assert not is_before_cutoff(datetime.datetime(2024, 8, 30, 10, 1, tzinfo=utc), cutoff)
	urumqi = datetime.timezone(datetime.timedelta(hours=6))
	assert is_before_cutoff(datetime.datetime(2024, 8, 30, 16, 0, tzinfo=urumqi), cutoff)
	assert not is_before_cutoff(datetime.datetime(2024, 8, 30, 17, 0, tzinfo=urumqi), cutoff)
	assert to_shanghai(datetime.date(2024, 1, 2)).tzinfo is SHANGHAI
