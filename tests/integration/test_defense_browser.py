"""The applicant's defense on the portal, in Chromium: once the committee office schedules them in a
Defense Session, their application page shows the date and time (Beijing time), the venue or the
online link and the session's instructions; an applicant exempt under 003 (若羌县) reads the
exemption with the notice's clause, and the average score once the year's defenses are scored.

The module makes its own notice (the seed 003's routes, chain, defense rules and clauses, its
exempt counties, every window open around now), units, users and applications, commits them for
the web server and deletes them afterwards.
"""

import datetime

import frappe
import pytest

from tests.integration.browser import ALLOWED_WORDS, SCREENSHOTS, assert_no_english
from tests.integration.defense_support import delete_applications, retrying
from tests.integration.factories import make_unit, make_user, resident_id
from tests.integration.rest import require_server
from tests.integration.workflow_support import chain_notice
from zhicheng_app.rules.model import seed_notice_dict
from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.services import clock, defense
from zhicheng_app.services.transitions import record_acceptance

PASSWORD = "Integration-Test-2024!"
APP = "Title Application"
VENUE = "库尔勒市人民东路 巴州市场监督管理局三楼会议室"
INSTRUCTIONS = "请携带身份证原件，提前30分钟到场签到。"
SEED = seed_notice_dict("003")


