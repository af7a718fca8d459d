"""The bureau's workspace and reports in Chromium, in Chinese: the demo's 温宿县 officer sees the
seven number cards with the counts of the county's applications of the current campaign, the two
charts and the reports' links; the roster (申报人名册) opens with the county's applications only;
the committee office's summary (申报情况汇总) opens with its totals; a review expert's workspace
shows none of them. Every page is checked for English."""

import re

import frappe
import pytest

from tests.integration.browser import ALLOWED_WORDS, SCREENSHOTS, assert_no_english, login
from tests.integration.rest import require_server
from zhicheng_app.api import dashboard
from zhicheng_app.demo import DEMO_PASSWORD
from zhicheng_app.permissions import with_descendants
from zhicheng_app.rules.reporting import STAGES
from zhicheng_app.services import bureau_reports

COUNTY_OFFICER = "zc.county.hrss@example.com"  # the demo's 温宿县人社局 officer
COMMITTEE_OFFICE = "zc.committee@example.com"  # the demo's 评审委员会办公室
LOAD_MS = 60_000


@pytest.fixture
def demo(frappe_site):
	require_server()
	if not all(frappe.db.exists("User", u) for u in (COUNTY_OFFICER, COMMITTEE_OFFICE)):
		pytest.skip("the demo is not loaded on this site")


def _shot(page, name: str):
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	page.screenshot(path=str(SCREENSHOTS / f"reports_{name}.png"), full_page=True)


def _as(user, fn, *args):
	frappe.set_user(user)
	try:
		return fn(*args)
	finally:
		frappe.set_user("Administrator")


def _report_rows(page) -> list[list[str]]:
	"""The cells' texts of the report's rows on the page."""
	page.locator(".dt-scrollable .dt-row").first.wait_for(timeout=LOAD_MS)
	return page.evaluate(
		"""() => [...document.querySelectorAll('.dt-scrollable .dt-row')].map(
			row => [...row.querySelectorAll('.dt-cell__content')].map(c => c.innerText.trim()))"""
	)


def test_the_county_officer_sees_the_counties_cards_and_roster(page, demo):
	frappe.local.lang = "zh"
	expected = {
		frappe._(stage.card): _as(COUNTY_OFFICER, dashboard.stage_count, {"stage": stage.key})["value"]
		for stage in STAGES
	}
	expected[frappe._("Applications with a Deadline Today")] = _as(COUNTY_OFFICER, dashboard.due_today_count)[
		"value"
	]
	expected[frappe._("Applications Abandoned")] = _as(COUNTY_OFFICER, dashboard.abandoned_count)["value"]
	login(page, COUNTY_OFFICER, DEMO_PASSWORD)
	page.goto("/app/zhicheng")
	cards = page.locator(".number-widget-box")
	cards.nth(len(expected) - 1).locator(".number").wait_for(timeout=LOAD_MS)
	page.wait_for_function(
		"() => ![...document.querySelectorAll('.number-widget-box')].some(c => c.querySelector('.number-card-loading'))",
		timeout=LOAD_MS,
	)
	shown = {}
	for i in range(cards.count()):
		card = cards.nth(i)
		title = card.locator(".widget-title").inner_text().strip()
		shown[title] = int(card.locator(".number").inner_text().strip())
	assert shown == expected
	assert sum(expected.values()) > 0, "the demo's 温宿县 officer has applications in some stage"
	# the five charts drew bars (per state, notice and route, committee, level, county), and the
	# reports are linked
	page.locator(".widget.dashboard-widget-box svg .bar, .widget svg rect.bar").first.wait_for(
		timeout=LOAD_MS
	)
	assert page.locator(".widget.dashboard-widget-box").count() == 5
	for label in ("申报情况汇总", "缴费情况", "申报人名册"):  # 缴费情况: the county's fees only
		assert page.get_by_text(label, exact=True).first.is_visible()
	assert_no_english(page, ALLOWED_WORDS)
	_shot(page, "county_workspace")

	page.get_by_text("申报人名册", exact=True).first.click()
	page.wait_for_url(re.compile(r"/app/query-report/Applicant(%20| )Roster"))
	rows = _report_rows(page)
	roster = _as(COUNTY_OFFICER, bureau_reports.roster_rows, {})
	names = {cell for row in rows for cell in row if re.fullmatch(r"ZC-\d{4}-\d{5}", cell)}
	assert names == {r.name for r in roster}
	regions = with_descendants(["温宿县"])
	assert {r.region for r in roster} <= regions
	assert page.locator(".page-title .title-text:visible").first.inner_text().strip() == "申报人名册"
	assert_no_english(page, ALLOWED_WORDS)
	_shot(page, "county_roster")


def test_the_committee_office_opens_the_summary(page, demo):
	frappe.local.lang = "zh"
	groups = _as(COMMITTEE_OFFICE, bureau_reports.summary_rows, {})
	login(page, COMMITTEE_OFFICE, DEMO_PASSWORD)
	page.goto("/app/query-report/Application Summary")
	rows = _report_rows(page)
	assert len(rows) == len(groups)
	for label in ("申报通知", "评审方式", "申报级别", "已提交", "退回修改", "已接收材料", "不予受理"):
		assert page.locator(".dt-header").get_by_text(label, exact=True).count() >= 1, label
	assert page.locator(".page-title .title-text:visible").first.inner_text().strip() == "申报情况汇总"
	assert_no_english(page, ALLOWED_WORDS)
	_shot(page, "committee_summary")


def test_a_review_expert_sees_no_card_chart_or_report(page, demo):
	expert = "zc.expert@example.com"  # the demo's 评审专家
	if not frappe.db.exists("User", expert):
		pytest.skip("the demo's review expert is not on this site")
	login(page, expert, DEMO_PASSWORD)
	# the campaign's workspace is not theirs: the sidebar offers 专家评审 with their meetings
	page.goto("/app/expert-review")
	page.get_by_text("评审会议", exact=True).first.wait_for(timeout=LOAD_MS)
	page.wait_for_timeout(1500)  # the widgets a user may see render with the page's blocks
	assert page.locator(".desk-sidebar").get_by_text("职称申报", exact=True).count() == 0
	assert page.locator(".number-widget-box").count() == 0
	assert page.locator(".widget.dashboard-widget-box").count() == 0
	for label in ("申报情况汇总", "缴费情况", "申报人名册"):
		assert page.get_by_text(label, exact=True).count() == 0
	assert_no_english(page, ALLOWED_WORDS)
