"""The workflow's guards on the results and the fee, on a real site.

不予确认 (阿地人社传〔2024〕6号 四、（二）): the bureau that confirms an application at each paper step
refuses it instead, stating the reason; the applicant reads it; the state is closed. An objection in
the unit's publicity of the passed applicants lets the bureau refuse it there. Nobody else reaches
the state, neither through the workflow nor through a forged REST write.

The evaluation result comes from the committee's ballot (人社部令第40号) and the defense result from
its Defense Session: a plain click of Pass, Fail, Pass Defense or Fail Defense is refused. A refund at
已缴费 takes the application back to the state it awaited its fee in; once the evaluation has
started a refund waits until the application has closed without a title.
"""

import json

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError, get_transitions

from tests.integration.rest import BASE_URL, require_server, session
from tests.integration.test_paper_stage_004 import (  # noqa: F401 (the fixture)
	PAPER_AT,
	as_user,
	campaign,
	frozen,
	republicise,
	send_paper,
)
from tests.integration.workflow_support import (  # noqa: F401 (the fixtures)
	act,
	actors,
	chain_notice,
	decide,
	edit,
	frozen_clock,
	make_chain_application,
	pay_fee,
	publicise,
	state,
)
from zhicheng_app.documents.catalogue import CLOSED_STATES
from zhicheng_app.rules.vocabulary import WorkflowState as S
from zhicheng_app.services import deadlines, fees, review_meeting
from zhicheng_app.services.transitions import CLOSING_STATES, TERMINAL_STATES

REFUSE = "Refuse Confirmation"
REASON = "经核查，申报人学历证书与学信网记录不符"
CLAUSE = "阿地人社传〔2024〕6号 四、（二）"
PASSWORD = "Integration-Test-2024!"


def server_messages(response) -> str:
	"""The messages of a refused REST request, decoded."""
	messages = json.loads(response.json().get("_server_messages") or "[]")
	return " ".join(json.loads(m).get("message", "") for m in messages)


def actions_of(user: str, name: str) -> set[str]:
	"""The workflow actions the desk offers ``user`` on the application."""
	return {t.action for t in as_user(user, get_transitions, frappe.get_doc("Title Application", name))}


def refuse(user: str, name: str, reason: str = REASON):
	"""The bureau states its reason (the desk's dialog saves it) and refuses the confirmation."""
	edit(user, name, not_confirmed_reason=reason)
	return act(user, name, REFUSE)


def assert_not_confirmed(name: str, reason: str = REASON):
	doc = frappe.get_doc("Title Application", name)
	assert doc.workflow_state == S.NOT_CONFIRMED
	assert doc.closed_reason == reason and doc.closed_at
	assert frappe.db.exists(
		"Notification Log",
		{"for_user": doc.applicant_user, "document_name": name, "subject": ("like", f"%不予确认%{reason}%")},
	), "the applicant is told in the desk's notifications"
	# once, recorded like every notification (and e-mailed where the site sends mail)
	sent = frappe.get_all(
		"Notification Sent",
		filters={"application": name, "kind": "Not Confirmed"},
		pluck="recipient",
	)
	assert sent == [doc.applicant_user]
	doc.save(ignore_permissions=True)  # saved again in the state: not told twice
	assert frappe.db.count("Notification Sent", {"application": name, "kind": "Not Confirmed"}) == 1


# ---------------------------------------------------------------- 不予确认
def test_a_prefecture_direct_units_application_is_not_confirmed_with_its_reason(campaign):  # noqa: F811
	apps = campaign["apps"]
	frozen(PAPER_AT)
	republicise(campaign, "prefecture", "hr")
	send_paper(campaign, "prefecture", "hr")
	name = apps["甲"]
	assert state(name) == S.PAPER_SUBMITTED
	# the desk offers it to the 地区人社局 only, as it offers Confirm
	assert {"Confirm", REFUSE} <= actions_of(campaign["prefecture"], name)
	for other in ("hr", "applicant"):
		assert REFUSE not in actions_of(campaign[other], name), other
	with pytest.raises(WorkflowTransitionError):
		act(campaign["hr"], name, REFUSE)
	# the reason is required
	with pytest.raises(frappe.ValidationError) as refused:
		act(campaign["prefecture"], name, REFUSE)
	assert "不予确认理由" in str(refused.value) and CLAUSE in str(refused.value)
	assert state(name) == S.PAPER_SUBMITTED
	refuse(campaign["prefecture"], name)
	assert_not_confirmed(name)
	# closed: the deadline job and the unit's batch documents leave it alone, nothing moves it on
	assert S.NOT_CONFIRMED in CLOSING_STATES and S.NOT_CONFIRMED in TERMINAL_STATES
	assert S.NOT_CONFIRMED in CLOSED_STATES
	assert S.NOT_CONFIRMED not in deadlines.closable_states()
	assert actions_of(campaign["prefecture"], name) == set()
	assert frappe._("Not Confirmed") == "不予确认"


