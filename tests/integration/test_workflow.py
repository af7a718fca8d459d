"""The approval chains on a real site with real users per role [spec §4.2–§4.9]."""

import datetime
import itertools
from types import SimpleNamespace

import frappe
import pytest
from frappe.model.workflow import is_transition_condition_satisfied

from tests.integration.workflow_support import (
	NOW,
	act,
	chain_notice,
	decide,
	edit,
	make_chain_application,
	pay_fee,
	publicise,
	record_defense,
	republicise,
	schedule_defense,
	state,
)
from zhicheng_app.patches.v1_1.review_route_switches import OLD_CONDITIONS, set_application_switches
from zhicheng_app.rules.review_route import REVIEW_SWITCHES, review_switches
from zhicheng_app.rules.vocabulary import Location, Route
from zhicheng_app.services.deadlines import close_overdue_applications
from zhicheng_app.services.results import start_results_publicity
from zhicheng_app.workflows import WORKFLOW_NAME, install_default_workflow, load_default, restore_default

COMMITTEE = "committee"
# the results publicity started at NOW (Thu 2024-08-01) has ended: five working days to 08-07
AFTER_RESULTS_PUBLICITY = datetime.datetime(2024, 8, 8, 10, 0)
CHAINS = {
	# 004 三、（二） online, then its paper stage (四、（二）): the unit publicises the passed applicants
	# again and sends its paper to its 本级人社部门; a county bureau forwards its county's
	"004-F1-prefecture-direct": ("004", "prefecture", "Grant by Degree", "Intermediate",
		[("hr", "Recommend", "Prefecture Confirmation"), ("prefecture", "Pass Review", "Unit Results Publicity"),
		("hr", "Submit Paper Materials", "Paper Submitted"), ("prefecture", "Confirm", "Confirmed")]),
	"004-F2-county-initial": ("004", "county", "Initial Junior", "Assistant",
		[("hr", "Recommend", "County Confirmation"), ("county", "Pass Review", "Unit Results Publicity"),
		("hr", "Submit Paper Materials", "Paper Submitted"), ("county", "Confirm", "Confirmed")]),
	"004-F3-county-grant": ("004", "county", "Grant by Degree", "Intermediate",
		[("hr", "Recommend", "County Review"), ("county", "Recommend", "Prefecture Confirmation"),
		("prefecture", "Pass Review", "Unit Results Publicity"), ("hr", "Submit Paper Materials", "Paper Submitted"),
		("county", "Forward Paper Materials", "County Paper Submitted"), ("prefecture", "Confirm", "Confirmed")]),
	"000-private": ("000", "private", "Private Enterprise Special", "Intermediate", [("hr", "Recommend", "Committee Review")]),
	"001-private": ("001", "private", "Private Enterprise Special", "Intermediate",
		[("hr", "Recommend", "Employment Service Review"), ("pes", "Recommend", "Committee Review")]),
	"003-private": ("003", "private", "Private Enterprise Special", "Intermediate",
		[("hr", "Recommend", "Employment Service Review"), ("pes", "Recommend", "Committee Review")]),
	"000-directed": ("000", "prefecture", "Directed Evaluation", "Intermediate", [("hr", "Recommend", "Committee Review")]),
	"001-directed": ("001", "prefecture", "Directed Evaluation", "Intermediate",
		[("hr", "Recommend", "Supervising Review"), ("supervisor", "Recommend", "Committee Review")]),
	"002-region": ("002", "prefecture", "Autonomous Region Evaluation", "Full Senior",
		[("hr", "Recommend", "Supervising Review"), ("supervisor", "Recommend", "Committee Review")]),
}  # fmt: skip

# the campaign clock stands at 2024-08-01 10:00 Beijing time (workflow_support.frozen_clock)
pytestmark = pytest.mark.usefixtures("frozen_clock")


def submit_and_publicise(actors, notice, unit, route, level):
	doc = make_chain_application(actors, notice, unit, route, level)
	act(actors["applicant"], doc.name, "Submit")
	assert state(doc.name) == "Unit Review"
	publicise(actors, doc.name)
	return doc.name


