"""The employer unit's part in the browser, in Chinese (issue 13): Chromium drives the unit's
portal pages of the running bench as a unit's HR would: from the portal menu to the unit's list,
the publicity entered with the proposed end, the 公示 downloaded, the recommendation made.

The module makes its own units, users, notices and applications (unit_portal_support), commits
them for the web server and deletes them afterwards. Screenshots of the steps are kept under
``tests/integration/screenshots/`` (git-ignored).
"""

import datetime
import io
import re
import zipfile

import frappe
import pytest

from tests.integration.browser import ALLOWED_WORDS, SCREENSHOTS, assert_no_english, login
from tests.integration.unit_portal_support import PASSWORD, create_portal_data, remove_portal_data


@pytest.fixture(scope="module")
def portal(frappe_site):
	data = create_portal_data(submitted=("browser", "objected"))
	frappe.db.commit()
	yield data
	remove_portal_data(data)
	frappe.db.commit()


# what the pages may show in Latin letters besides the codes: the file formats, the test applicants
ALLOWED = ALLOWED_WORDS | {"JPG", "PNG", "browser", "objected"}


@pytest.fixture
def hr_page(page, portal):
	"""A page logged in as the unit's HR."""
	login(page, portal["actors"]["hr"], PASSWORD)
	return page


def _shot(tab, name: str):
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	tab.screenshot(path=str(SCREENSHOTS / f"unit_portal_{name}.png"), full_page=True)


def _ready(tab, selector: str):
	"""Wait for ``selector`` on the page and for the page's script (a reload may still be running)."""
	tab.locator(selector).first.wait_for()
	tab.locator(".zc-unit-portal[data-ready='1']").wait_for(state="attached")


def _state(name: str) -> str:
	frappe.db.rollback()  # see what the server committed
	return frappe.db.get_value("Title Application", name, "workflow_state")


def _open_application(tab, name: str):
	tab.get_by_role("link", name="单位职称申报").first.click()
	tab.wait_for_url(re.compile(r"/unit-applications"))
	tab.get_by_role("link", name=name).click()
	tab.wait_for_url(re.compile(r"/unit-application\?application="))
	_ready(tab, ".zc-publicity")


def test_the_unit_enters_its_publicity_downloads_the_notice_and_recommends(hr_page, portal):
	tab, name = hr_page, portal["names"]["browser"]
	# the portal menu leads to the unit's applications, by state, in Chinese
	tab.get_by_role("link", name="单位职称申报").first.click()
	tab.wait_for_url(re.compile(r"/unit-applications"))
	row = tab.locator(f"tr[data-name='{name}']")
	assert "用人单位审核公示" in row.inner_text() and "公示browser" in row.inner_text()
	assert "定向评价" in row.inner_text() and "中级" in row.inner_text()
	assert tab.get_by_role("link", name=re.compile(r"^用人单位审核公示（\d+）$")).count() == 1
	assert_no_english(tab, ALLOWED)
	_shot(tab, "list")

	tab.get_by_role("link", name=name).click()
	tab.wait_for_url(re.compile(r"/unit-application\?application="))
	_ready(tab, ".zc-publicity")
	# the start proposes the earliest end from the notice's working days
	start = portal["today"] - datetime.timedelta(days=30)
	tab.fill("#zc-publicity-start", start.isoformat())
	hint = tab.locator(".zc-earliest-end")
	hint.filter(has_text="最早可于").wait_for()
	earliest = hint.get_attribute("data-earliest")
	assert earliest and tab.input_value("#zc-publicity-end") == earliest
	assert hint.inner_text() == (
		f"最早可于{int(earliest[:4])}年{int(earliest[5:7])}月{int(earliest[8:])}日结束（5个工作日）"
	)
	tab.get_by_role("button", name="保存公示信息").click()
	_ready(tab, ".zc-publicity-ok")
	assert tab.input_value("#zc-publicity-start") == start.isoformat()
	assert "公示期共5个工作日" in tab.locator(".zc-working-days").inner_text()
	assert_no_english(tab, ALLOWED)
	_shot(tab, "publicity")

	# the 公示, generated on the server, comes down as a Word file with the applicant and period
	with tab.expect_download() as download_info:
		tab.locator("tr[data-document='publicity']").get_by_role("button", name="下载Word").click()
	download = download_info.value
	assert download.suggested_filename.startswith("推荐单位公示-") and download.suggested_filename.endswith(
		".docx"
	)
	with zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read())) as docx:
		body = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))
	assert "公示browser" in body and f"{start.year}年{start.month}月{start.day}日" in body
	tab.locator(".zc-message.alert-success").filter(has_text="已下载").wait_for()

	# the recommendation: the notice's opinion, where it leads, a confirmation
	box = tab.locator(".zc-recommend-box")
	assert "推荐后进入：评审委员会审核" in box.inner_text()
	tab.get_by_role("button", name="审核推荐", exact=True).click()
	tab.get_by_role("button", name="确认推荐").click()
	tab.locator(".zc-state").filter(has_text="评审委员会审核").wait_for()
	assert _state(name) == "Committee Review"
	assert "用人单位推荐意见：同意推荐" in tab.locator(".zc-decisions").inner_text()
	assert tab.locator(".zc-save-publicity").count() == 0  # the publicity is closed now
	assert_no_english(tab, ALLOWED)
	_shot(tab, "recommended")