def _fee_paid(world: dict, unit: str, name: str) -> str:
	frappe.set_user(world["applicant"])
	try:
		doc = frappe.get_doc(
			{
				"doctype": APP,
				"notice": world["notice"],
				"route": "Private Enterprise Special",
				"series": "工程系列",
				"profession": "质量技术监督",
				"target_level": "Intermediate",
				"applicant_name": name,
				"id_number": resident_id(),
				"employer_unit": unit,
				"political_status": "Masses",
				"ethnicity": "汉族",
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	record_acceptance(doc, clock.now())
	frappe.db.set_value(
		APP,
		doc.name,
		{
			"workflow_state": WorkflowState.FEE_PAID,
			"defense_required": doc.defense_required,
			"defense_exempt": doc.defense_exempt,
		},
	)
	return doc.name


def _cleanup(world: dict):
	frappe.set_user("Administrator")
	frappe.db.rollback()
	for name in frappe.get_all("Defense Session", filters={"notice": world["notice"]}, pluck="name"):
		frappe.delete_doc("Defense Session", name, ignore_permissions=True, force=True)
	delete_applications(frappe.get_all(APP, filters={"notice": world["notice"]}, pluck="name"))
	frappe.db.delete("Notification Log", {"for_user": world["applicant"]})
	for email in (world["applicant"], world["office"], world["expert"]):
		frappe.delete_doc("User", email, ignore_permissions=True, force=True)
	for unit in world["units"]:
		frappe.delete_doc("Employer Unit", unit, ignore_permissions=True, force=True)
	frappe.delete_doc("Title Notice", world["notice"], ignore_permissions=True, force=True)
	frappe.db.commit()


@pytest.fixture(scope="module")
def world(frappe_site):
	require_server()
	frappe.set_user("Administrator")
	notice = chain_notice(
		"003",
		now=frappe.utils.now_datetime(),
		title="浏览器测试答辩通知",
		defense_exempt_counties=SEED["defense_exempt_counties"],
		defense_exempt_averaged=1,
		rule_clauses=SEED["rule_clauses"],
	)
	korla = make_unit(ownership="Private Enterprise", location="County", region="库尔勒市")
	ruoqiang = make_unit(ownership="Private Enterprise", location="County", region="若羌县")
	world = {
		"notice": notice.name,
		"units": [korla.name, ruoqiang.name],
		"applicant": make_user("Title Applicant", password=PASSWORD),
		"office": make_user("Committee Office"),
		"expert": make_user("Review Expert"),
	}
	# the page's avatar shows the user's initials: a Chinese name, as the applicant's would be
	frappe.db.set_value("User", world["applicant"], {"first_name": "罗斌", "full_name": "罗斌"})
	try:
		world["defending"] = _fee_paid(world, korla.name, "罗斌")
		world["exempt"] = _fee_paid(world, ruoqiang.name, "马晓东")
		world["peer"] = _fee_paid(world, korla.name, "王海涛")
		starts = (clock.wall(clock.now()) + datetime.timedelta(days=3)).replace(
			hour=10, minute=0, second=0, microsecond=0
		)
		world["at"] = starts + datetime.timedelta(minutes=30)
		frappe.set_user(world["office"])
		session = frappe.get_doc(
			{
				"doctype": "Defense Session",
				"session_title": "专业水平答辩（浏览器测试）",
				"notice": notice.name,
				"starts_at": starts,
				"mode": "On-site",
				"venue": VENUE,
				"instructions": INSTRUCTIONS,
				"panel": [{"expert": world["expert"]}],
				"applications": [
					{"application": world["defending"], "slot_order": 1, "slot_at": world["at"]},
					{"application": world["peer"], "slot_order": 2},
				],
			}
		).insert()
		outcome = defense.schedule(session.name)
		assert outcome["refused"] == [], outcome
		# the peer's defense is scored: the exempt applicant is given the average
		session.reload()
		session.applications[1].update({"attendance": "Present", "score": 78.5, "decision": "Passed"})
		session.save()
		defense.record_results(session.name)
		frappe.set_user("Administrator")
		frappe.db.commit()
	except Exception:
		retrying(_cleanup, world)
		raise
	yield world
	retrying(_cleanup, world)


def _open(page, world, name: str):
	# logged in through the login method (the login page itself is tested with the portal)
	response = page.request.post("/api/method/login", form={"usr": world["applicant"], "pwd": PASSWORD})
	assert response.ok, response.text()
	page.goto(f"/my-applications/{name}")
	page.wait_for_load_state("networkidle")
	return page.locator("[data-testid=defense]")


def test_the_applicant_sees_the_date_venue_and_instructions_of_their_defense(page, world):
	card = _open(page, world, world["defending"])
	assert page.locator("[data-testid=state]").inner_text().strip() == "答辩"
	assert card.locator("h3").inner_text() == "专业水平答辩"
	assert card.locator("[data-field=defense_at]").inner_text() == f"{world['at']:%Y-%m-%d %H:%M}（北京时间）"
	assert card.locator("[data-field=defense_place]").inner_text() == VENUE
	assert card.locator("[data-field=defense_mode]").inner_text() == "现场答辩"
	assert INSTRUCTIONS in card.inner_text()
	assert_no_english(page)
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	page.screenshot(path=str(SCREENSHOTS / "defense_portal_scheduled.png"), full_page=True)


def test_an_exempt_applicant_reads_the_exemption_and_the_averaged_score(page, world):
	card = _open(page, world, world["exempt"])
	text = card.inner_text()
	assert "免于答辩" in text and "四、（五）" in text
	assert card.locator("[data-field=defense_score]").inner_text().endswith("78.50")
	assert card.locator("[data-field=defense_at]").count() == 0
	assert_no_english(page)
	page.screenshot(path=str(SCREENSHOTS / "defense_portal_exempt.png"), full_page=True)


def test_after_the_committee_moves_the_defense_the_card_shows_the_new_time_and_place(page, world):
	"""Runs after the tests above: the session is moved to another room and the slot an hour later."""
	session_name = frappe.db.get_value(APP, world["defending"], "defense_session")
	moved_at = world["at"] + datetime.timedelta(hours=1)
	new_venue = "库尔勒市石化大道 巴州人才服务中心二楼答辩室"
	frappe.set_user(world["office"])
	try:
		doc = frappe.get_doc("Defense Session", session_name)
		doc.venue = new_venue
		next(r for r in doc.applications if r.application == world["defending"]).slot_at = moved_at
		doc.save()
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()

	card = _open(page, world, world["defending"])
	assert card.locator("[data-field=defense_at]").inner_text() == f"{moved_at:%Y-%m-%d %H:%M}（北京时间）"
	assert card.locator("[data-field=defense_place]").inner_text() == new_venue
	assert "评审委员会已调整您的答辩时间或地点" in card.locator("[data-field=defense_moved]").inner_text()
	told = frappe.get_all(
		"Notification Sent",
		filters={"application": world["defending"], "kind": "Defense Rescheduled"},
		pluck="subject",
	)
	assert told == [f"您的职称申报 {world['defending']} 的答辩已调整"]
	assert_no_english(page)
	page.screenshot(path=str(SCREENSHOTS / "defense_portal_moved.png"), full_page=True)


# a session is numbered DS-<year>-<n>
DESK_ALLOWED = ALLOWED_WORDS | {"DS"}


def _open_session(page, session_name: str):
	# the desk's first load is slow on a busy machine
	page.goto(f"/app/defense-session/{session_name}", wait_until="domcontentloaded", timeout=90_000)
	page.wait_for_function(
		"(n) => window.cur_frm && cur_frm.doc.name === n", arg=session_name, timeout=90_000
	)
	page.wait_for_load_state("networkidle")


def _desk_change(page, item: str, reason: str):
	"""The session form's 变更 menu: ``item``, then the reason in its dialog."""
	page.get_by_role("button", name="变更").click()
	page.locator(".dropdown-menu:visible").get_by_text(item, exact=True).click()
	dialog = page.locator(".modal-dialog:visible").filter(has_text=item)
	dialog.locator("[data-fieldname='reason'] textarea").fill(reason)
	return dialog


def test_in_the_desk_the_committee_office_cannot_cancel_a_scored_session_and_removes_one_applicant(
	page, world
):
	"""Runs last: the peer is scored, so the session cannot be cancelled; the defending applicant
	is taken out of it with the reason and is back at 已缴费."""
	from tests.integration.browser import login

	session_name = frappe.db.get_value(APP, world["defending"], "defense_session")
	frappe.db.set_value(
		"User", world["office"], {"language": "zh", "first_name": "答辩秘书", "full_name": "答辩秘书"}
	)
	frappe.db.commit()
	login(page, world["office"], PASSWORD)
	_open_session(page, session_name)

	dialog = _desk_change(page, "取消本场答辩", "评审专家临时出差")
	assert_no_english(page, DESK_ALLOWED)
	page.screenshot(path=str(SCREENSHOTS / "defense_desk_cancel_dialog.png"), full_page=True)
	dialog.locator(".btn-primary").click()
	message = page.locator(".msgprint:visible")
	message.wait_for()
	assert (
		"已录入答辩得分或结果" in message.inner_text()
		and "已举行的答辩按其结果记录，不能取消" in message.inner_text()
	)
	page.screenshot(path=str(SCREENSHOTS / "defense_desk_cancel_refused.png"), full_page=True)
	frappe.db.rollback()
	assert frappe.db.get_value("Defense Session", session_name, "status") == "Scheduled"

	_open_session(page, session_name)
	dialog = _desk_change(page, "移出答辩", "申报人因公出差，调整到下一场答辩")
	dialog.locator("[data-fieldname='application'] select").select_option(world["defending"])
	dialog.locator(".btn-primary").click()
	page.wait_for_function("() => cur_frm.doc.applications.length === 1 && !frappe.dom.freeze_count")
	page.wait_for_load_state("networkidle")
	assert_no_english(page, DESK_ALLOWED)
	page.screenshot(path=str(SCREENSHOTS / "defense_desk_removed.png"), full_page=True)
	frappe.db.rollback()
	assert frappe.db.get_value(APP, world["defending"], ["workflow_state", "defense_session"]) == (
		WorkflowState.FEE_PAID,
		None,
	)
	comments = frappe.get_all(
		"Comment",
		filters={"reference_name": world["defending"], "comment_type": "Info"},
		fields=["content", "comment_email"],
	)
	assert any("调整到下一场答辩" in c.content and c.comment_email == world["office"] for c in comments)