def committee_tail(actors, name, notice):
	"""已接收材料 → paper → fee → (defense) → evaluation → publicity → qualification document."""
	act(actors[COMMITTEE], name, "Accept")
	assert state(name) == "Accepted"
	if any(w.kind == "Paper Submission" for w in notice.windows):
		act(actors[COMMITTEE], name, "Receive Paper Materials")
		assert frappe.db.get_value("Title Application", name, "paper_received_by") == actors[COMMITTEE]
	pay_fee(actors[COMMITTEE], name)
	doc = frappe.get_doc("Title Application", name)
	assert doc.workflow_state == "Fee Paid" and doc.fee_recorded_by == actors[COMMITTEE] and doc.fee_paid_at
	if doc.defense_required:
		schedule_defense(actors[COMMITTEE], name)
		record_defense(actors[COMMITTEE], name)
	else:
		act(actors[COMMITTEE], name, "Start Evaluation")
	assert state(name) == "Under Evaluation"
	decide(actors[COMMITTEE], name, "Passed")
	# the results publicity (会议公示) runs five working days before the certification
	frappe.set_user(actors[COMMITTEE])
	try:
		start_results_publicity(notice.name, [name])
	finally:
		frappe.set_user("Administrator")
	frappe.flags.zhicheng_now = AFTER_RESULTS_PUBLICITY
	act(actors["admin"], name, "Certify")
	return frappe.get_doc("Title Application", name)


@pytest.mark.parametrize("chain", sorted(CHAINS))
def test_chain_end_to_end(actors, chain):
	code, unit, route, level, steps = CHAINS[chain]
	notice = chain_notice(code)
	name = submit_and_publicise(actors, notice, unit, route, level)
	for actor, action, expected in steps:
		if action == "Submit Paper Materials":
			republicise(actors, name)
		act(actors[actor], name, action)
		assert state(name) == expected, (actor, action)
	if code == "004":
		doc = frappe.get_doc("Title Application", name)
		assert doc.review_passed_at and doc.paper_submitted_by == actors["hr"] and doc.confirmed_at
		return
	doc = committee_tail(actors, name, notice)
	assert doc.workflow_state == "Certified" and doc.evaluation_result == "Passed" and doc.certified_at
	assert doc.submission_count == 1
	# the fee the desk recorded: the notice's amount where its table states one
	stated = {f.level_tier: f.amount for f in notice.fees}.get("Intermediate")
	paid = frappe.db.get_value("Fee Payment", {"application": name}, "amount")
	assert doc.fee_amount == paid and (not stated or paid == stated)
	if code == "002":
		assert doc.defense_required and doc.defense_online and doc.defense_result == "Passed"


def _at_committee(actors, code="000"):
	notice = chain_notice(code)
	name = submit_and_publicise(actors, notice, "prefecture", "Directed Evaluation" if code != "002" else "Autonomous Region Evaluation",
		"Intermediate" if code != "002" else "Full Senior")  # fmt: skip
	for actor, action, _expected in CHAINS["000-directed" if code == "000" else "002-region"][4]:
		act(actors[actor], name, action)
	assert state(name) == "Committee Review"
	return notice, name


def _return(actors, name, reasons="学历证书扫描件不清晰；继续教育证书缺2022年度"):
	edit(actors[COMMITTEE], name, return_reasons=reasons)
	act(actors[COMMITTEE], name, "Return for Revision")


def test_return_needs_every_reason_and_starts_the_resubmission_clock(actors):
	_notice, name = _at_committee(actors)
	with pytest.raises(frappe.ValidationError, match="一次性写明全部退回原因"):
		act(actors[COMMITTEE], name, "Return for Revision")
	assert state(name) == "Committee Review"
	_return(actors, name)
	doc = frappe.get_doc("Title Application", name)
	assert doc.workflow_state == "Returned" and doc.return_count == 1 and not doc.return_reasons
	assert doc.returns[0].reasons.startswith("学历证书") and doc.returns[0].returned_by == actors[COMMITTEE]
	assert doc.resubmit_deadline == NOW + datetime.timedelta(hours=48)  # 000: 2 days (000 四、（一）)
	act(actors["applicant"], name, "Resubmit")
	doc = frappe.get_doc("Title Application", name)
	assert (
		doc.workflow_state == "Committee Review"
		and doc.submission_count == 2
		and doc.returns[0].resubmitted_at
	)


def test_002_second_return_allows_24_hours(actors):
	_notice, name = _at_committee(actors, "002")
	_return(actors, name)
	act(actors["applicant"], name, "Resubmit")
	_return(actors, name)
	assert frappe.db.get_value("Title Application", name, "resubmit_deadline") == NOW + datetime.timedelta(
		hours=24
	)