def test_a_county_units_applications_are_refused_by_the_bureau_that_confirms_them(campaign):  # noqa: F811
	apps = campaign["apps"]
	frozen(PAPER_AT)
	republicise(campaign, "county", "county_hr")
	send_paper(campaign, "county", "county_hr")
	junior, grant = apps["戊"], apps["己"]
	# 初定初级: the county bureau confirms, so it refuses; the 地区人社局 does not
	assert REFUSE in actions_of(campaign["county"], junior)
	assert REFUSE not in actions_of(campaign["prefecture"], junior)
	refuse(campaign["county"], junior, "单位推荐材料与本人实际不符")
	assert_not_confirmed(junior, "单位推荐材料与本人实际不符")
	# 授予: the county bureau forwards it, the 地区人社局 confirms or refuses it
	assert REFUSE not in actions_of(campaign["county"], grant)
	act(campaign["county"], grant, "Forward Paper Materials")
	assert REFUSE not in actions_of(campaign["county"], grant)
	assert REFUSE in actions_of(campaign["prefecture"], grant)
	refuse(campaign["prefecture"], grant)
	assert_not_confirmed(grant)


def test_an_objection_in_the_units_publicity_of_the_passed_applicants_can_end_there(campaign):  # noqa: F811
	apps = campaign["apps"]
	frozen(PAPER_AT)
	# no objection: the unit sends its paper first, the bureau cannot refuse yet
	republicise(campaign, "prefecture", "hr")
	assert REFUSE not in actions_of(campaign["prefecture"], apps["甲"])
	edit(campaign["prefecture"], apps["甲"], not_confirmed_reason=REASON)
	with pytest.raises(WorkflowTransitionError):
		act(campaign["prefecture"], apps["甲"], REFUSE)
	# an objection raised in the publicity: the 地区人社局 may refuse during it
	republicise(campaign, "prefecture2", "hr2", republicity_objection=1, republicity_notes="实名举报学历造假")
	name = apps["子"]
	assert REFUSE in actions_of(campaign["prefecture"], name)
	assert REFUSE not in actions_of(campaign["hr2"], name)
	refuse(campaign["prefecture"], name, "再次公示期间收到实名举报，经核查属实")
	assert_not_confirmed(name, "再次公示期间收到实名举报，经核查属实")


@pytest.fixture(scope="module")
def forged(actors):  # noqa: F811
	"""An application of the 地直 unit whose paper reached the 地区人社局 (committed, for the REST
	server; the earlier steps are tested above and in test_paper_stage_004.py)."""
	require_server()
	frappe.set_user("Administrator")
	notice = chain_notice("004")
	doc = make_chain_application(actors, notice, "prefecture", "Grant by Degree", "Intermediate")
	frappe.db.set_value("Title Application", doc.name, "workflow_state", S.PAPER_SUBMITTED)
	frappe.db.commit()
	yield doc.name
	frappe.set_user("Administrator")
	frappe.db.rollback()
	frappe.delete_doc("Title Application", doc.name, ignore_permissions=True, force=True)
	frappe.delete_doc("Title Notice", notice.name, ignore_permissions=True, force=True)
	frappe.db.commit()


def test_a_forged_rest_write_of_not_confirmed_is_refused(actors, forged):  # noqa: F811
	url = f"{BASE_URL}/api/resource/Title Application/{forged}"
	body = {"workflow_state": S.NOT_CONFIRMED, "not_confirmed_reason": "伪造", "closed_reason": "伪造"}
	for who in ("applicant", "hr"):
		response = session(actors[who], PASSWORD).put(url, json=body, timeout=60)
		assert response.status_code >= 400, (who, response.text[:300])
		frappe.db.rollback()
		stored = frappe.db.get_value(
			"Title Application",
			forged,
			["workflow_state", "not_confirmed_reason", "closed_reason"],
			as_dict=True,
		)
		assert stored.workflow_state == S.PAPER_SUBMITTED, who
		assert not stored.not_confirmed_reason and not stored.closed_reason, who
	# the bureau itself through REST: the reason is still required
	response = session(actors["prefecture"], PASSWORD).put(
		url, json={"workflow_state": S.NOT_CONFIRMED}, timeout=60
	)
	assert response.status_code >= 400 and "不予确认理由" in server_messages(response)
	frappe.db.rollback()
	assert state(forged) == S.PAPER_SUBMITTED


