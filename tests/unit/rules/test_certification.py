"""rules.certification: the results publicity's guard, who certifies, the end of a fraud ban, the
certificate series and the addressees of the 任职资格文件."""

import datetime

import pytest

from zhicheng_app.rules.certification import (
	addressees,
	ban_until,
	certificate_series,
	certifier_refusal,
	results_publicity_refusal,
)

TODAY = datetime.date(2024, 8, 8)
START, END = datetime.date(2024, 8, 1), datetime.date(2024, 8, 7)
CITE = "《测试通知》 三、（四）"


def test_certification_needs_a_results_publicity():
	message = results_publicity_refusal(None, None, False, TODAY, CITE)
	assert message and CITE in message


@pytest.mark.parametrize("end", [TODAY, TODAY + datetime.timedelta(days=3)])
def test_certification_waits_until_the_publicity_has_ended(end):
	message = results_publicity_refusal(START, end, False, TODAY, CITE)
	assert message and end.isoformat() in message


def test_a_standing_objection_blocks_the_certification():
	assert results_publicity_refusal(START, END, True, TODAY, CITE)


def test_an_ended_publicity_without_objection_lets_it_through():
	assert results_publicity_refusal(START, END, False, TODAY, CITE) is None


def test_only_the_role_the_notice_names_certifies():
	bureau = "阿克苏地区人力资源和社会保障局"
	refused = certifier_refusal({"Title Administrator"}, "Prefecture HRSS Officer", bureau, CITE)
	assert refused and bureau in refused and CITE in refused
	assert certifier_refusal({"Prefecture HRSS Officer"}, "Prefecture HRSS Officer", bureau, CITE) is None


@pytest.mark.parametrize(
	"decided, years, expected",
	[
		(datetime.date(2024, 8, 8), 3, datetime.date(2027, 8, 8)),
		(datetime.date(2024, 2, 29), 3, datetime.date(2027, 2, 28)),  # no 29 February in 2027
		(datetime.date(2024, 8, 8), None, datetime.date(2027, 8, 8)),  # the default three years
		(datetime.date(2024, 8, 8), 5, datetime.date(2029, 8, 8)),
	],
)
def test_a_ban_ends_the_notices_years_after_the_decision(decided, years, expected):
	assert ban_until(decided, years) == expected


def test_the_certificate_series_is_the_committee_code_and_the_year():
	assert certificate_series("aksjz", 2024) == "AKSJZ-2024-"
	assert certificate_series(" AK-SJZ ", 2025) == "AKSJZ-2025-"
	assert certificate_series("", 2024) == "ZC-2024-"


def test_the_addressees_are_the_units_once_each_in_order():
	assert addressees(["甲单位", "乙单位", "甲单位", ""]) == "甲单位，乙单位"
	assert addressees([]) == ""
