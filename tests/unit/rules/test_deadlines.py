"""Which states each deadline of the five shipped notices closes, one minute before and one minute
after it (Beijing time), with the consequence the notice states [spec §4.2–§4.8, §5]."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from zhicheng_app.rules.calendar import SHANGHAI
from zhicheng_app.rules.deadlines import (
	closing_deadlines,
	closure,
	parse_states,
	states_closed,
	window_outcome,
)
from zhicheng_app.rules.model import SEED_NOTICE_CODES, NoticeWindow, load_seed_notice
from zhicheng_app.rules.registry import notice_citation
from zhicheng_app.rules.vocabulary import WorkflowState as S

ALL_STATES = tuple(S)
BEFORE_COMMITTEE = {S.DRAFT, S.UNIT_REVIEW, S.SUPERVISING_REVIEW, S.EMPLOYMENT_SERVICE_REVIEW}
FEE_UNPAID = {S.ACCEPTED, S.PAPER_RECEIVED}


def bj(*args) -> datetime.datetime:
	return datetime.datetime(*args, tzinfo=SHANGHAI)


# notice → [(window kind, deadline, states it closes, outcome, the notice's wording, clause)], as the
# notices word them; every other window of the notice closes nothing
EXPECTED = {
	"000": [
		# 三、（一）: not submitted to the committee's first review by 08-30 18:00
		(
			"Application",
			bj(2024, 8, 30, 18, 0),
			BEFORE_COMMITTEE,
			S.ABANDONED,
			"视为放弃本次申报资格",
			"三、（一）",
		),
		# 四、（八）: paper materials of an accepted file by 09-10
		(
			"Paper Submission",
			bj(2024, 9, 10, 23, 59, 59),
			{S.ACCEPTED},
			S.ABANDONED,
			"视为自动放弃申报资格",
			"四、（八）",
		),
		# 三、（三）: fee by 09-12
		(
			"Fee Payment",
			bj(2024, 9, 12, 23, 59, 59),
			FEE_UNPAID,
			S.ABANDONED,
			"视为自动放弃申报资格",
			"三、（三）",
		),
	],
	"001": [
		# 一、（一）; fee and paper: no consequence stated (spec Q-3)
		(
			"Application",
			bj(2024, 8, 30, 18, 0),
			BEFORE_COMMITTEE,
			S.ABANDONED,
			"视为放弃本次申报资格",
			"一、（一）",
		),
	],
	"002": [
		# 三、: the applicant completes 申报 by 10-10; review (10-11 → 10-26) is the reviewers' time
		("Application", bj(2024, 10, 10, 23, 59, 59), {S.DRAFT}, S.NOT_ACCEPTED, "逾期不予受理", "三、"),
		("Fee Payment", bj(2024, 11, 4, 23, 59, 59), FEE_UNPAID, S.NOT_ACCEPTED, "逾期不予受理", "三、"),
	],
	"003": [
		# 三、: the applicant completes 申报 by 07-30; review runs to 08-10
		("Application", bj(2024, 7, 30, 23, 59, 59), {S.DRAFT}, S.NOT_ACCEPTED, "逾期不予受理", "三、"),
		("Fee Payment", bj(2024, 8, 20, 23, 59, 59), FEE_UNPAID, S.NOT_ACCEPTED, "逾期不予受理", "三、"),
	],
	"004": [
		# 一、: not submitted to the 终审部门 (地、县人社局) for a first review by 05-10 19:00
		(
			"Application",
			bj(2024, 5, 10, 19, 0),
			{S.DRAFT, S.UNIT_REVIEW},
			S.ABANDONED,
			"视为放弃本次申报资格",
			"一、",
		),
	],
}
MINUTE = datetime.timedelta(minutes=1)
EDGES = [
	(code, i, side)
	for code in SEED_NOTICE_CODES
	for i in range(len(EXPECTED[code]))
	for side in ("before", "after")
]


def test_every_seed_notice_has_its_expected_deadlines():
	assert set(EXPECTED) == set(SEED_NOTICE_CODES)
	for code in SEED_NOTICE_CODES:
		got = [
			(d.kind, d.at, set(d.states), d.outcome, d.consequence)
			for d in closing_deadlines(load_seed_notice(code))
		]
		assert got == [row[:5] for row in EXPECTED[code]], code


@pytest.mark.parametrize("code, index, side", EDGES)
def test_states_closed_one_minute_around_each_deadline(code, index, side):
	notice = load_seed_notice(code)
	at = EXPECTED[code][index][1]
	moment = at - MINUTE if side == "before" else at + MINUTE
	# closed: the states of every deadline already passed; every other state is left as it is
	expected = set().union(*(states for _k, end, states, *_rest in EXPECTED[code] if end < moment))
	assert states_closed(notice, ALL_STATES, moment) == expected
	for state in expected:
		first = min(
			(row for row in EXPECTED[code] if row[1] < moment and state in row[2]), key=lambda r: r[1]
		)
		kind, _end, _states, outcome, wording, clause = first
		found = closure(notice, state, moment)
		assert found.state == outcome and found.deadline.kind == kind
		assert found.reason.endswith(f"：{wording}")
		assert f"{notice_citation(notice)} {clause}" in found.reason


def test_004_county_bureau_files_are_not_closed_at_the_cut_off():
	"""Regression: 004 一、 closes only what did not reach the 终审部门 (地、县人社局) by 05-10 19:00;
	an F3 file at the county bureau is reviewed until 05-22."""
	notice = load_seed_notice("004")
	after = bj(2024, 5, 10, 19, 1)
	for state in (S.COUNTY_REVIEW, S.COUNTY_CONFIRMATION, S.PREFECTURE_CONFIRMATION):
		assert closure(notice, state, after) is None, state
		assert closure(notice, state, bj(2024, 5, 22, 23, 59)) is None, state
	assert closure(notice, S.UNIT_REVIEW, after).state == S.ABANDONED
	assert "阿地人社传〔2024〕6号 一、" in closure(notice, S.DRAFT, after).reason
	assert states_closed(notice, ALL_STATES, bj(2024, 5, 10, 18, 59)) == set()


def test_003_files_at_the_unit_or_the_employment_service_are_not_closed_after_07_30():
	"""Regression: 003 三、 closes what the applicant did not submit by 07-30; files with the unit or
	the public employment service are reviewed until 08-10 and the notice attaches no consequence
	to the review's end."""
	notice = load_seed_notice("003")
	for moment in (bj(2024, 7, 31, 0, 1), bj(2024, 8, 11, 0, 1)):
		for state in (S.UNIT_REVIEW, S.EMPLOYMENT_SERVICE_REVIEW, S.COMMITTEE_REVIEW):
			assert closure(notice, state, moment) is None, (state, moment)
	assert closure(notice, S.DRAFT, bj(2024, 7, 31, 0, 1)).state == S.NOT_ACCEPTED