# ---------------------------------------------------------------- the results and the fee
def to_fee_paid(actors, notice) -> str:  # noqa: F811
	doc = make_chain_application(actors, notice, "prefecture", "Directed Evaluation", "Intermediate")
	act(actors["applicant"], doc.name, "Submit")
	publicise(actors, doc.name)
	act(actors["hr"], doc.name, "Recommend")
	act(actors["committee"], doc.name, "Accept")
	if any(w.kind == "Paper Submission" for w in notice.windows):
		act(actors["committee"], doc.name, "Receive Paper Materials")
	pay_fee(actors["committee"], doc.name)
	assert state(doc.name) == S.FEE_PAID
	return doc.name


def test_pass_and_fail_come_from_the_committees_vote(actors, frozen_clock):  # noqa: F811
	notice = chain_notice("000")
	name = to_fee_paid(actors, notice)
	act(actors["committee"], name, "Start Evaluation")
	for action in ("Pass", "Fail"):
		with pytest.raises(frappe.ValidationError) as refused:
			act(actors["committee"], name, action)
		assert "评审委员会" in str(refused.value) and "人力资源社会保障部令第40号" in str(refused.value)
		assert state(name) == S.UNDER_EVALUATION
	with pytest.raises(frappe.ValidationError, match="评审委员会"):  # nor by the site's administrator
		act("Administrator", name, "Pass")
	# the vote's result, as closing the meeting passes it, and only that result
	with pytest.raises(frappe.ValidationError, match="评审委员会"):
		with review_meeting.decided_by_vote("测试评审会", {name: "Failed"}):
			act(actors["committee"], name, "Pass")
	decide(actors["committee"], name, "Passed")
	doc = frappe.get_doc("Title Application", name)
	assert doc.workflow_state == S.PASSED_PUBLICITY and doc.evaluation_result == "Passed"


def test_a_defense_result_comes_from_its_session(actors, frozen_clock):  # noqa: F811
	notice = chain_notice("000")
	name = to_fee_paid(actors, notice)
	frappe.db.set_value("Title Application", name, {"workflow_state": S.DEFENSE, "defense_required": 1})
	for action in ("Pass Defense", "Fail Defense"):
		with pytest.raises(frappe.ValidationError) as refused:
			act(actors["committee"], name, action)
		assert "答辩安排" in str(refused.value)
		assert state(name) == S.DEFENSE


def test_a_refund_at_fee_paid_takes_the_application_back_and_it_can_pay_again(actors, frozen_clock):  # noqa: F811
	notice = chain_notice("000")
	name = to_fee_paid(actors, notice)
	before_fee = (
		S.PAPER_RECEIVED
		if frappe.db.get_value("Title Application", name, "paper_received_at")
		else S.ACCEPTED
	)
	# a plain click cannot take it back while the payment stands (the desk does not offer it)
	assert "Refund Fee" not in actions_of(actors["committee"], name)
	payment = fees.standing_payment(name)
	as_user(actors["committee"], fees.refund, payment, "申报人重复缴费")
	doc = frappe.get_doc("Title Application", name)
	assert doc.workflow_state == before_fee and not doc.fee_paid_at and not doc.fee_recorded_by
	assert frappe.db.get_value("Fee Payment", payment, "status") == fees.REFUNDED
	assert frappe.db.exists(
		"Comment",
		{
			"reference_name": name,
			"comment_type": "Workflow",
			"content": ("like", f"%{frappe._(before_fee)}%"),
		},
	)
	pay_fee(actors["committee"], name)
	assert state(name) == S.FEE_PAID and fees.standing_payment(name) != payment
	# 已缴费 without a standing payment (recorded around the workflow): the step is the refund's only
	frappe.db.set_value("Fee Payment", fees.standing_payment(name), "status", fees.REFUNDED)
	with pytest.raises(frappe.ValidationError) as refused:
		act(actors["committee"], name, "Refund Fee")
	assert "缴费记录" in str(refused.value)
	assert state(name) == S.FEE_PAID


def test_a_refund_once_the_evaluation_has_started_waits_for_the_application_to_close(actors, frozen_clock):  # noqa: F811
	notice = chain_notice("000")
	name = to_fee_paid(actors, notice)
	act(actors["committee"], name, "Start Evaluation")
	payment = fees.standing_payment(name)
	with pytest.raises(frappe.ValidationError) as refused:
		as_user(actors["committee"], fees.refund, payment, "申报人撤回")
	assert "评审中" in str(refused.value) and "退费" in str(refused.value)
	assert frappe.db.get_value("Fee Payment", payment, "status") == fees.PAID
	decide(actors["committee"], name, "Failed")
	as_user(actors["committee"], fees.refund, payment, "未通过评审，按规定退费")
	assert frappe.db.get_value("Fee Payment", payment, "status") == fees.REFUNDED
	assert state(name) == S.FAILED
