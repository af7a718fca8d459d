"""The administrator's "Copy for next year" in the browser, in Chinese: Chromium logs a title
administrator into the desk of the running bench, opens a notice, clicks 复制为下一年度通知,
confirms, lands on the new notice and reads what still needs review there.

The module makes its own administrator and notice, commits them for the web server and deletes
them, and the copies made from the notice, afterwards. Screenshots of the steps are kept under
``tests/integration/screenshots/`` (git-ignored).
"""

import frappe
import pytest

from tests.integration.browser import ALLOWED_WORDS, SCREENSHOTS, assert_no_english, login
from tests.integration.factories import make_notice, make_user
from tests.integration.unit_portal_support import PASSWORD, zh_unique

DOC_NO = "测人社发〔2024〕7号"


@pytest.fixture(scope="module")
def copy_source(frappe_site):
	"""A title administrator with a Chinese name and a notice of 2024 made by them."""
	email = make_user("Title Administrator")
	name = "复制测试管理员"
	frappe.db.set_value("User", email, {"language": "zh", "first_name": name, "full_name": name})
	frappe.set_user(email)
	notice = make_notice(
		code=zh_unique("复制测试"),
		title="关于开展2024年度测试系列职称评审工作的通知",
		issuer="测试地区人力资源和社会保障局",
		doc_no=DOC_NO,
		parent_doc_no="测人社传〔2024〕1号",
		issue_date="2024-07-15",
		windows=[
			{"kind": "Application", "start": "2024-07-22 00:00:00", "end": "2024-08-30 18:00:00"},
			{"kind": "Fee Payment", "start": "2024-09-11 00:00:00", "end": "2024-10-01 23:59:59"},
		],
		contacts=[{"contact_name": "张三", "phone": "0997—2514195", "role": "联系人"}],
	)
	frappe.set_user("Administrator")
	frappe.db.commit()
	try:
		yield {"user": email, "notice": notice.name, "code": notice.code}
	finally:
		frappe.db.rollback()
		_removed(lambda: _remove_notices(notice.name))
		_removed(lambda: frappe.delete_doc("User", email, force=True, ignore_permissions=True))


def _remove_notices(source: str):
	for copy in frappe.get_all("Title Notice", filters={"copied_from": source}, pluck="name"):
		frappe.delete_doc("Title Notice", copy, force=True, ignore_permissions=True)
	frappe.delete_doc("Title Notice", source, force=True, ignore_permissions=True)


def _removed(remove, attempts: int = 3):
	"""Run ``remove`` and commit; other tests share the site, so a deadlock is retried."""
	for attempt in range(attempts):
		try:
			remove()
			frappe.db.commit()
			return
		except (frappe.QueryDeadlockError, frappe.QueryTimeoutError):
			frappe.db.rollback()
			if attempt == attempts - 1:
				raise


def _shot(tab, name: str):
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	tab.screenshot(path=str(SCREENSHOTS / f"notice_copy_{name}.png"), full_page=True)


def _settled(tab):
	tab.wait_for_load_state("networkidle")
	tab.wait_for_function("() => !window.frappe || !frappe.dom || !frappe.dom.freeze_count")


def _on_form(tab, name: str):
	tab.wait_for_function(
		"(name) => window.cur_frm && cur_frm.doctype === 'Title Notice' && cur_frm.doc.name === name",
		arg=name,
	)
	_settled(tab)


def test_the_administrator_copies_a_notice_for_next_year_and_reads_what_to_review(page, copy_source):
	tab, source = page, copy_source["notice"]
	login(tab, copy_source["user"], PASSWORD)
	tab.goto(f"/app/title-notice/{source}")
	_on_form(tab, source)
	# the form in tabs, all Chinese
	tabs = [t.strip() for t in tab.locator(".form-tabs .nav-link").all_inner_texts()]
	assert tabs == ["基本信息", "时间安排", "申报条件", "材料与费用", "评审与答辩", "审批流程", "依据与备注"]
	button = tab.get_by_role("button", name="复制为下一年度通知")
	button.wait_for()
	assert_no_english(tab, ALLOWED_WORDS)
	_shot(tab, "source")

	button.click()
	confirm = tab.locator(".modal.show").filter(has_text="复制为下一年度通知？")
	confirm.wait_for()
	assert "所有日期顺延一年" in confirm.inner_text()
	assert_no_english(tab, ALLOWED_WORDS)
	confirm.get_by_role("button", name="是").click()

	# the new notice, with the review list in a dialog and at the top of its form
	copy = f"{copy_source['code']}-2025"
	_on_form(tab, copy)
	dialog = tab.locator(".modal.show").filter(has_text="已复制为下一年度通知，请核对以下事项")
	dialog.wait_for()
	items = dialog.locator(".zc-copy-review-list li")
	listed_items = items.count()
	assert listed_items >= 4
	listed = dialog.inner_text()
	assert "截止：2025年8月30日 18:00为非工作日（星期六）" in listed
	assert f"已清空（原为{DOC_NO}）" in listed
	assert "联系人：沿用了上一年度的1行" in listed
	assert_no_english(tab, ALLOWED_WORDS)
	_shot(tab, "copied_dialog")
	dialog.locator(".btn-modal-close").first.click()
	dialog.wait_for(state="hidden")

	headline = tab.locator(".form-message .zc-copy-review")
	headline.wait_for()
	assert f"本通知复制自{DOC_NO}" in headline.inner_text()
	frappe.db.rollback()  # read what the server committed
	stored = frappe.db.get_value(
		"Title Notice", copy, ["copied_from", "copy_review", "title", "doc_no"], as_dict=True
	)
	assert stored.copied_from == source and not stored.doc_no
	assert stored.title == "关于开展2025年度测试系列职称评审工作的通知"
	assert headline.locator("li").count() == len(stored.copy_review.splitlines()) == listed_items
	assert tab.locator(".page-title .title-text").first.inner_text().startswith("关于开展2025年度")
	assert_no_english(tab, ALLOWED_WORDS)
	_shot(tab, "copy")
