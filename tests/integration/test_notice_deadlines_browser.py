"""An administrator edits which states a notice's deadline closes, in the desk and in Chinese:
the windows table shows the states by their zh labels, the window's 选择状态 button offers the
approval workflow's states as zh check boxes, and what is chosen is stored as the workflow's state
names. The module makes its own notice and user, commits them for the web server and deletes them
afterwards; a screenshot of the form and of the dialog is kept under tests/integration/screenshots/.
"""

import frappe
import pytest

from tests.integration.browser import SCREENSHOTS, VISIBLE_TEXT_JS, english_words, login
from tests.integration.factories import make_user
from tests.integration.rest import require_server
from tests.integration.workflow_support import chain_notice
from zhicheng_app.rules.deadlines import parse_states

PASSWORD = "Integration-Test-2024!"
# the browser module's visible text, of one element of the page
VISIBLE_TEXT_OF = (
	VISIBLE_TEXT_JS.replace("() => {", "(root) => {", 1)
	.replace("document.body", "root")
	.replace("document.querySelectorAll", "root.querySelectorAll")
)


def english_in(locator) -> list[str]:
	return english_words(locator.evaluate(VISIBLE_TEXT_OF))


@pytest.fixture(scope="module")
def world(frappe_site):
	require_server()
	frappe.set_user("Administrator")
	admin = make_user("Title Administrator")
	frappe.db.set_value("User", admin, {"language": "zh", "first_name": "期限管理员"})
	notice = chain_notice("004")
	frappe.db.commit()
	yield {"admin": admin, "notice": notice.name}
	frappe.set_user("Administrator")
	frappe.db.rollback()
	frappe.delete_doc("Title Notice", notice.name, ignore_permissions=True, force=True)
	frappe.delete_doc("User", admin, ignore_permissions=True, force=True)
	frappe.db.commit()


def _application_row(page):
	grid = page.locator(".frappe-control[data-fieldname=windows]")
	return grid.locator(".grid-row[data-idx='1']")


def test_the_states_a_deadline_closes_are_chosen_by_their_zh_labels(page, world):
	login(page, world["admin"], PASSWORD)
	page.goto(f"/app/title-notice/{world['notice']}")
	page.wait_for_function(f"() => window.cur_frm && cur_frm.doc.name === '{world['notice']}'")
	page.wait_for_load_state("networkidle")
	# the windows table sits on one of the form's tabs when the form has tabs
	tab = page.evaluate("() => cur_frm.fields_dict.windows.tab?.df.fieldname || ''")
	if tab:
		page.locator(f".form-tabs .nav-link[data-fieldname={tab}]").click()
	windows = page.locator(".frappe-control[data-fieldname=windows]")
	windows.wait_for()
	windows.scroll_into_view_if_needed()
	cell = _application_row(page).locator(".grid-static-col[data-fieldname=closes_states]")
	assert cell.inner_text().strip() == "填报中、用人单位审核公示"
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	page.screenshot(path=str(SCREENSHOTS / "notice_deadline_states_grid.png"), full_page=True)
	# the windows table is in Chinese: its kinds, headings and the states
	assert not english_in(windows)

	_application_row(page).locator(".btn-open-row").click()
	page.locator(".grid-row-open button:has-text('选择状态')").click()
	dialog = page.locator(".modal.show")
	dialog.locator(".checkbox-options").wait_for()
	labels = dialog.locator(".checkbox-options .label-area").all_inner_texts()
	# the workflow's states in its order, those that have ended an application left out
	assert labels[:3] == ["填报中", "用人单位审核公示", "主管单位审核"]
	assert "县（市）人社局审核推荐" in labels and "视为放弃" not in labels and "不予受理" not in labels
	assert dialog.locator("input[data-unit='Draft']").is_checked()
	assert not dialog.locator("input[data-unit='County Review']").is_checked()
	page.screenshot(path=str(SCREENSHOTS / "notice_deadline_states_dialog.png"))
	assert not english_in(dialog)
	form = page.locator(".grid-row-open")
	assert not english_in(form)

	dialog.locator("input[data-unit='Unit Review']").uncheck()
	dialog.locator(".btn-primary:has-text('选择状态')").click()
	assert cell.inner_text().strip() == "填报中"
	page.keyboard.press("Control+s")
	page.wait_for_function("() => window.cur_frm && !cur_frm.is_dirty()")
	page.wait_for_load_state("networkidle")

	frappe.db.rollback()  # read what the server committed
	stored = frappe.get_all(
		"Notice Window",
		filters={"parent": world["notice"], "kind": "Application"},
		pluck="closes_states",
	)
	assert [parse_states(s) for s in stored] == [("Draft",)]
