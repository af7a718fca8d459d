"""The unit's paper list (纸质材料报送清单) on the demo's current campaign: the applications accepted
online, what each delivers, to which office and by when; within the unit's scope."""

import frappe
import pytest

from tests.integration.rest import BASE_URL, require_server, session
from zhicheng_app import demo_campaign
from zhicheng_app.demo import DEMO_PASSWORD
from zhicheng_app.documents.registry import REGISTRY
from zhicheng_app.i18n import _
from zhicheng_app.rules.vocabulary import WindowKind
from zhicheng_app.services import clock, unit_paper
from zhicheng_app.services.precheck import notice_config

UNIT_HR = "zc.unit.hr@example.com"  # 阿克苏地区建筑勘察设计院
PRIVATE_HR = "zc.private.hr@example.com"  # 新疆天山恒基建设工程有限公司


def _campaign_application(key: str) -> str:
	spec = next(s for s in demo_campaign.APPLICATIONS if s.key == key)
	notice = demo_campaign.current_code(spec.seed, clock.now().year)
	name = frappe.db.get_value("Title Application", {"notice": notice, "applicant_name": spec.applicant_name})
	if not name:
		pytest.skip("the demo's current campaign is not loaded (zhicheng_app.demo.load)")
	return name


def _as(user: str, names: list[str]) -> list[dict]:
	frappe.set_user(user)
	try:
		return unit_paper.paper_lists(names)
	finally:
		frappe.set_user("Administrator")


def test_the_list_names_what_the_accepted_applications_deliver_where_and_by_when():
	accepted, received = _campaign_application("000-accepted"), _campaign_application("000-paper")
	under_review = _campaign_application("000-committee")
	lists = _as(UNIT_HR, [accepted, received, under_review])
	assert len(lists) == 1
	paper = lists[0]
	rows = {row["name"]: row for row in paper["rows"]}
	assert set(rows) == {accepted, received}  # the committee has not accepted the third yet
	doc = frappe.get_doc("Title Application", accepted)
	notice = frappe.get_doc("Title Notice", doc.notice)
	assert paper["deadline"] == clock.fmt(clock.window(notice, WindowKind.PAPER)[1])
	config = notice_config(doc.notice)
	committee = next(
		r.committee for r in config.routes if (r.route, r.level) == (doc.route, doc.target_level)
	)
	office = next(r.paper_office for r in config.committees if r.committee == committee)
	assert office and rows[accepted]["office"] == office
	assert _(REGISTRY["qualification_review_form"].title) in rows[accepted]["deliverables"]
	assert not rows[accepted]["received"] and rows[received]["received"] and rows[received]["received_at"]


def test_another_unit_gets_no_list_of_these_applications():
	accepted = _campaign_application("000-accepted")
	assert _as(PRIVATE_HR, [accepted]) == []


def test_the_unit_page_shows_the_list():
	require_server()
	accepted = _campaign_application("000-accepted")
	body = session(UNIT_HR, DEMO_PASSWORD).get(f"{BASE_URL}/unit-applications", timeout=60).text
	assert "纸质材料报送清单" in body and accepted in body
	other = session(PRIVATE_HR, DEMO_PASSWORD).get(f"{BASE_URL}/unit-applications", timeout=60).text
	assert "纸质材料报送清单" not in other or accepted not in other
