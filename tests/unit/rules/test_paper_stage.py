"""The paper stage of 阿地人社传〔2024〕6号 四、（二） (rules/paper_stage.py) on the seed notice: which
window each move needs, its edges, the publicity of the passed applicants, and the workflow and
deadlines it has to agree with."""

import datetime
import json
import pathlib

from zhicheng_app.rules import paper_stage
from zhicheng_app.rules.calendar import to_shanghai
from zhicheng_app.rules.deadlines import closing_deadlines
from zhicheng_app.rules.model import load_seed_notice
from zhicheng_app.rules.vocabulary import PASSED_REVIEW_STATES, WindowKind, WorkflowState
from zhicheng_app.rules.windows import fmt

S = WorkflowState
NOTICE = load_seed_notice("004")
WORKFLOW = json.loads(
	(
		pathlib.Path(__file__).resolve().parents[3]
		/ "zhicheng_app"
		/ "workflows"
		/ "title_application_approval.json"
	).read_text(encoding="utf-8")
)


def window(kind):
	row = next(w for w in NOTICE.windows if w.kind == kind)
	return to_shanghai(row.start), to_shanghai(row.end)


def at(*args):
	return to_shanghai(datetime.datetime(*args))


def refusal(old, new, moment):
	start, end = window(paper_stage.window_of(old, new))
	return paper_stage.window_refusal(NOTICE, old, new, start, end, moment, fmt)


def test_each_move_of_the_paper_stage_falls_in_its_window_of_the_notice():
	assert paper_stage.window_of(S.UNIT_RESULTS_PUBLICITY, S.PAPER_SUBMITTED) == WindowKind.PAPER
	assert paper_stage.window_of(S.PAPER_SUBMITTED, S.CONFIRMED) == WindowKind.PAPER
	assert paper_stage.window_of(S.PAPER_SUBMITTED, S.COUNTY_PAPER_SUBMITTED) == WindowKind.COUNTY_PAPER
	assert paper_stage.window_of(S.COUNTY_PAPER_SUBMITTED, S.CONFIRMED) == WindowKind.COUNTY_PAPER
	assert paper_stage.window_of(S.PREFECTURE_CONFIRMATION, S.UNIT_RESULTS_PUBLICITY) is None
	# the seed's own timetable: 用人单位 05-22 → 05-31, 县（市）人社局 05-22 → 06-05
	assert window(WindowKind.PAPER) == (at(2024, 5, 22), at(2024, 5, 31, 23, 59, 59))
	assert window(WindowKind.COUNTY_PAPER) == (at(2024, 5, 22), at(2024, 6, 5, 23, 59, 59))


def test_the_unit_window_at_its_edges_one_minute_either_side():
	unit = (S.UNIT_RESULTS_PUBLICITY, S.PAPER_SUBMITTED)
	early = refusal(*unit, at(2024, 5, 21, 23, 59))
	assert early and "2024-05-22 00:00" in early and "2024-05-31 23:59" in early
	assert "阿地人社传〔2024〕6号 四、（二）1" in early
	assert refusal(*unit, at(2024, 5, 22, 0, 0)) is None
	assert refusal(*unit, at(2024, 5, 31, 23, 58, 59)) is None
	assert refusal(*unit, at(2024, 6, 1, 0, 0, 59))


def test_the_county_window_at_its_edges_and_the_unit_window_shut_by_then():
	county = (S.PAPER_SUBMITTED, S.COUNTY_PAPER_SUBMITTED)
	assert refusal(*county, at(2024, 6, 5, 23, 58, 59)) is None
	late = refusal(*county, at(2024, 6, 6, 0, 0, 59))
	assert late and "阿地人社传〔2024〕6号 四、（二）2" in late
	assert refusal(S.COUNTY_PAPER_SUBMITTED, S.CONFIRMED, at(2024, 6, 5, 12, 0)) is None
	# the same day, a unit's paper at its HR bureau is out of its window
	assert refusal(S.PAPER_SUBMITTED, S.CONFIRMED, at(2024, 6, 5, 12, 0))