def test_an_objection_keeps_the_application_until_it_is_handled(hr_page, portal):
	tab, name = hr_page, portal["names"]["objected"]
	_open_application(tab, name)
	tab.fill("#zc-publicity-start", (portal["today"] - datetime.timedelta(days=40)).isoformat())
	tab.locator(".zc-earliest-end").filter(has_text="最早可于").wait_for()
	tab.get_by_role("button", name="保存公示信息").click()
	_ready(tab, ".zc-publicity-ok")
	tab.fill("#zc-objection-content", "反映其业绩材料与实际不符")
	tab.get_by_role("button", name="登记异议").click()
	_ready(tab, "tr[data-objection]")
	assert "待处理" in tab.locator(".zc-objection-status").inner_text()
	assert tab.locator(".zc-finding").filter(has_text="异议").count() == 1
	# the workflow's guard refuses while the objection stands, and says why in Chinese
	tab.get_by_role("button", name="审核推荐", exact=True).click()
	tab.get_by_role("button", name="确认推荐").click()
	message = tab.locator(".zc-message.alert-danger")
	message.wait_for()
	assert "异议" in message.inner_text()
	assert _state(name) == "Unit Review"
	_shot(tab, "objection")
	tab.select_option(".zc-objection-outcome", "Dismissed")
	tab.fill(".zc-objection-handling", "经核实，业绩材料真实")
	tab.get_by_role("button", name="保存处理结果").click()
	tab.locator(".zc-objection-status").filter(has_text="经核实不成立").wait_for()
	_ready(tab, ".zc-publicity-ok")
	assert_no_english(tab, ALLOWED)
	_shot(tab, "objection_handled")


def test_the_unit_generates_one_004_publicity_for_the_selected_drafts(hr_page, portal):
	tab = hr_page
	tab.goto("/unit-applications")
	tab.select_option(
		"#zc-unit",
		label=frappe.db.get_value("Employer Unit", portal["actors"]["units"]["county"], "unit_name"),
	)
	tab.wait_for_url(re.compile(r"unit="))
	_ready(tab, ".zc-applications")
	drafts = [portal["names"]["junior_a"], portal["names"]["junior_b"]]
	assert tab.locator("tr[data-name]").count() == 2  # the county unit's applications only
	for name in drafts:
		assert "填报中" in tab.locator(f"tr[data-name='{name}']").inner_text()
		tab.check(f"input.zc-select[value='{name}']")
	tab.select_option("#zc-document", label="公示")
	with tab.expect_download() as download_info:
		tab.get_by_role("button", name="生成并下载").click()
	download = download_info.value
	assert download.suggested_filename.endswith(".docx")  # one group of 阿地人社传〔2024〕6号: one document
	with zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read())) as docx:
		body = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))
	assert "初定a" in body and "初定b" in body
	assert tab.locator(".zc-start-batch").count() == 1  # one unit chosen: its batch of all 公示
	assert_no_english(tab, ALLOWED)
	_shot(tab, "list_004")
	tab.get_by_role("link", name=drafts[0]).click()
	tab.wait_for_url(re.compile(r"/unit-application\?application="))
	_ready(tab, ".zc-publicity")
	assert "申报前公示" in tab.locator(".zc-publicity").inner_text()
	assert tab.locator("#zc-publicity-start").is_editable()
	assert tab.locator(".zc-upload").count() == 0  # the unit's scans belong to its own step
	assert_no_english(tab, ALLOWED)
	_shot(tab, "draft_004")