@pytest.mark.parametrize(
	"code, outcome, wording",
	[
		("000", S.NOT_ACCEPTED, "不予受理"),
		("001", S.NOT_ACCEPTED, "不予受理"),
		("002", S.ABANDONED, "视为自动放弃"),
	],
)
def test_a_returned_file_is_closed_by_its_resubmission_deadline(code, outcome, wording):
	"""000 四、（一） / 001 四、（一）1: 不予受理; 002 四、（四）: 视为自动放弃."""
	notice = load_seed_notice(code)
	returned_by = bj(2024, 8, 28, 10, 0)
	assert closure(notice, S.RETURNED, returned_by - MINUTE, returned_by) is None
	found = closure(notice, S.RETURNED, returned_by + MINUTE, returned_by)
	assert found.state == outcome and found.deadline.kind == "Resubmission"
	assert notice_citation(notice) in found.reason and found.reason.endswith(f"：{wording}")
	# without a resubmission deadline no window closes a returned file
	assert closure(notice, S.RETURNED, bj(2024, 12, 31, 0, 0)) is None


def test_the_earliest_passed_deadline_closes_a_state_governed_by_two():
	notice = load_seed_notice("000")
	found = closure(notice, S.ACCEPTED, bj(2024, 9, 13, 0, 0))  # paper 09-10 and fee 09-12 passed
	assert found.deadline.kind == "Paper Submission"


def test_states_are_read_one_per_line_or_separated():
	assert parse_states("Draft\nUnit Review") == ("Draft", "Unit Review")
	assert parse_states(" Draft, Unit Review、Draft\n\n") == ("Draft", "Unit Review")
	assert parse_states("") == parse_states(None) == ()


def test_an_outcome_not_set_is_read_from_the_wording():
	assert window_outcome(NoticeWindow(consequence="逾期不予受理")) == S.NOT_ACCEPTED
	assert window_outcome(NoticeWindow(consequence="视为自动放弃申报资格")) == S.ABANDONED
	assert window_outcome(NoticeWindow(consequence="视为放弃", closes_as=S.NOT_ACCEPTED)) == S.NOT_ACCEPTED


def test_a_window_that_names_no_state_closes_nothing_whatever_its_wording():
	notice = load_seed_notice("003")
	silent = dataclasses.replace(
		notice, windows=[dataclasses.replace(w, closes_states="") for w in notice.windows]
	)
	assert states_closed(silent, ALL_STATES, bj(2025, 1, 1, 0, 0)) == set()