def test_submission_limit_ends_in_not_accepted(actors):
	"""000: at most 3 submissions to the committee including the first (000 四、（一）)."""
	_notice, name = _at_committee(actors)
	for _ in range(2):
		_return(actors, name)
		act(actors["applicant"], name, "Resubmit")
	assert frappe.db.get_value("Title Application", name, "submission_count") == 3
	with pytest.raises(frappe.ValidationError, match="不能再次退回"):
		_return(actors, name)
	act(actors[COMMITTEE], name, "Reject")
	assert state(name) == "Not Accepted"


def test_late_resubmission_is_refused_and_closed_by_the_job(actors):
	_notice, name = _at_committee(actors)
	_return(actors, name)
	frappe.flags.zhicheng_now = NOW + datetime.timedelta(hours=49)
	with pytest.raises(frappe.ValidationError, match="重新提交"):
		act(actors["applicant"], name, "Resubmit")
	assert state(name) == "Returned"
	assert close_overdue_applications() >= 1
	doc = frappe.get_doc("Title Application", name)
	assert doc.workflow_state == "Not Accepted" and "重新提交" in doc.closed_reason and doc.closed_at


def test_002_late_resubmission_is_deemed_abandoned(actors):
	_notice, name = _at_committee(actors, "002")
	_return(actors, name)
	close_overdue_applications(NOW + datetime.timedelta(hours=49))
	assert state(name) == "Abandoned"
	# 002 四、（四）: 逾期未重新上报的，视为自动放弃
	assert frappe.db.get_value("Title Application", name, "closed_reason").endswith("：视为自动放弃")


@pytest.mark.parametrize(
	"kind, prepare, expected",
	[
		("Application", None, "Abandoned"),  # 000 三、（一）: 视为放弃本次申报资格
		("Paper Submission", "Accepted", "Abandoned"),  # 000 四、（八）: 视为自动放弃
		("Fee Payment", "Accepted", "Abandoned"),  # 000 三、（三）
	],
)
def test_missed_deadlines_close_the_application_once(actors, kind, prepare, expected):
	notice, name = _at_committee(actors)
	if prepare is None:
		name = make_chain_application(
			actors, notice, "prefecture", "Directed Evaluation", "Intermediate"
		).name
	else:
		act(actors[COMMITTEE], name, "Accept")
	end = next(w.end for w in notice.windows if w.kind == kind)
	later = frappe.utils.get_datetime(end) + datetime.timedelta(minutes=1)
	for w in notice.windows:  # only the window under test has passed
		if w.kind != kind:
			w.end = later + datetime.timedelta(days=30)
	notice.save()
	assert close_overdue_applications(later) >= 1
	doc = frappe.get_doc("Title Application", name)
	assert doc.workflow_state == expected and doc.closed_reason and doc.closed_at
	modified = doc.modified
	assert close_overdue_applications(later) == 0  # a second run changes nothing
	assert frappe.db.get_value("Title Application", name, "modified") == modified
	assert frappe.get_all(
		"Comment",
		filters={"reference_name": name, "comment_type": "Workflow", "content": ("like", "%到期自动处理%")},
	)


def test_003_late_fee_is_not_accepted(actors):
	notice = chain_notice("003")
	name = submit_and_publicise(actors, notice, "private", "Private Enterprise Special", "Intermediate")
	for actor, action, _expected in CHAINS["003-private"][4]:
		act(actors[actor], name, action)
	act(actors[COMMITTEE], name, "Accept")
	fee_end = next(w.end for w in notice.windows if w.kind == "Fee Payment")
	close_overdue_applications(frappe.utils.get_datetime(fee_end) + datetime.timedelta(hours=1))
	assert state(name) == "Not Accepted"  # 003 三、: 逾期不予受理


