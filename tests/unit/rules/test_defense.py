"""The defense once the committee sits: 003's averaging of exempt applicants' scores, the pass
mark, and who may be scheduled."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhicheng_app.rules.defense import (
	FAILED,
	PASSED,
	averaged_defense_score,
	defense_outcome,
	exempt_score,
	pass_mark,
	scheduling_refusal,
)
from zhicheng_app.rules.model import DefenseRow, load_seed_notice


def test_the_average_of_the_years_scores_two_places_half_up():
	assert averaged_defense_score([80, 90, 85]) == Decimal("85.00")
	assert averaged_defense_score([70, 71, 71]) == Decimal("70.67")
	assert averaged_defense_score(["88.5", 91.25]) == Decimal("89.88")  # 89.875 rounds up


def test_blank_scores_are_left_out_and_none_is_no_average():
	assert averaged_defense_score([None, "", 60, 70]) == Decimal("65.00")
	assert averaged_defense_score([]) is None
	assert averaged_defense_score([None, ""]) is None
	assert averaged_defense_score(["not a number", float("nan")]) is None


def test_the_average_is_a_decimal_not_a_float():
	assert isinstance(averaged_defense_score([1, 2]), Decimal)


def test_only_003_averages_the_exempt_applicants_score():
	assert load_seed_notice("003").defense_exempt_averaged is True
	for code in ("000", "001", "002", "004"):
		assert load_seed_notice(code).defense_exempt_averaged is False
		assert exempt_score(load_seed_notice(code), [80]) == (False, None)
	assert exempt_score(load_seed_notice("003"), [80, 90]) == (True, Decimal("85.00"))
	# not scored quantitatively: the exempt applicant counts as passed, without a score
	assert exempt_score(load_seed_notice("003"), []) == (True, None)


def test_no_seed_notice_gives_a_pass_mark():
	for code in ("000", "001", "002", "003"):
		notice = load_seed_notice(code)
		for row in notice.defense_rules:
			assert pass_mark(notice, row.level) is None


def test_a_pass_mark_decides_by_the_score():
	notice = load_seed_notice("003")
	notice.defense_rules = [DefenseRow(level="Intermediate", mode="On-site", pass_mark=60)]
	mark = pass_mark(notice, "Intermediate")
	assert mark == Decimal(60)
	assert defense_outcome(60, mark, None) == (PASSED, None)
	assert defense_outcome("59.5", mark, PASSED) == (FAILED, None)  # the score wins over a decision
	result, refusal = defense_outcome(None, mark, PASSED)
	assert result is None and "60" in refusal


def test_without_a_pass_mark_the_panel_decides():
	assert defense_outcome(45, None, PASSED) == (PASSED, None)
	assert defense_outcome(None, None, FAILED) == (FAILED, None)
	result, refusal = defense_outcome(90, None, "")
	assert result is None and refusal == "请记录答辩小组是否通过答辩：通知未规定合格分数线"


def test_a_negative_score_is_refused():
	assert defense_outcome(-1, None, PASSED)[0] is None


BASE = {
	"state": "Fee Paid",
	"notice": "N1",
	"session_notice": "N1",
	"defense_required": True,
	"exempt": False,
}


def test_a_fee_paid_application_that_needs_the_defense_is_scheduled():
	assert scheduling_refusal(**BASE) is None


@pytest.mark.parametrize(
	("change", "expected"),
	[
		({"notice": "N2"}, "不属于本场答辩的通知"),
		({"state": "Accepted"}, "已接收材料"),
		({"defense_required": False}, "无需答辩"),
		(
			{"defense_required": False, "exempt": True, "exempt_reason": "若羌县民营企业"},
			"免于答辩：若羌县民营企业",
		),
	],
)
def test_refusals_are_worded_in_zh(change, expected):
	refusal = scheduling_refusal(**{**BASE, **change})
	assert refusal is not None and expected in refusal
