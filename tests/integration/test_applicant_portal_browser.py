"""The applicant's part in the browser, in Chinese (issue 13): Chromium drives the portal pages and
the web form of the running bench as a Title Applicant would.

The module makes its own notice (the seed 000's routes and chain, an application window around
now, a checklist with the applicant's 个人承诺书 and the unit's 单位公示, 公示结果, 推荐报告), unit,
users and applications, commits them for the web server and deletes them afterwards.
"""

import random
import re
import zipfile

import frappe
import pytest

from tests.integration.browser import assert_no_english, login
from tests.integration.factories import make_unit, make_user, resident_id
from tests.integration.rest import require_server
from tests.integration.workflow_support import act, chain_notice, edit, state
from zhicheng_app.rules.model import seed_notice_dict

PASSWORD = "Integration-Test-2024!"
APPLICANT_NAME = "李娜"
# the checklist: one material from the applicant, three the unit makes after the submission
MATERIALS = ("commitment", "unit_publicity", "publicity_result", "recommendation_report")
COMMITMENT = "个人承诺书（本人签字并按手印）"
RETURN_REASONS = "1. 个人总结字数不足；\n2. 继续教育证书扫描件不清晰。"


def _file(name: str) -> str:
	doc = frappe.get_doc(
		{"doctype": "File", "file_name": name, "content": b"%PDF-1.4\n% test\n", "is_private": 1}
	).insert(ignore_permissions=True)
	return doc.file_url