def test_confirmed_only_from_the_paper_at_the_bureau():
	for state in (S.COUNTY_CONFIRMATION, S.PREFECTURE_CONFIRMATION, S.UNIT_RESULTS_PUBLICITY):
		message = paper_stage.confirmation_refusal(NOTICE, state)
		assert message and "阿地人社传〔2024〕6号 四、（二）" in message, state
	assert paper_stage.confirmation_refusal(NOTICE, S.PAPER_SUBMITTED) is None
	assert paper_stage.confirmation_refusal(NOTICE, S.COUNTY_PAPER_SUBMITTED) is None


def test_the_publicity_of_the_passed_applicants_must_be_entered_long_enough_over_and_clean():
	today = datetime.date(2024, 5, 28)
	missing = paper_stage.results_publicity_problems(NOTICE, None, None, False, today)
	assert len(missing) == 1 and "请先填写通过人员再次公示的起止日期" in missing[0]
	short = paper_stage.results_publicity_problems(
		NOTICE, datetime.date(2024, 5, 22), datetime.date(2024, 5, 24), False, today
	)
	assert short and "5" in short[0]  # three working days of the five the notice asks for
	running = paper_stage.results_publicity_problems(
		NOTICE, datetime.date(2024, 5, 21), datetime.date(2024, 5, 28), False, today
	)
	assert len(running) == 1 and "2024-05-28" in running[0]
	objected = paper_stage.results_publicity_problems(
		NOTICE, datetime.date(2024, 5, 21), datetime.date(2024, 5, 27), True, today
	)
	assert len(objected) == 1 and "异议" in objected[0]
	assert (
		paper_stage.results_publicity_problems(
			NOTICE, datetime.date(2024, 5, 21), datetime.date(2024, 5, 27), False, today
		)
		== []
	)
	assert all("阿地人社传〔2024〕6号 四、（二）1" in p for p in missing + running + objected)


def test_the_shipped_workflow_has_the_paper_stage_and_no_confirmation_online():
	rows = {
		(t["state"], t["action"], t["next_state"], t["allowed"]) for t in WORKFLOW["workflow"]["transitions"]
	}
	assert not [r for r in rows if r[2] == S.CONFIRMED and r[0] not in paper_stage.CONFIRMABLE_FROM]
	expected = (
		(S.COUNTY_CONFIRMATION, "Pass Review", S.UNIT_RESULTS_PUBLICITY, "County HRSS Officer"),
		(S.PREFECTURE_CONFIRMATION, "Pass Review", S.UNIT_RESULTS_PUBLICITY, "Prefecture HRSS Officer"),
		(S.UNIT_RESULTS_PUBLICITY, "Submit Paper Materials", S.PAPER_SUBMITTED, "Unit HR"),
		(S.PAPER_SUBMITTED, "Forward Paper Materials", S.COUNTY_PAPER_SUBMITTED, "County HRSS Officer"),
	)
	for row in expected:
		assert row in rows, row
	# every move the rules give a window to is a transition of the workflow
	pairs = {(r[0], r[2]) for r in rows}
	assert set(paper_stage.TRANSITION_WINDOWS) <= pairs
	assert set(paper_stage.TRANSITION_WINDOWS) == set(paper_stage.TRANSITION_CLAUSES)
	assert PASSED_REVIEW_STATES <= {s["state"] for s in WORKFLOW["workflow"]["states"]}


def test_the_paper_windows_close_no_state():
	"""The notice states no consequence for paper sent late: its paper windows close nothing, and
	the application window closes only what has not reached the bureaus (004 一、)."""
	closed = {state for d in closing_deadlines(NOTICE) for state in d.states}
	assert closed == {S.DRAFT, S.UNIT_REVIEW}
	assert not closed & (PASSED_REVIEW_STATES | {S.PAPER_SUBMITTED, S.COUNTY_PAPER_SUBMITTED})
