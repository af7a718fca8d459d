"""不予确认 (阿地人社传〔2024〕6号 四、（二）) in the desk, in Chinese: the 地区人社局's officer opens a 地直
unit's application whose paper reached the bureau, chooses 不予确认 among the workflow actions, states
the reason in the dialog, and the application closes; the applicant reads the reason on 我的职称申报.

The module makes its own notice (windows open around today), unit, applicant and application,
commits them for the web server and deletes them afterwards; the officer is the demo's. Screenshots:
tests/integration/screenshots/.
"""

import frappe
import pytest

from tests.integration.browser import ALLOWED_WORDS, SCREENSHOTS, assert_no_english, login
from tests.integration.defense_support import delete_applications, retrying
from tests.integration.factories import make_unit, make_user
from tests.integration.rest import BASE_URL, require_server
from tests.integration.unit_portal_support import PASSWORD, zh_unique
from tests.integration.workflow_support import chain_notice, make_chain_application, state
from zhicheng_app.demo import DEMO_PASSWORD

PREFECTURE_OFFICER = "zc.prefecture.hrss@example.com"  # the demo's 地区人社局 officer
REASON = "经核查，申报人学位证书与学信网记录不一致，不予确认"


@pytest.fixture(scope="module")
def refused(frappe_site):
	require_server()
	frappe.set_user("Administrator")
	frappe.flags.zhicheng_now = None
	if not frappe.db.exists("User", PREFECTURE_OFFICER):
		pytest.fail(f"the demo user {PREFECTURE_OFFICER} is missing: load the demo (zhicheng_app.demo.load)")
	now = frappe.utils.now_datetime()
	notice = chain_notice("004", now=now, title="不予确认浏览器测试通知")
	unit = make_unit(unit_name=zh_unique("阿克苏地区不予确认测试站"))
	applicant = make_user("Title Applicant")
	frappe.db.set_value("User", applicant, {"language": "zh", "first_name": "古丽", "full_name": "古丽"})
	actors = {"units": {"prefecture": unit.name}, "applicant": applicant}
	doc = make_chain_application(
		actors, notice, "prefecture", "Grant by Degree", "Intermediate", applicant_name=zh_unique("不予确认")
	)
	# the earlier steps are tested in test_paper_stage_004.py: the paper has reached the bureau
	frappe.db.set_value(
		"Title Application", doc.name, "workflow_state", "Paper Submitted", update_modified=False
	)
	frappe.db.commit()
	yield {"name": doc.name, "applicant": applicant}

	def cleanup():
		frappe.db.rollback()
		frappe.set_user("Administrator")
		delete_applications([doc.name])
		frappe.delete_doc("User", applicant, ignore_permissions=True, force=True)
		frappe.delete_doc("Employer Unit", unit.name, ignore_permissions=True, force=True)
		frappe.delete_doc("Title Notice", notice.name, ignore_permissions=True, force=True)
		frappe.db.commit()

	retrying(cleanup)


def _shot(tab, name: str):
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	tab.screenshot(path=str(SCREENSHOTS / f"not_confirmed_{name}.png"), full_page=True)


def test_the_prefecture_bureau_refuses_the_confirmation_with_its_reason(page, refused, chromium):
	name = refused["name"]
	login(page, PREFECTURE_OFFICER, DEMO_PASSWORD)
	page.goto(f"/app/title-application/{name}")
	page.wait_for_function(
		"(name) => window.cur_frm && cur_frm.doc.name === name && !frappe.dom.freeze_count", arg=name
	)
	page.wait_for_load_state("networkidle")
	page.locator(".page-actions .actions-btn-group > button:visible").click()
	menu = page.locator(".actions-btn-group .dropdown-menu:visible")
	menu.get_by_text("审核确认", exact=True).wait_for()
	assert menu.get_by_text("不予确认", exact=True).count() == 1
	assert_no_english(page, ALLOWED_WORDS)
	_shot(page, "menu")
	menu.get_by_text("不予确认", exact=True).click()
	dialog = page.locator(".modal.show .modal-dialog")
	dialog.wait_for()
	page.wait_for_function("() => !frappe.dom.freeze_count")
	assert "不予确认理由" in dialog.inner_text() and "阿地人社传〔2024〕6号 四、（二）" in dialog.inner_text()
	assert_no_english(page, ALLOWED_WORDS)
	_shot(page, "dialog")
	dialog.locator("textarea[data-fieldname='reasons']").fill(REASON)
	dialog.locator(".btn-primary").click()
	page.wait_for_function("() => cur_frm.doc.workflow_state === 'Not Confirmed' && !frappe.dom.freeze_count")
	page.wait_for_load_state("networkidle")
	page.locator(".page-head .indicator-pill").filter(has_text="不予确认").first.wait_for()
	assert_no_english(page, ALLOWED_WORDS)
	_shot(page, "closed")
	frappe.db.rollback()  # read what the web server committed
	doc = frappe.get_doc("Title Application", name)
	assert state(name) == "Not Confirmed" and doc.closed_reason == REASON and doc.closed_at

	# the applicant reads the reason on their page of the portal
	applicant = chromium.new_context(
		base_url=BASE_URL,
		locale="zh-CN",
		timezone_id="Asia/Shanghai",
		viewport={"width": 1280, "height": 900},
	)
	try:
		tab = applicant.new_page()
		login(tab, refused["applicant"], PASSWORD)
		tab.goto(f"/my-applications/{name}")
		tab.get_by_text(REASON).first.wait_for()
		assert "不予确认" in tab.locator("body").inner_text()
		assert_no_english(tab, ALLOWED_WORDS)
		_shot(tab, "applicant")
	finally:
		applicant.close()
