"""Defense Sessions on a real site: scheduling through the workflow's Schedule Defense, the
applicant told, exempt (003 若羌/且末), wrong-state and wrong-notice applications refused, results
through Pass Defense / Fail Defense one by one, 003's averaged score for the exempt, and who reads
a session (REST: a review expert off the panel reads nothing, one on it only the date and place).

The applications reach 已缴费 (Fee Paid) with the acceptance's own record of their defense
(``transitions.record_acceptance``) and the state set directly: the chain up to there is walked
in test_workflow.py.
"""

import datetime
from decimal import Decimal

import frappe
import pytest

from tests.integration.defense_support import delete_applications, retrying
from tests.integration.factories import make_unit, make_user, resident_id, unique
from tests.integration.rest import BASE_URL, require_server, session
from tests.integration.workflow_support import NOW, chain_notice, make_chain_application, state
from zhicheng_app.rules.model import seed_notice_dict
from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.services import defense, notifications, reminders
from zhicheng_app.services.transitions import record_acceptance

APP = "Title Application"
PASSWORD = "Integration-Test-2024!"
SLOT = datetime.datetime(2024, 8, 5, 9, 30)
STARTS = datetime.datetime(2024, 8, 5, 9, 0)
VENUE = "库尔勒市人民东路 测试答辩室"
SEED = seed_notice_dict("003")
EXEMPT_COUNTIES = [{"county": "若羌县"}, {"county": "且末县"}]

pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture(scope="module")
def world(actors):
	"""A 003-like notice (中级 on-site defense, 若羌县/且末县 exempt, exempt scores averaged) with its
	committee; a second notice; a committee office scoped to the committee, one of another
	committee, two review experts; private units in 库车市, 若羌县 and 且末县."""
	frappe.set_user("Administrator")
	committees = [
		frappe.get_doc({"doctype": "Evaluation Committee", "committee_name": unique("答辩委员会")})
		.insert(ignore_permissions=True)
		.name
		for _ in range(2)
	]
	notice = chain_notice(
		"003",
		defense_exempt_counties=EXEMPT_COUNTIES,
		defense_exempt_averaged=1,
		committees=[{"committee": committees[0]}],
		doc_no=SEED["doc_no"],
		rule_clauses=SEED["rule_clauses"],
	)
	other = chain_notice("003", committees=[{"committee": committees[1]}])
	units = {
		"kuqa": actors["units"]["private"],
		"ruoqiang": make_unit(ownership="Private Enterprise", location="County", region="若羌县").name,
		"qiemo": make_unit(ownership="Private Enterprise", location="County", region="且末县").name,
	}
	created = {
		"notice": notice,
		"other": other,
		"committees": committees,
		"units": units,
		"office": make_user("Committee Office", ("Evaluation Committee", committees[0]), PASSWORD),
		"other_office": make_user("Committee Office", ("Evaluation Committee", committees[1]), PASSWORD),
		"expert": make_user("Review Expert", password=PASSWORD),
		"outsider": make_user("Review Expert", password=PASSWORD),
	}
	frappe.db.commit()
	yield created
	retrying(_remove, created)


def _remove(created):
	notice, other, units, committees = (
		created["notice"],
		created["other"],
		created["units"],
		created["committees"],
	)
	frappe.set_user("Administrator")
	frappe.db.rollback()
	for name in frappe.get_all(
		"Defense Session", filters={"notice": ("in", [notice.name, other.name])}, pluck="name"
	):
		frappe.delete_doc("Defense Session", name, ignore_permissions=True, force=True)
	delete_applications(
		frappe.get_all(APP, filters={"notice": ("in", [notice.name, other.name])}, pluck="name")
	)
	for doctype, name in [
		("Title Notice", notice.name),
		("Title Notice", other.name),
		("Employer Unit", units["ruoqiang"]),
		("Employer Unit", units["qiemo"]),
	]:
		frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
	for key in ("office", "other_office", "expert", "outsider"):
		frappe.db.delete("User Permission", {"user": created[key]})
		frappe.delete_doc("User", created[key], ignore_permissions=True, force=True)
	for name in committees:
		frappe.delete_doc("Evaluation Committee", name, ignore_permissions=True, force=True)
	frappe.db.commit()


