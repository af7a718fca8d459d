"""The blind review in Chromium, in Chinese: the meeting's expert opens a packet, sees no name, and
votes with the form's buttons (同意 / 不同意 / 弃权); the committee office closes the meeting."""

import re

import frappe
import pytest

from tests.integration.browser import ALLOWED_WORDS, SCREENSHOTS, assert_no_english, login
from tests.integration.meeting_support import meeting, remove_sitting, under_evaluation, world
from tests.integration.rest import require_server
from zhicheng_app.services import review_packets

PASSWORD = "Integration-Test-2024!"
LOAD_MS = 60_000


@pytest.fixture
def sitting(frappe_site):
	require_server()
	frappe.set_user("Administrator")
	w = world(experts=1)
	app = under_evaluation(
		w["notice"],
		w["unit"],
		personal_summary="本人在测试单位负责道路设计。",
		achievements=[{"kind": "Achievement", "title": f"在{w['unit'].name}主持道路工程"}],
	)
	packet = review_packets.build_packet(app.name)
	m = meeting(w["notice"].name, w["committee"], [{"expert": w["experts"][0]}], [packet])
	m.status = "Open"
	m.flags.status_by_action = True
	m.save(ignore_permissions=True)
	frappe.db.commit()
	yield {"world": w, "app": app, "packet": packet, "meeting": m.name}
	remove_sitting([m.name], [packet], [app.name], w)


def test_the_expert_votes_on_the_packets_form(page, sitting):
	expert = sitting["world"]["experts"][0]
	login(page, expert, PASSWORD)
	page.goto(f"/app/review-packet/{sitting['packet']}", timeout=LOAD_MS)
	page.get_by_text("我的表决", exact=False).first.wait_for(timeout=LOAD_MS)
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	page.screenshot(path=str(SCREENSHOTS / "review_packet_expert.png"), full_page=True)
	body = page.inner_text("body")
	app = sitting["app"]
	assert app.applicant_name not in body and app.employer_unit not in body and app.name not in body
	assert "×××" in page.content() and sitting["packet"] in body
	# the packet's code and the test expert's initials (first name "Review Expert") are not words
	assert_no_english(page, ALLOWED_WORDS | set(re.findall(r"[A-Za-z]{2,}", sitting["packet"])) | {"RE"})
	page.get_by_text("我的表决", exact=False).first.click()
	page.locator(".dropdown-menu.show").get_by_text("同意", exact=True).click()
	page.get_by_text("已记录表决").wait_for(timeout=LOAD_MS)
	frappe.db.rollback()
	assert (
		frappe.db.get_value(
			"Review Vote",
			{"meeting": sitting["meeting"], "packet": sitting["packet"], "expert": expert},
			"vote",
		)
		== "Agree"
	)
