"""The deadline job on the site: each deadline of the five shipped notices closes only the
applications in the states it governs, one minute after it and not one minute before (Beijing
time), with the consequence and the clause its notice states [spec §4.2–§4.8, §5]."""

import datetime

import frappe
import pytest

from tests.integration.factories import make_notice
from tests.integration.workflow_support import (
	CHAIN_SETTINGS,
	act,
	chain_notice,
	make_chain_application,
	publicise,
	state,
)
from tests.unit.rules.test_deadlines import EXPECTED
from zhicheng_app.rules.deadlines import parse_states
from zhicheng_app.rules.model import SEED_NOTICE_CODES, load_seed_notice
from zhicheng_app.rules.registry import notice_citation
from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.services.deadlines import close_overdue_applications
from zhicheng_app.services.transitions import TERMINAL_STATES

# the campaign clock stands at 2024-08-01 10:00 Beijing time (workflow_support.frozen_clock)
pytestmark = pytest.mark.usefixtures("frozen_clock")

MINUTE = datetime.timedelta(minutes=1)
OPEN_STATES = [s for s in WorkflowState if s not in TERMINAL_STATES]
FAR_AWAY = datetime.datetime(2025, 6, 30, 12, 0)  # a returned file's resubmission deadline


def shipped_notice(code: str):
	"""A notice record made from the shipped configuration of seed ``code`` (its own code)."""
	values = load_seed_notice(code).to_dict()
	values.pop("code")
	notice = make_notice(**values, **CHAIN_SETTINGS.get(code, {}))
	notice.flags.seed_code = code
	return notice


def in_state(actors, notice, wanted: str) -> str:
	"""An application of ``notice`` standing in ``wanted`` (set in the table: the job reads only
	the state, the notice and, for a returned one, the resubmission deadline)."""
	name = make_chain_application(actors, notice, "prefecture", "Directed Evaluation", "Intermediate").name
	values = {"workflow_state": wanted}
	if wanted == WorkflowState.RETURNED:
		values["resubmit_deadline"] = FAR_AWAY
	frappe.db.set_value("Title Application", name, values, update_modified=False)
	return name


def _beijing_wall(moment: datetime.datetime) -> datetime.datetime:
	return moment.replace(tzinfo=None)


@pytest.mark.parametrize("code", SEED_NOTICE_CODES)
def test_the_job_closes_only_the_governed_states_around_each_deadline(actors, code):
	notice = shipped_notice(code)
	apps = {s: in_state(actors, notice, s) for s in OPEN_STATES}
	closed_by = {}  # state → the expected row of the deadline that closed it
	for row in sorted(EXPECTED[code], key=lambda r: r[1]):
		kind, at, states, outcome, wording, clause = row
		for moment, passed in ((at - MINUTE, False), (at + MINUTE, True)):
			frappe.flags.zhicheng_now = _beijing_wall(moment)
			if passed:
				for s in states:
					closed_by.setdefault(s, row)
			close_overdue_applications(_beijing_wall(moment), notices=[notice.name])
			for s, name in apps.items():
				if s in closed_by:
					_kind, _at, _states, outcome, wording, clause = closed_by[s]
					doc = frappe.get_doc("Title Application", name)
					assert doc.workflow_state == outcome, (code, kind, moment, s)
					assert doc.closed_reason.endswith(f"：{wording}"), doc.closed_reason
					assert f"{notice_citation(load_seed_notice(code))} {clause}" in doc.closed_reason
				else:
					assert state(name) == s, (code, kind, moment, s)
	assert set(closed_by) == set().union(*(r[2] for r in EXPECTED[code]))


def test_004_county_bureau_file_is_not_deemed_abandoned_at_the_cut_off(actors):
	"""Regression: an F3 application at the county bureau has reached a 终审部门 (地、县人社局) and is
	reviewed until 05-22; only what never got there is 视为放弃 (阿地人社传〔2024〕6号 一、)."""
	notice = chain_notice("004")
	at_county = make_chain_application(actors, notice, "county", "Grant by Degree", "Intermediate").name
	act(actors["applicant"], at_county, "Submit")
	publicise(actors, at_county)
	act(actors["hr"], at_county, "Recommend")
	assert state(at_county) == "County Review"
	at_unit = make_chain_application(actors, notice, "county", "Grant by Degree", "Intermediate").name
	act(actors["applicant"], at_unit, "Submit")
	draft = make_chain_application(actors, notice, "county", "Grant by Degree", "Intermediate").name

	end = frappe.utils.get_datetime(next(w.end for w in notice.windows if w.kind == "Application"))
	assert close_overdue_applications(end - MINUTE, notices=[notice.name]) == 0
	assert close_overdue_applications(end + MINUTE, notices=[notice.name]) == 2
	assert state(at_county) == "County Review"
	for name in (at_unit, draft):
		doc = frappe.get_doc("Title Application", name)
		assert doc.workflow_state == "Abandoned"
		assert doc.closed_reason.endswith("：视为放弃本次申报资格") and "一、" in doc.closed_reason
	# the county bureau still recommends it to the prefecture
	act(actors["county"], at_county, "Recommend")
	assert state(at_county) == "Prefecture Confirmation"