def fee_paid(actors, notice, unit: str, state_name: str = WorkflowState.FEE_PAID, **kw) -> str:
	"""A private-enterprise 中级 application of ``notice`` at ``unit``, accepted (its defense
	recorded as an acceptance records it) and in ``state_name``."""
	notice.flags.seed_code = "003"
	doc = make_chain_application(
		actors, notice, "private", "Private Enterprise Special", "Intermediate", employer_unit=unit, **kw
	)
	record_acceptance(doc, frappe.flags.zhicheng_now or NOW)
	frappe.db.set_value(
		APP,
		doc.name,
		{
			"workflow_state": state_name,
			"defense_required": doc.defense_required,
			"defense_online": doc.defense_online,
			"defense_exempt": doc.defense_exempt,
		},
	)
	return doc.name


def make_session(world, names, notice=None, **kw):
	frappe.set_user(world["office"])
	try:
		doc = frappe.get_doc(
			{
				"doctype": "Defense Session",
				"session_title": "测试答辩",
				"notice": (notice or world["notice"]).name,
				"committee": world["committees"][0] if notice is None else None,
				"starts_at": STARTS,
				"mode": "On-site",
				"venue": VENUE,
				"panel": [{"expert": world["expert"], "role_in_panel": "Chair"}],
				"applications": [
					{"application": name, "slot_order": i + 1, **({"slot_at": SLOT} if i == 0 else {})}
					for i, name in enumerate(names)
				],
				**kw,
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	return doc


def as_office(world, function, *args):
	frappe.set_user(world["office"])
	try:
		return function(*args)
	finally:
		frappe.set_user("Administrator")


def rows(session_name):
	return {r.application: r for r in frappe.get_doc("Defense Session", session_name).applications}


@pytest.fixture
def told(monkeypatch):
	"""Calls of ``notifications.notify_defense_scheduled`` (in place of whatever it does)."""
	calls = []
	monkeypatch.setattr(notifications, "notify_defense_scheduled", calls.append, raising=False)
	return calls


def test_scheduling_moves_to_defense_sets_the_time_and_tells_the_applicant(actors, world, told):
	first = fee_paid(actors, world["notice"], world["units"]["kuqa"])
	second = fee_paid(actors, world["notice"], world["units"]["kuqa"])
	assert frappe.db.get_value(APP, first, "defense_required") == 1
	session = make_session(world, [first, second])
	assert session.status == "Planned"

	outcome = as_office(world, defense.schedule, session.name)

	assert outcome == {"scheduled": [first, second], "refused": []}
	for name, at in ((first, SLOT), (second, STARTS)):
		app = frappe.get_doc(APP, name)
		assert app.workflow_state == WorkflowState.DEFENSE
		assert frappe.utils.get_datetime(app.defense_at) == at
		assert app.defense_session == session.name
	assert told == [first, second]
	assert frappe.db.get_value("Defense Session", session.name, "status") == "Scheduled"
	assert rows(session.name)[first].scheduled == 1
	assert "2024-08-05 09:30" in rows(session.name)[first].outcome
	# scheduling again schedules nobody twice
	assert as_office(world, defense.schedule, session.name)["scheduled"] == []


def test_the_applicant_gets_an_in_app_notification_of_the_time_and_place(actors, world, monkeypatch):
	"""Through the site's notification of a scheduled defense (services/reminders.py)."""
	monkeypatch.delattr(notifications, "notify_defense_scheduled", raising=False)
	if not hasattr(reminders, "notify_defense_scheduled"):
		pytest.skip("the site has no notification of a scheduled defense; the next test covers the fallback")
	name = fee_paid(actors, world["notice"], world["units"]["kuqa"])
	session = make_session(world, [name])
	as_office(world, defense.schedule, session.name)
	logs = frappe.get_all(
		"Notification Log",
		filters={"document_type": APP, "document_name": name, "for_user": actors["applicant"]},
		fields=["subject", "email_content"],
	)
	assert len(logs) == 1
	assert "2024-08-05 09:30" in logs[0].email_content and VENUE in logs[0].email_content


def test_without_a_notification_service_the_applicant_gets_a_plain_in_app_message(actors, world, monkeypatch):
	monkeypatch.delattr(notifications, "notify_defense_scheduled", raising=False)
	monkeypatch.delattr(reminders, "notify_defense_scheduled", raising=False)
	name = fee_paid(actors, world["notice"], world["units"]["kuqa"])
	session = make_session(world, [name])
	as_office(world, defense.schedule, session.name)
	(message,) = frappe.get_all(
		"Notification Log",
		filters={"document_type": APP, "document_name": name, "for_user": actors["applicant"]},
		fields=["subject"],
	)
	assert "2024-08-05 09:30" in message.subject and VENUE in message.subject


@pytest.mark.parametrize("county", ["ruoqiang", "qiemo"])
def test_an_exempt_applicant_is_never_scheduled_and_the_row_says_why(actors, world, told, county):
	exempt = fee_paid(actors, world["notice"], world["units"][county])
	other = fee_paid(actors, world["notice"], world["units"]["kuqa"])
	assert frappe.db.get_value(APP, exempt, ["defense_required", "defense_exempt"]) == (0, 1)
	session = make_session(world, [exempt, other])

	outcome = as_office(world, defense.schedule, session.name)

	assert outcome["scheduled"] == [other]
	(refusal,) = outcome["refused"]
	place = "若羌县" if county == "ruoqiang" else "且末县"
	assert refusal["application"] == exempt
	assert refusal["reason"].startswith("免于答辩：") and place in refusal["reason"]
	assert "四、（五））" in refusal["reason"]  # the notice and its clause
	assert rows(session.name)[exempt].outcome == refusal["reason"]
	assert rows(session.name)[exempt].scheduled == 0
	assert state(exempt) == WorkflowState.FEE_PAID and not frappe.db.get_value(APP, exempt, "defense_at")
	assert told == [other]


def test_a_wrong_state_or_wrong_notice_application_is_refused_and_the_others_proceed(actors, world, told):
	accepted = fee_paid(actors, world["notice"], world["units"]["kuqa"], WorkflowState.ACCEPTED)
	elsewhere = fee_paid(actors, world["other"], world["units"]["kuqa"])
	good = fee_paid(actors, world["notice"], world["units"]["kuqa"])
	session = make_session(world, [accepted, elsewhere, good])

	outcome = as_office(world, defense.schedule, session.name)

	assert outcome["scheduled"] == [good]
	reasons = {r["application"]: r["reason"] for r in outcome["refused"]}
	assert "只能为已缴费的申报安排答辩" in reasons[accepted] and "已接收材料" in reasons[accepted]
	assert reasons[elsewhere] == "该申报不属于本场答辩的通知"
	assert state(accepted) == WorkflowState.ACCEPTED and state(elsewhere) == WorkflowState.FEE_PAID
	assert told == [good]


def _scheduled(actors, world, count: int):
	names = [fee_paid(actors, world["notice"], world["units"]["kuqa"]) for _ in range(count)]
	session = make_session(world, names)
	as_office(world, defense.schedule, session.name)
	return frappe.get_doc("Defense Session", session.name), names


def _enter(session, values: dict):
	"""The committee office enters attendance, scores and decisions in the form."""
	frappe.set_user(session.flags.office)
	try:
		doc = frappe.get_doc("Defense Session", session.name)
		for row in doc.applications:
			row.update(values.get(row.application, {}))
		doc.save()
	finally:
		frappe.set_user("Administrator")


def _set_pass_mark(notice, mark):
	doc = frappe.get_doc("Title Notice", notice.name)
	for row in doc.defense_rules:
		row.pass_mark = mark
	doc.save(ignore_permissions=True)
	# committed: the notice is read through the shared document cache, which another process may
	# fill with the stored version before this test's transaction ends (every test sets its mark)
	frappe.db.commit()


def test_with_a_pass_mark_the_score_decides_and_each_application_moves_on_its_own(actors, world, told):
	_set_pass_mark(world["notice"], 60)
	session, (high, low, unscored, moved) = _scheduled(actors, world, 4)
	session.flags.office = world["office"]
	_enter(
		session,
		{
			high: {"attendance": "Present", "score": 82.5},
			low: {"attendance": "Present", "score": 59, "decision": "Passed"},
			unscored: {"attendance": "Present"},
			moved: {"attendance": "Present", "score": 90},
		},
	)
	frappe.db.set_value(APP, moved, "workflow_state", WorkflowState.UNDER_EVALUATION)

	outcome = as_office(world, defense.record_results, session.name)

	assert outcome["passed"] == [high] and outcome["failed"] == [low]
	reasons = {r["application"]: r["reason"] for r in outcome["refused"]}
	assert reasons[unscored] == "请填写答辩得分：通知规定的合格分数线为60分"
	assert reasons[moved] == "该申报已不在等待本场答辩"
	assert state(high) == WorkflowState.UNDER_EVALUATION
	assert frappe.db.get_value(APP, high, ["defense_result", "defense_score"]) == ("Passed", 82.5)
	assert state(low) == WorkflowState.FAILED
	assert frappe.db.get_value(APP, low, ["defense_result", "defense_score"]) == ("Failed", 59)
	assert state(unscored) == WorkflowState.DEFENSE
	by_row = rows(session.name)
	assert by_row[high].result == "Passed" and by_row[low].result == "Failed" and not by_row[unscored].result
	# not every result is in: the session stays open, and the missing score is recorded later
	assert frappe.db.get_value("Defense Session", session.name, "status") == "Scheduled"
	_enter(session, {unscored: {"score": 60}})
	assert as_office(world, defense.record_results, session.name)["passed"] == [unscored]


def test_without_a_pass_mark_the_panel_decides_and_an_absent_applicant_fails(actors, world, told):
	_set_pass_mark(world["notice"], 0)
	session, (decided, absent, undecided) = _scheduled(actors, world, 3)
	session.flags.office = world["office"]
	_enter(
		session,
		{
			decided: {"attendance": "Present", "score": 71, "decision": "Passed"},
			absent: {"attendance": "Absent"},
			undecided: {"attendance": "Present", "score": 95},
		},
	)
	outcome = as_office(world, defense.record_results, session.name)
	assert outcome["passed"] == [decided] and outcome["failed"] == [absent]
	assert outcome["refused"] == [
		{"application": undecided, "reason": "请记录答辩小组是否通过答辩：通知未规定合格分数线"}
	]
	assert state(absent) == WorkflowState.FAILED
	assert frappe.db.get_value(APP, absent, "defense_score") == 0


def test_003_the_exempt_applicants_score_is_the_average_of_the_years_defenses(actors, world, told):
	_set_pass_mark(world["notice"], 0)
	exempt = fee_paid(actors, world["notice"], world["units"]["ruoqiang"])
	other_profession = fee_paid(actors, world["notice"], world["units"]["qiemo"], profession="建筑")
	session, (a, b, c) = _scheduled(actors, world, 3)
	session.flags.office = world["office"]
	_enter(
		session,
		{
			a: {"attendance": "Present", "score": 80, "decision": "Passed"},
			b: {"attendance": "Present", "score": 71.25, "decision": "Passed"},
			c: {"attendance": "Present", "score": 55, "decision": "Failed"},
		},
	)
	outcome = as_office(world, defense.record_results, session.name)

	expected = (Decimal("80") + Decimal("71.25") + Decimal("55")) / 3  # 68.75
	assert exempt in outcome["averaged"]
	score, averaged = frappe.db.get_value(APP, exempt, ["defense_score", "defense_score_averaged"])
	assert Decimal(str(score)) == expected.quantize(Decimal("0.01")) and averaged == 1, (score, averaged)
	# nobody of the other profession defended: no average, counted as passed without a score
	assert frappe.db.get_value(APP, other_profession, ["defense_score", "defense_score_averaged"]) == (0, 0)
	assert frappe.db.get_value("Defense Session", session.name, "status") == "Results Recorded"
	# the applicant's page shows the averaged score
	view = defense.defense_view(frappe.get_doc(APP, exempt))
	assert view["exempt"] and view["averaged"] and view["score"] == "68.75"


def test_a_form_cannot_forge_what_the_server_records(actors, world, told):
	name = fee_paid(actors, world["notice"], world["units"]["kuqa"])
	session = make_session(world, [name])
	frappe.set_user(world["office"])
	try:
		doc = frappe.get_doc("Defense Session", session.name)
		doc.status = "Results Recorded"
		doc.applications[0].scheduled = 1
		doc.applications[0].result = "Passed"
		doc.save()
	finally:
		frappe.set_user("Administrator")
	doc.reload()
	assert doc.status == "Planned" and not doc.applications[0].scheduled and not doc.applications[0].result
	assert state(name) == WorkflowState.FEE_PAID


def test_a_committee_office_of_another_committee_can_neither_read_nor_schedule(actors, world, told):
	name = fee_paid(actors, world["notice"], world["units"]["kuqa"])
	session = make_session(world, [name])
	assert not frappe.has_permission("Defense Session", "read", session.name, user=world["other_office"])
	assert frappe.has_permission("Defense Session", "write", session.name, user=world["office"])
	frappe.set_user(world["other_office"])
	try:
		assert session.name not in frappe.get_list("Defense Session", pluck="name")
		with pytest.raises(frappe.PermissionError):
			defense.schedule(session.name)
	finally:
		frappe.set_user("Administrator")
	assert state(name) == WorkflowState.FEE_PAID


def test_units_and_applicants_read_no_session(actors, world, told):
	name = fee_paid(actors, world["notice"], world["units"]["kuqa"])
	session = make_session(world, [name])
	for user in (actors["hr"], actors["applicant"], actors["county"], actors["pes"]):
		assert not frappe.has_permission("Defense Session", "read", session.name, user=user), user
		frappe.set_user(user)
		try:
			try:
				listed = frappe.get_list("Defense Session", pluck="name")
			except frappe.PermissionError:
				listed = []
			assert listed == []
			with pytest.raises(frappe.PermissionError):
				frappe.get_list(
					"Defense Session Application", parent_doctype="Defense Session", fields=["name"]
				)
		finally:
			frappe.set_user("Administrator")


@pytest.fixture
def committed_session(actors, world):
	"""A scheduled session committed for the web server (removed with the module's notice)."""
	name = fee_paid(actors, world["notice"], world["units"]["kuqa"])
	session = make_session(world, [name])
	as_office(world, defense.schedule, session.name)
	frappe.db.commit()
	return session.name, name


def test_over_rest_a_review_expert_off_the_panel_reads_nothing_one_on_it_the_time_and_place(
	world, committed_session
):
	require_server()
	session_name, app_name = committed_session
	resource = f"{BASE_URL}/api/resource/Defense Session"
	child = f"{BASE_URL}/api/resource/Defense Session Application"
	outsider = session(world["outsider"], PASSWORD)
	assert outsider.get(f"{resource}/{session_name}", timeout=30).status_code == 403
	listed = outsider.get(resource, params={"fields": '["name"]', "limit_page_length": 0}, timeout=30)
	assert session_name not in {r["name"] for r in listed.json()["data"]}
	rows_read = outsider.get(
		child,
		params={"parent": "Defense Session", "fields": '["application"]', "limit_page_length": 0},
		timeout=30,
	)
	assert not rows_read.ok or rows_read.json()["data"] == []

	member = session(world["expert"], PASSWORD)
	data = member.get(f"{resource}/{session_name}", timeout=30).json()["data"]
	assert data["venue"] == VENUE and data["starts_at"].startswith("2024-08-05 09:00")
	assert not data.get("applications") and not data.get("panel"), data
	assert app_name not in str(data)
	rows_read = member.get(
		child,
		params={"parent": "Defense Session", "fields": '["application"]', "limit_page_length": 0},
		timeout=30,
	)
	assert not rows_read.ok or app_name not in str(rows_read.json()["data"])
	# nor the application itself
	assert member.get(f"{BASE_URL}/api/resource/Title Application/{app_name}", timeout=30).status_code == 403

	# the panel's search: review experts only, for the committee office only
	search = f"{BASE_URL}/api/method/zhicheng_app.api.defense.panel_experts"
	args = {"doctype": "User", "txt": "", "searchfield": "name", "start": 0, "page_len": 500, "filters": "{}"}
	found = {
		row[0]
		for row in session(world["office"], PASSWORD).post(search, data=args, timeout=30).json()["message"]
	}
	assert {world["expert"], world["outsider"]} <= found and world["office"] not in found
	assert member.post(search, data=args, timeout=30).status_code == 403

	office = session(world["office"], PASSWORD)
	data = office.get(f"{resource}/{session_name}", timeout=30).json()["data"]
	assert [r["application"] for r in data["applications"]] == [app_name]
	assert office.get(f"{resource}/{session_name}", timeout=30).ok
	assert (
		session(world["other_office"], PASSWORD).get(f"{resource}/{session_name}", timeout=30).status_code
		== 403
	)


def test_002_full_senior_defends_by_online_video_and_reads_the_link(actors, world, told):
	notice = chain_notice("002")
	notice.flags.seed_code = "002"
	frappe.set_user(actors["applicant"])
	try:
		doc = frappe.get_doc(
			{
				"doctype": APP,
				"notice": notice.name,
				"route": "Autonomous Region Evaluation",
				"series": "工程系列",
				"profession": "建筑",
				"target_level": "Full Senior",
				"applicant_name": "线上答辩",
				"id_number": resident_id(),
				"employer_unit": actors["units"]["prefecture"],
				"political_status": "Masses",
				"ethnicity": "汉族",
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	record_acceptance(doc, NOW)
	assert (doc.defense_required, doc.defense_online, doc.defense_exempt) == (1, 1, 0)
	frappe.db.set_value(
		APP, doc.name, {"workflow_state": WorkflowState.FEE_PAID, "defense_required": 1, "defense_online": 1}
	)
	assert defense.default_mode(notice.name) == "Online Video"
	values = {
		"doctype": "Defense Session",
		"session_title": "线上视频答辩",
		"notice": notice.name,
		"starts_at": STARTS,
		"mode": "Online Video",
		"applications": [{"application": doc.name}],
	}
	with pytest.raises(frappe.ValidationError, match="线上视频答辩须填写线上答辩链接"):
		frappe.get_doc(values).insert()
	link = "https://meeting.example.com/defense-002"
	session = frappe.get_doc({**values, "online_link": link}).insert()
	assert defense.schedule(session.name)["scheduled"] == [doc.name]
	view = defense.defense_view(frappe.get_doc(APP, doc.name))
	assert view["online"] and view["place"] == link and view["mode"] == "线上视频答辩"
	assert view["at"] == "2024-08-05 09:00"


# ---------------------------------------------------------------- only through a session; moved; cancelled
def _sent(name: str, kind: str) -> list:
	return frappe.get_all(
		"Notification Sent", filters={"application": name, "kind": kind}, fields=["key", "subject"]
	)


def _timeline(name: str) -> list:
	return frappe.get_all(
		"Comment",
		filters={"reference_doctype": APP, "reference_name": name, "comment_type": "Info"},
		fields=["content", "comment_email", "creation"],
		order_by="creation asc",
	)


def test_the_workflows_plain_schedule_and_cancel_are_refused_without_a_session(actors, world, told):
	from frappe.model.workflow import apply_workflow

	name = fee_paid(actors, world["notice"], world["units"]["kuqa"])
	frappe.set_user(world["office"])
	try:
		with pytest.raises(
			frappe.ValidationError, match="答辩须通过答辩安排（答辩场次）安排，并写明时间和地点"
		):
			apply_workflow(frappe.get_doc(APP, name), "Schedule Defense")
	finally:
		frappe.set_user("Administrator")
	assert state(name) == WorkflowState.FEE_PAID and not frappe.db.get_value(APP, name, "defense_at")
	session = make_session(world, [name])
	as_office(world, defense.schedule, session.name)
	frappe.set_user(world["office"])
	try:
		with pytest.raises(frappe.ValidationError, match="取消答辩须在其答辩安排"):
			apply_workflow(frappe.get_doc(APP, name), "Cancel Defense")
	finally:
		frappe.set_user("Administrator")
	assert state(name) == WorkflowState.DEFENSE
	assert frappe.db.get_value(APP, name, "defense_session") == session.name


def _move(world, session_name, **values):
	frappe.set_user(world["office"])
	try:
		doc = frappe.get_doc("Defense Session", session_name)
		doc.update(values)
		doc.save()
	finally:
		frappe.set_user("Administrator")


def test_moving_a_session_tells_each_scheduled_applicant_once_per_change(actors, world, told):
	slotted, plain = (fee_paid(actors, world["notice"], world["units"]["kuqa"]) for _ in range(2))
	session = make_session(world, [slotted, plain])
	as_office(world, defense.schedule, session.name)
	later = STARTS + datetime.timedelta(days=1, hours=5)  # 2024-08-06 14:00
	new_venue = "阿克苏市 新答辩室"

	_move(world, session.name, starts_at=later, venue=new_venue)

	# the applicant without a slot of their own follows the session's start; the slotted one keeps it
	assert frappe.utils.get_datetime(frappe.db.get_value(APP, plain, "defense_at")) == later
	assert frappe.utils.get_datetime(frappe.db.get_value(APP, slotted, "defense_at")) == SLOT
	for name in (slotted, plain):
		(sent,) = _sent(name, "Defense Rescheduled")
		assert sent.subject == f"您的职称申报 {name} 的答辩已调整"
		(log,) = frappe.get_all(
			"Notification Log",
			filters={"document_name": name, "subject": sent.subject, "for_user": actors["applicant"]},
			fields=["email_content"],
		)
		assert new_venue in log.email_content
		(history,) = _timeline(name)
		assert history.comment_email == world["office"] and new_venue in history.content
	assert (
		"2024-08-06 14:00"
		in frappe.get_all(
			"Notification Log",
			filters={"document_name": plain, "subject": ("like", "%已调整%")},
			pluck="email_content",
		)[0]
	)
	view = defense.defense_view(frappe.get_doc(APP, plain))
	assert view["place"] == new_venue and view["at"] == "2024-08-06 14:00" and view["moved"]

	# a save that changes nothing of the time or place tells nobody again
	_move(world, session.name, instructions="请提前到场")
	assert len(_sent(plain, "Defense Rescheduled")) == 1
	# another change is told once more, and only to the one whose slot moved
	_move(world, session.name, online_link="https://meeting.example.com/x")  # on-site: not the place
	assert len(_sent(plain, "Defense Rescheduled")) == 1
	frappe.set_user(world["office"])
	try:
		doc = frappe.get_doc("Defense Session", session.name)
		next(r for r in doc.applications if r.application == slotted).slot_at = later
		doc.save()
	finally:
		frappe.set_user("Administrator")
	assert len(_sent(slotted, "Defense Rescheduled")) == 2 and len(_sent(plain, "Defense Rescheduled")) == 1
	assert frappe.db.get_value("Defense Session", session.name, "changes") == 2


def test_cancelling_a_session_moves_its_applications_back_and_keeps_who_when_why(actors, world, told):
	first, second = (fee_paid(actors, world["notice"], world["units"]["kuqa"]) for _ in range(2))
	exempt = fee_paid(actors, world["notice"], world["units"]["ruoqiang"])
	paid_at = frappe.db.get_value(APP, first, "fee_paid_at")
	session = make_session(world, [first, second, exempt])
	as_office(world, defense.schedule, session.name)
	assert state(first) == WorkflowState.DEFENSE and state(exempt) == WorkflowState.FEE_PAID

	with pytest.raises(frappe.ValidationError, match="请说明原因"):
		as_office(world, defense.cancel_session, session.name, " ")
	reason = "答辩专家临时出差，本场答辩取消，另行安排"
	outcome = as_office(world, defense.cancel_session, session.name, reason)

	assert outcome == {"cancelled": [first, second]}
	for name in (first, second):
		app = frappe.db.get_value(
			APP, name, ["workflow_state", "defense_session", "defense_at", "fee_paid_at"], as_dict=True
		)
		assert app.workflow_state == WorkflowState.FEE_PAID
		assert not app.defense_session and not app.defense_at
		assert app.fee_paid_at == paid_at or name != first  # the fee stays as it was recorded
		(history,) = _timeline(name)
		assert history.comment_email == world["office"] and reason in history.content
		(sent,) = _sent(name, "Defense Cancelled")
		assert sent.subject == f"您的职称申报 {name} 的答辩已取消"
	# 003's exempt applicant was never scheduled and stays exempt where it was
	assert state(exempt) == WorkflowState.FEE_PAID
	assert frappe.db.get_value(APP, exempt, ["defense_exempt", "defense_required"]) == (1, 0)
	doc = frappe.get_doc("Defense Session", session.name)
	assert doc.status == "Cancelled" and doc.cancel_reason == reason and doc.cancelled_by == world["office"]
	assert doc.cancelled_at and [r.application for r in doc.applications] == [first, second, exempt]
	assert not any(r.scheduled for r in doc.applications)
	with pytest.raises(frappe.ValidationError, match="本场答辩已取消"):
		as_office(world, defense.schedule, session.name)
	# they can be scheduled again in another session
	again = make_session(world, [first])
	assert as_office(world, defense.schedule, again.name)["scheduled"] == [first]


def test_scores_entered_block_cancelling(actors, world, told):
	session, (scored, other) = _scheduled(actors, world, 2)
	session.flags.office = world["office"]
	_enter(session, {scored: {"attendance": "Present", "score": 77}})
	with pytest.raises(frappe.ValidationError, match=f"{scored} 已录入答辩得分或结果"):
		as_office(world, defense.cancel_session, session.name, "改期")
	with pytest.raises(frappe.ValidationError, match="已举行的答辩按其结果记录，不能取消"):
		as_office(world, defense.remove_application, session.name, scored, "改期")
	assert state(scored) == WorkflowState.DEFENSE and state(other) == WorkflowState.DEFENSE
	assert frappe.db.get_value("Defense Session", session.name, "status") == "Scheduled"


def test_removing_one_application_from_a_session(actors, world, told):
	session, (kept, removed) = _scheduled(actors, world, 2)
	frappe.set_user(world["office"])
	try:
		doc = frappe.get_doc("Defense Session", session.name)
		doc.applications = [r for r in doc.applications if r.application == kept]
		with pytest.raises(frappe.ValidationError, match="请用“移出答辩”并说明原因"):
			doc.save()
	finally:
		frappe.set_user("Administrator")
	reason = "申报人因公出差，申请调整到下一场"
	outcome = as_office(world, defense.remove_application, session.name, removed, reason)
	assert outcome == {"removed": removed, "unscheduled": [removed]}
	assert state(removed) == WorkflowState.FEE_PAID and state(kept) == WorkflowState.DEFENSE
	assert list(rows(session.name)) == [kept]
	(history,) = _timeline(removed)
	assert reason in history.content and history.comment_email == world["office"]
	assert len(_sent(removed, "Defense Cancelled")) == 1 and not _sent(kept, "Defense Cancelled")
	assert frappe.db.get_value("Defense Session", session.name, "status") == "Scheduled"


def test_a_form_cannot_forge_the_cancellation_or_the_change_count(actors, world, told):
	name = fee_paid(actors, world["notice"], world["units"]["kuqa"])
	session = make_session(world, [name])
	frappe.set_user(world["office"])
	try:
		doc = frappe.get_doc("Defense Session", session.name)
		doc.update(
			{"status": "Cancelled", "cancel_reason": "伪造", "cancelled_by": "Administrator", "changes": 5}
		)
		doc.save()
	finally:
		frappe.set_user("Administrator")
	doc.reload()
	assert (doc.status, doc.cancel_reason, doc.cancelled_by, doc.changes) == ("Planned", None, None, 0)
	assert state(name) == WorkflowState.FEE_PAID