def test_submit_after_the_cut_off_is_refused_in_shanghai_time(actors):
	notice = chain_notice("000")
	end = next(w for w in notice.windows if w.kind == "Application")
	end.end = datetime.datetime(2024, 8, 30, 18, 0)
	notice.save()
	doc = make_chain_application(actors, notice, "prefecture", "Directed Evaluation", "Intermediate")
	frappe.flags.zhicheng_now = datetime.datetime(
		2024, 8, 30, 10, 1, tzinfo=datetime.timezone.utc
	)  # 18:01 in Shanghai
	with pytest.raises(frappe.ValidationError, match="2024-08-30 18:00"):
		act(actors["applicant"], doc.name, "Submit")
	frappe.flags.zhicheng_now = datetime.datetime(2024, 8, 30, 9, 59, tzinfo=datetime.timezone.utc)  # 17:59
	act(actors["applicant"], doc.name, "Submit")
	assert state(doc.name) == "Unit Review"


@pytest.mark.parametrize(
	"values, message",
	[
		({}, "公示起止日期"),
		({"publicity_start": "2024-07-17", "publicity_end": "2024-07-19"}, "5"),
		({"publicity_objection": 1}, "异议"),
	],
)
def test_unit_cannot_forward_before_a_clean_publicity(actors, values, message):
	name = make_chain_application(
		actors, chain_notice("000"), "prefecture", "Directed Evaluation", "Intermediate"
	).name
	act(actors["applicant"], name, "Submit")
	if values.get("publicity_objection"):
		publicise(actors, name, objection=1)
	elif values:
		edit(actors["hr"], name, **values)
	with pytest.raises(frappe.ValidationError, match=message):
		act(actors["hr"], name, "Recommend")
	assert state(name) == "Unit Review"


def test_applicant_cannot_change_a_file_under_review(actors):
	name = make_chain_application(
		actors, chain_notice("000"), "prefecture", "Directed Evaluation", "Intermediate"
	).name
	edit(actors["applicant"], name, personal_summary="草稿阶段可以修改")
	act(actors["applicant"], name, "Submit")
	with pytest.raises(frappe.PermissionError):
		edit(actors["applicant"], name, personal_summary="审核中偷偷修改")
	assert frappe.db.get_value("Title Application", name, "personal_summary") == "草稿阶段可以修改"


def test_a_county_cannot_act_on_another_countys_application(actors):
	notice = chain_notice("004")
	name = submit_and_publicise(actors, notice, "county", "Initial Junior", "Assistant")
	act(actors["hr"], name, "Recommend")
	assert state(name) == "County Confirmation"
	with pytest.raises(frappe.PermissionError):
		act(actors["other_county_officer"], name, "Pass Review")
	assert state(name) == "County Confirmation"
	act(actors["county"], name, "Pass Review")
	assert state(name) == "Unit Results Publicity"


def test_an_administrators_edit_survives_migrate_and_restore_brings_the_default_back():
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	shipped_states = [s["state"] for s in load_default()["workflow"]["states"]]
	if not frappe.db.exists("Workflow State", "Expert Pre-review"):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "Expert Pre-review"}).insert()
	workflow.append(
		"states", {"state": "Expert Pre-review", "doc_status": "0", "allow_edit": "Committee Office"}
	)
	workflow.save()
	install_default_workflow()  # what every migrate runs (after_migrate)
	assert "Expert Pre-review" in [s.state for s in frappe.get_doc("Workflow", WORKFLOW_NAME).states]
	restore_default()
	assert [s.state for s in frappe.get_doc("Workflow", WORKFLOW_NAME).states] == shipped_states


def _alerts(user: str, name: str) -> list[str]:
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_name": name},
		pluck="subject",
		order_by="creation",
	)


def test_the_applicant_is_notified_of_a_return_and_of_a_closure(actors):
	_notice, name = _at_committee(actors)
	_return(actors, name)
	assert any("退回修改" in s for s in _alerts(actors["applicant"], name))
	close_overdue_applications(NOW + datetime.timedelta(hours=49))
	assert any("已终止" in s for s in _alerts(actors["applicant"], name))


def test_the_next_actor_gets_a_workflow_action(actors):
	frappe.db.set_value("Workflow", WORKFLOW_NAME, "send_email_alert", 1)  # as shipped
	frappe.clear_cache(doctype="Title Application")
	notice = chain_notice("000")
	name = submit_and_publicise(actors, notice, "prefecture", "Directed Evaluation", "Intermediate")
	pending = frappe.get_all(
		"Workflow Action",
		filters={"reference_name": name, "status": "Open", "workflow_state": "Unit Review"},
		pluck="name",
	)
	assert pending
	roles = {r.role for r in frappe.get_doc("Workflow Action", pending[0]).permitted_roles}
	assert roles == {"Unit HR"}