def test_003_files_at_the_unit_or_the_employment_service_are_not_refused_after_07_30(actors):
	"""Regression: after 07-30 only what the applicant has not submitted is 逾期不予受理 (003 三、);
	the unit and the public employment service review until 08-10."""
	notice = chain_notice("003")
	at_unit = make_chain_application(
		actors, notice, "private", "Private Enterprise Special", "Intermediate"
	).name
	act(actors["applicant"], at_unit, "Submit")
	at_pes = make_chain_application(
		actors, notice, "private", "Private Enterprise Special", "Intermediate"
	).name
	act(actors["applicant"], at_pes, "Submit")
	publicise(actors, at_pes)
	act(actors["hr"], at_pes, "Recommend")
	assert state(at_pes) == "Employment Service Review"
	draft = make_chain_application(
		actors, notice, "private", "Private Enterprise Special", "Intermediate"
	).name

	windows = {w.kind: frappe.utils.get_datetime(w.end) for w in notice.windows}
	after = windows["Application"] + MINUTE
	assert close_overdue_applications(after, notices=[notice.name]) == 1
	assert (state(at_unit), state(at_pes), state(draft)) == (
		"Unit Review",
		"Employment Service Review",
		"Not Accepted",
	)
	assert frappe.db.get_value("Title Application", draft, "closed_reason").endswith("：逾期不予受理")
	# the end of the review window closes nothing either: the notice attaches no consequence to it
	review_end = windows["Review"] + MINUTE
	for w in notice.windows:
		if w.kind == "Fee Payment":
			w.end = review_end + datetime.timedelta(days=30)
	notice.save()
	assert close_overdue_applications(review_end, notices=[notice.name]) == 0
	frappe.flags.zhicheng_now = after
	act(actors["pes"], at_pes, "Recommend")
	assert state(at_pes) == "Committee Review"


@pytest.mark.parametrize("code", SEED_NOTICE_CODES)
def test_the_seed_notices_on_the_site_carry_the_shipped_deadlines(code):
	"""The shipped records (installed by the demo, updated by the patch on migrate) name the same
	states, outcomes and clauses as the shipped configuration."""
	stored = frappe.get_all("Title Notice", filters={"code": code}, pluck="name")
	if not stored:
		pytest.skip(f"no notice {code} on this site (the demo is not loaded)")
	shipped = {w.kind: w for w in load_seed_notice(code).windows}
	for name in stored:
		doc = frappe.get_doc("Title Notice", name)
		seed = load_seed_notice(code)
		assert doc.late_resubmission_outcome == seed.late_resubmission_outcome
		assert (doc.late_resubmission_consequence or "") == seed.late_resubmission_consequence
		for row in doc.windows:
			window = shipped[row.kind]
			assert parse_states(row.closes_states) == parse_states(window.closes_states), (code, row.kind)
			assert (row.closes_as or "", row.clause or "") == (window.closes_as, window.clause), (
				code,
				row.kind,
			)


def test_states_are_checked_against_the_workflow_and_read_by_their_zh_labels():
	notice = chain_notice("000")

	def save_application_states(text: str):
		doc = frappe.get_doc("Title Notice", notice.name)
		next(w for w in doc.windows if w.kind == "Application").closes_states = text
		doc.save()
		return next(w for w in doc.windows if w.kind == "Application").name

	row = save_application_states("填报中\n用人单位审核公示、Draft")
	assert parse_states(frappe.db.get_value("Notice Window", row, "closes_states")) == (
		"Draft",
		"Unit Review",
	)
	with pytest.raises(frappe.ValidationError, match="不是审批流程中的状态"):
		save_application_states("Draft\n不存在的状态")
	with pytest.raises(frappe.ValidationError, match="已经终止"):
		save_application_states("Certified")