def _application(world: dict, **values):
	"""An application of the module's applicant that the precheck lets through."""
	frappe.set_user(world["applicant"])
	try:
		doc = frappe.get_doc(
			{
				"doctype": "Title Application",
				"notice": world["notice"],
				"route": "Directed Evaluation",
				"series": "工程系列",
				"profession": "建筑",
				"target_level": "Intermediate",
				"applicant_name": APPLICANT_NAME,
				"id_number": resident_id(),
				"employer_unit": world["unit"],
				"political_status": "Masses",
				"ethnicity": "汉族",
				"attachments": [
					{"material_code": "commitment", "file": _file("承诺书.pdf"), "description": "承诺书"}
				],
				**values,
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	return doc.name


def _to_committee(world: dict, name: str):
	act(world["applicant"], name, "Submit")
	edit(world["hr"], name, publicity_start="2024-07-15", publicity_end="2024-07-19")
	act(world["hr"], name, "Recommend")
	assert state(name) == "Committee Review"


def _cleanup(world: dict):
	frappe.set_user("Administrator")
	names = frappe.get_all("Title Application", filters={"notice": world["notice"]}, pluck="name")
	generated = frappe.get_all(
		"Generated Document",
		filters={"reference_doctype": "Title Application", "reference_name": ("in", names or [""])},
		pluck="name",
	)
	# the attachments' files, uploaded before the application was saved or made for it here
	uploaded = frappe.get_all(
		"Application Attachment", filters={"parent": ("in", names or [""])}, pluck="file"
	)
	for file in frappe.get_all("File", filters={"file_url": ("in", uploaded or [""])}, pluck="name"):
		frappe.delete_doc("File", file, ignore_permissions=True, force=True)
	for doctype, records in (("Title Application", names), ("Generated Document", generated)):
		for file in frappe.get_all(
			"File",
			filters={"attached_to_doctype": doctype, "attached_to_name": ("in", records or [""])},
			pluck="name",
		):
			frappe.delete_doc("File", file, ignore_permissions=True, force=True)
	for record in generated:
		frappe.delete_doc("Generated Document", record, ignore_permissions=True, force=True)
	for record in names:
		frappe.delete_doc("Title Application", record, ignore_permissions=True, force=True)
	for email in (world["applicant"], world["hr"], world["committee"]):
		frappe.db.delete("User Permission", {"user": email})
		frappe.delete_doc("User", email, ignore_permissions=True, force=True)
	frappe.delete_doc("Employer Unit", world["unit"], ignore_permissions=True, force=True)
	frappe.delete_doc("Title Notice", world["notice"], ignore_permissions=True, force=True)
	frappe.db.commit()


@pytest.fixture(scope="module")
def world(frappe_site):
	require_server()
	frappe.set_user("Administrator")
	materials = [m for m in seed_notice_dict("000")["materials"] if m["code"] in MATERIALS]
	notice = chain_notice(
		"000", now=frappe.utils.now_datetime(), title="浏览器测试职称评审通知", materials=materials
	)
	unit = make_unit(unit_name=f"阿克苏浏览器测试设计院{random.randint(100000, 999999)}")
	world = {"notice": notice.name, "notice_title": notice.title, "unit": unit.name}
	world["applicant"] = make_user("Title Applicant", password=PASSWORD)
	frappe.db.set_value(
		"User", world["applicant"], {"first_name": APPLICANT_NAME, "full_name": APPLICANT_NAME}
	)
	world["hr"] = make_user("Unit HR", ("Employer Unit", unit.name))
	world["committee"] = make_user("Committee Office")
	try:
		world["draft"] = _application(world)
		world["returned"] = _application(world)
		_to_committee(world, world["returned"])
		edit(world["committee"], world["returned"], return_reasons=RETURN_REASONS)
		act(world["committee"], world["returned"], "Return for Revision")
		world["accepted"] = _application(world)
		_to_committee(world, world["accepted"])
		act(world["committee"], world["accepted"], "Accept")
		frappe.db.commit()
	except Exception:
		frappe.db.rollback()
		_cleanup(world)
		raise
	yield world
	_cleanup(world)


def _open(page, path: str):
	page.goto(path)
	page.wait_for_load_state("networkidle")


def _log_in(page, world):
	login(page, world["applicant"], PASSWORD)


# ----------------------------------------------------------------- entry and list
def test_the_applicant_lands_on_the_list_of_their_applications(page, world):
	_log_in(page, world)
	assert page.url.endswith("/my-applications")
	rows = page.locator("[data-testid=applications] tbody tr")
	numbers = {rows.nth(i).get_attribute("data-application") for i in range(rows.count())}
	assert numbers == {world["draft"], world["returned"], world["accepted"]}
	returned = page.locator(f"tr[data-application='{world['returned']}']")
	assert "退回修改" in returned.inner_text()
	assert world["notice_title"] in returned.inner_text()
	assert "重新提交截止" in returned.inner_text() and "剩余" in returned.inner_text()
	assert "填报中" in page.locator(f"tr[data-application='{world['draft']}']").inner_text()
	assert "已接收材料" in page.locator(f"tr[data-application='{world['accepted']}']").inner_text()
	assert_no_english(page)
	# the portal home links to the applications too
	_open(page, "/me")
	page.get_by_role("link", name="我的职称申报").first.click()
	page.wait_for_url("**/my-applications")


# ----------------------------------------------------------------- fill in, precheck, fix, submit
def _choose(page, fieldname: str, text: str):
	"""Type into a web form link field and pick the suggestion."""
	field = page.locator(f".web-form input[data-fieldname='{fieldname}']")
	field.click()
	field.fill(text)
	suggestions = page.locator(f".frappe-control[data-fieldname='{fieldname}'] .awesomplete li")
	suggestions.filter(has=page.get_by_text(text, exact=True)).first.click()


def _select(page, fieldname: str, label: str):
	page.locator(f".web-form select[data-fieldname='{fieldname}']").select_option(label=label)


def _finding(page, fieldname: str):
	return page.locator(f".frappe-control[data-fieldname='{fieldname}'] .zc-finding")


def test_fill_in_precheck_fix_a_finding_and_submit(page, world, tmp_path):
	_log_in(page, world)
	page.locator(f"a[href='/title-application/new?notice={world['notice']}']").click()
	page.wait_for_load_state("networkidle")
	assert_no_english(page)
	_select(page, "route", "定向评价")
	_choose(page, "series", "工程系列")
	_choose(page, "profession", "建筑")
	_select(page, "target_level", "中级")
	page.fill(".web-form input[data-fieldname='applicant_name']", APPLICANT_NAME)
	id_number = resident_id()
	page.fill(".web-form input[data-fieldname='id_number']", id_number)
	_select(page, "political_status", "群众")
	_choose(page, "employer_unit", world["unit"])
	page.get_by_role("button", name="保存草稿").click()
	page.wait_for_url("**/edit?saved=1")
	assert "已保存为草稿，尚未提交" in page.inner_text("body")
	name = page.url.split("/title-application/")[1].split("/")[0]
	assert frappe.db.get_value("Title Application", name, "workflow_state") == "Draft"

	page.get_by_role("button", name="预审").click()
	ethnicity = _finding(page, "ethnicity")
	ethnicity.wait_for()
	assert "民族" in ethnicity.inner_text() and "阻止提交" in ethnicity.inner_text()
	attachments = _finding(page, "attachments").all_inner_texts()
	assert any(COMMITMENT in text for text in attachments)
	# the unit's own documents come after the submission: never asked of the applicant
	assert not any(word in " ".join(attachments) for word in ("单位公示", "公示结果", "推荐报告"))
	assert "阻止提交" in page.locator(".zc-precheck-summary").inner_text()
	assert_no_english(page)

	# fix: the ethnicity, and the 承诺书 chosen from the checklist
	page.fill(".web-form input[data-fieldname='ethnicity']", "汉族")
	_upload_attachment(page, COMMITMENT, tmp_path / "承诺书.pdf")
	page.get_by_role("button", name="保存草稿").click()
	page.wait_for_url("**/edit?saved=1")
	page.get_by_role("button", name="预审").click()
	page.locator(".zc-precheck-summary").get_by_text("预审未发现阻止提交的问题").wait_for()
	assert _finding(page, "ethnicity").count() == 0

	page.get_by_role("button", name="提交申报").click()
	page.wait_for_url(f"**/my-applications/{name}?submitted=1")
	assert page.locator("[data-testid=state]").inner_text() == "用人单位审核公示"
	assert_no_english(page)
	frappe.db.rollback()  # read what the web server committed
	doc = frappe.get_doc("Title Application", name)
	assert doc.workflow_state == "Unit Review" and doc.ethnicity == "汉族" and doc.id_number == id_number
	assert [(row.material_code, bool(row.file)) for row in doc.attachments] == [("commitment", True)]


def _upload_attachment(page, material: str, path):
	path.write_bytes(b"%PDF-1.4\n% signed commitment\n")
	grid = page.locator(".frappe-control[data-fieldname='attachments']")
	grid.locator(".grid-add-row").click()
	row = grid.locator(".grid-body .grid-row").last
	row.locator(".grid-static-col[data-fieldname='material_code']").click()
	row.locator("select[data-fieldname='material_code']").select_option(label=material)
	row.locator(".grid-static-col[data-fieldname='file']").click()
	with page.expect_file_chooser() as chooser:
		row.locator("[data-fieldname='file'] button").first.click()
		page.locator(".modal:visible").get_by_text("本机").click()
	chooser.value.set_files(str(path))
	page.locator(".modal:visible").get_by_role("button", name="上传").click()
	page.locator(".modal:visible").wait_for(state="detached")


# ----------------------------------------------------------------- status, return, documents
def test_a_returned_application_shows_its_reasons_deadline_and_timeline(page, world):
	_log_in(page, world)
	_open(page, f"/my-applications/{world['returned']}")
	assert page.locator("[data-testid=state]").inner_text() == "退回修改"
	returned = page.locator("[data-testid=returned]").inner_text()
	assert "个人总结字数不足" in returned and "继续教育证书扫描件不清晰" in returned
	assert "北京时间" in returned
	deadlines = page.locator("[data-testid=deadlines]").inner_text()
	assert "重新提交截止" in deadlines and re.search(r"剩余 [12] 天", deadlines)
	timeline = page.locator("[data-testid=timeline]").inner_text()
	for event in ("创建申报", "用人单位审核公示", "评审委员会审核", "退回修改", "个人总结字数不足"):
		assert event in timeline
	assert page.get_by_role("link", name="修改申报").count() == 1
	assert page.get_by_role("button", name="重新提交").count() == 1
	assert_no_english(page)


def test_the_applicant_downloads_their_commitment_letter(page, world):
	_log_in(page, world)
	_open(page, f"/my-applications/{world['draft']}")
	documents = page.locator("[data-testid=documents]")
	assert documents.locator("li[data-kind=commitment]").count() == 1
	# the 评审表 is generated only once the committee has accepted the application
	assert documents.locator("li[data-kind=qualification_review_form]").count() == 0
	with page.expect_download() as download:
		documents.locator("li[data-kind=commitment] button[data-format=docx]").click()
	assert download.value.suggested_filename.endswith(".docx")
	with zipfile.ZipFile(download.value.path()) as docx:
		body = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))
	assert "个人承诺书" in body and world["draft"] in body

	_open(page, f"/my-applications/{world['accepted']}")
	assert page.locator("[data-testid=documents] li[data-kind=qualification_review_form]").count() == 1


