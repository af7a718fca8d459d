"""The demo's current campaign on the site (loaded by the setup script's demo phase): the seed
notices copied around today, an application in every state of every chain, work waiting for each
demo user, and nothing the deadline job would close.

When the demo was loaded on an earlier day its windows have moved on; the module then loads
today's campaign (insert-only, committed: it is the demo of this site).
"""

import frappe
import pytest
from frappe.model.workflow import get_transitions

from zhicheng_app import demo_campaign
from zhicheng_app.demo import USERS, notice_name
from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.services import clock, deadlines, review_meeting, review_packets
from zhicheng_app.services.precheck import run_precheck
from zhicheng_app.workflows import WORKFLOW_NAME

# the review expert reads anonymous packets, never applications (blind review)
ROLES_WITHOUT_APPLICATIONS = {"Review Expert"}


@pytest.fixture(scope="module")
def campaign(frappe_site):
	if not frappe.db.exists("Title Notice", {"code": "000"}):
		pytest.skip("the demo is not loaded (bench --site SITE execute zhicheng_app.demo.load)")
	today = clock.now().date()
	notices = {code: demo_campaign.current_code(code, today.year) for code in demo_campaign.TODAY_IN}

	def find() -> dict[str, str | None]:
		copies = {code: frappe.db.get_value("Title Notice", {"code": c}) for code, c in notices.items()}
		return {
			spec.key: frappe.db.get_value(
				"Title Application",
				{"notice": demo_campaign.spec_notice(spec, copies), "applicant_name": spec.applicant_name},
			)
			for spec in demo_campaign.APPLICATIONS
		}

	names = find()
	if not all(frappe.db.exists("Title Notice", {"code": c}) for c in notices.values()) or not all(
		names.values()
	):
		demo_campaign.load_current_campaign(today)  # insert-only: what is missing
		names = find()
	demo_campaign.open_demo_meeting(notices[demo_campaign.MEETING_SEED])  # insert-only too
	frappe.db.commit()
	return {"notices": notices, "applications": names}


def test_each_seed_notice_has_a_copy_in_the_current_campaign(campaign):
	year = clock.now().year
	for code, name in campaign["notices"].items():
		copy = frappe.get_doc("Title Notice", name)
		source = frappe.get_doc("Title Notice", notice_name(code))
		assert copy.campaign_year == year
		assert [w.kind for w in copy.windows] == [w.kind for w in source.windows]
		assert len(copy.routes) == len(source.routes) and len(copy.materials) == len(source.materials)


def test_today_falls_where_the_demo_says_in_each_notice(campaign):
	now = clock.now()
	for code, (kind, edge, days) in demo_campaign.TODAY_IN.items():
		window = clock.window(frappe.get_cached_doc("Title Notice", campaign["notices"][code]), kind)
		moment = window[1] if edge == "end" else window[0]
		assert (now.date() - moment.date()).days == days, (code, kind, edge)


def test_every_application_reached_its_state_through_the_workflow(campaign):
	for spec in demo_campaign.APPLICATIONS:
		name = campaign["applications"][spec.key]
		assert name, f"{spec.key} is missing"
		doc = frappe.get_doc("Title Application", name)
		assert doc.workflow_state == spec.state, (spec.key, doc.workflow_state)
		steps = frappe.db.count(
			"Comment",
			{"reference_doctype": "Title Application", "reference_name": name, "comment_type": "Workflow"},
		)
		# each step went through the workflow, which leaves its comment on the timeline
		assert (steps == 0) == (spec.state == WorkflowState.DRAFT), (spec.key, steps)


def test_every_state_of_the_workflow_has_an_application_in_the_demo(campaign):
	states = {row.state for row in frappe.get_doc("Workflow", WORKFLOW_NAME).states}
	shown = set(
		frappe.get_all(
			"Title Application",
			filters={"name": ("in", list(campaign["applications"].values()))},
			pluck="workflow_state",
		)
	)
	# 视为放弃 is only ever the deadline job's: the current campaign has nothing it would close
	assert states - shown - {WorkflowState.ABANDONED} == set()


def test_the_deadline_job_closes_nothing_of_the_current_campaign(campaign):
	found = deadlines.overdue(clock.now(), notices=list(campaign["notices"].values()))
	assert found == []


def test_the_second_applicant_can_submit_the_draft_today(campaign):
	doc = frappe.get_doc("Title Application", campaign["applications"]["000-draft"])
	result = run_precheck(doc)
	assert result.ok, [f.message for f in result.blocking]


def test_every_demo_user_has_work_waiting(campaign):
	"""Each demo user (the review expert aside) can move at least one application of the
	current campaign on, within their own scope."""
	names = list(campaign["applications"].values())
	users = [(email, role) for email, _name, role, _perm in USERS if role not in ROLES_WITHOUT_APPLICATIONS]
	users.append((demo_campaign.SECOND_APPLICANT[0], "Title Applicant"))
	idle = []
	for email, role in users:
		frappe.set_user(email)
		try:
			visible = frappe.get_list("Title Application", filters={"name": ("in", names)}, pluck="name")
			if not any(get_transitions(frappe.get_doc("Title Application", n)) for n in visible):
				idle.append(f"{email} ({role}) sees {len(visible)} applications, none to act on")
		finally:
			frappe.set_user("Administrator")
	assert not idle, "\n".join(idle)


def test_the_review_expert_has_ballots_waiting_in_an_open_meeting(campaign):
	"""The committee's open meeting of the notice that met yesterday: the demo expert, present,
	votes on the packets of its applications awaiting the evaluation, and reads no application."""
	waiting = frappe.get_all(
		"Title Application",
		filters={
			"notice": campaign["notices"][demo_campaign.MEETING_SEED],
			"workflow_state": WorkflowState.UNDER_EVALUATION,
		},
		pluck="name",
	)
	assert waiting, "the demo has no application awaiting the evaluation"
	packets = {review_packets.packet_of(name) for name in waiting}
	frappe.set_user(demo_campaign.DEFENSE_EXPERT)
	try:
		ballots = review_meeting.my_ballots()
		readable = [n for n in waiting if frappe.has_permission("Title Application", "read", n)]
	finally:
		frappe.set_user("Administrator")
	mine = [b for b in ballots if b["meeting_title"] == demo_campaign.OPEN_MEETING]
	assert {b["packet"] for b in mine} == packets
	assert all(b["present"] and b["vote"] is None for b in mine)
	assert readable == []