def test_the_employment_service_sees_only_private_enterprise_applications(actors):
	notice = chain_notice("001")
	private = make_chain_application(actors, notice, "private", "Private Enterprise Special", "Intermediate")
	directed = make_chain_application(actors, notice, "private", "Directed Evaluation", "Intermediate")
	frappe.set_user(actors["pes"])
	try:
		visible = set(frappe.get_list("Title Application", pluck="name"))
		assert private.name in visible and directed.name not in visible
		assert frappe.has_permission("Title Application", "read", private.name)
		assert not frappe.has_permission("Title Application", "read", directed.name)
	finally:
		frappe.set_user("Administrator")


def _switches(name: str) -> dict:
	return frappe.db.get_value("Title Application", name, list(REVIEW_SWITCHES), as_dict=True)


def _only(fieldname: str) -> dict:
	return {**dict.fromkeys(REVIEW_SWITCHES, 0), fieldname: 1}


def test_switches_follow_a_unit_changed_in_draft(actors):
	"""Frappe tests a transition's condition on the stored application (apply_workflow loads it
	from the database, validate_workflow reads the one before the save): the switches are stored
	with every save, so a unit changed in the draft routes the application by the new unit."""
	notice = chain_notice("004")
	name = make_chain_application(actors, notice, "prefecture", "Grant by Degree", "Intermediate").name
	assert _switches(name) == _only("to_prefecture_confirmation")  # 004 三、（二）1
	edit(actors["applicant"], name, employer_unit=actors["units"]["county"])
	assert _switches(name) == _only("to_county_review")  # 004 三、（二）3
	act(actors["applicant"], name, "Submit")
	publicise(actors, name)
	act(actors["hr"], name, "Recommend")
	assert state(name) == "County Review"


def test_switches_follow_the_route_and_ignore_what_the_client_sends(actors):
	notice = chain_notice("001")
	name = make_chain_application(actors, notice, "private", "Directed Evaluation", "Intermediate").name
	assert _switches(name) == _only("to_committee_review")  # the unit has no supervising unit
	edit(actors["applicant"], name, route="Private Enterprise Special")
	assert _switches(name) == _only("to_employment_service_review")  # 001 三、（二）
	for user in (actors["applicant"], "Administrator"):
		edit(user, name, to_committee_review=1, to_employment_service_review=0)
		assert _switches(name) == _only("to_employment_service_review")


def test_the_installed_conditions_route_as_the_old_ones_in_frappes_evaluator():
	"""The site's workflow (after the patch) evaluated by Frappe itself, against the conditions
	shipped before, over every route × location × supervising unit × chain switches."""
	transitions = [
		t
		for t in frappe.get_doc("Workflow", WORKFLOW_NAME).transitions
		if t.state == "Unit Review" and t.action == "Recommend"
	]
	assert {t.next_state: t.condition for t in transitions} == {
		s: f"doc.{f}" for f, s in REVIEW_SWITCHES.items()
	}
	combinations = itertools.product([*Route, None], [*Location, None], ["主管单位", None], (0, 1), (0, 1))
	for route, location, supervising, via_es, via_su in combinations:
		values = frappe._dict(
			route=route,
			unit_location=location,
			supervising_unit=supervising,
			via_employment_service=via_es,
			via_supervising_unit=via_su,
			**review_switches(route, location, supervising, via_es, via_su),
		)
		doc = SimpleNamespace(as_dict=lambda values=values: values)
		old = {s for s, c in OLD_CONDITIONS.items() if frappe.safe_eval(c, None, {"doc": values})}
		new = {t.next_state for t in transitions if is_transition_condition_satisfied(t, doc)}
		assert new == old and len(new) == (1 if route else 0), (route, location, supervising, via_es, via_su)


def test_the_patch_sets_the_switches_of_stored_applications(actors):
	notice = chain_notice("002")
	name = submit_and_publicise(actors, notice, "prefecture", "Autonomous Region Evaluation", "Full Senior")
	expected = _only("to_supervising_review")  # 002 四、（三）
	assert _switches(name) == expected
	frappe.db.set_value("Title Application", name, dict.fromkeys(REVIEW_SWITCHES, 0))  # as before the patch
	set_application_switches([name])
	assert _switches(name) == expected
	act(actors["hr"], name, "Recommend")
	assert state(name) == "Supervising Review"