# ----------------------------------------------------------------- Chinese throughout
def test_every_page_of_the_applicant_is_in_chinese(page, world):
	_log_in(page, world)
	paths = [
		"/my-applications",
		"/me",
		f"/title-application/new?notice={world['notice']}",
		f"/my-applications/{world['draft']}",
		f"/my-applications/{world['returned']}",
		f"/my-applications/{world['accepted']}",
	]
	for path in paths:
		_open(page, path)
		page.evaluate("document.querySelectorAll('details').forEach((section) => (section.open = true))")
		assert_no_english(page)
	# an application the applicant may no longer change opens read-only
	_open(page, f"/title-application/{world['accepted']}/edit")
	assert page.url.endswith(f"/my-applications/{world['accepted']}")
	_open(page, f"/title-application/{world['returned']}/edit")
	assert "个人总结字数不足" in page.locator(".zc-returned").inner_text()
	page.get_by_role("button", name="预审").click()
	page.locator(".zc-precheck-summary > div").wait_for()
	assert_no_english(page)
	# a row of a child table opened for editing, with all its columns
	grid = page.locator(".frappe-control[data-fieldname='education']")
	grid.locator(".grid-add-row").click()
	grid.locator(".grid-body .grid-row").last.locator(".btn-open-row").click()
	page.locator(".grid-row-open").wait_for()
	assert_no_english(page)
