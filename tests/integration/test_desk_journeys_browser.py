"""The bureaus' and the committee's part in the browser, in Chinese (issue 13): Chromium drives the
desk and the portal of the running bench as the demo's county officer, the committee office, the
applicant and a registering unit would.

- The 温宿县 county officer finds a 004 application waiting in 县（市）人社局审核推荐 in the Title
  Application list, opens it and recommends it through the workflow action.
- The committee office returns an application with its reasons (the dialog the form asks them
  in), and the applicant resubmits it from the portal.
- A unit registers itself on /unit-register with its 营业执照, the 温宿县 bureau approves the
  registration in the desk, and the unit's HR logs in and lands on the unit's applications.

Every page, list, form and dialog shown is checked for English. The module makes its own notices,
units, users and applications, commits them for the web server and deletes them afterwards. A
screenshot of each desk page is kept under ``tests/integration/screenshots/`` (git-ignored).
"""

import io
import random
import time

import frappe
import pytest

from tests.integration.browser import ALLOWED_WORDS, SCREENSHOTS, assert_no_english, login
from tests.integration.factories import credit_code, make_unit, make_user
from tests.integration.rest import BASE_URL, require_server
from tests.integration.unit_portal_support import PASSWORD, zh_unique
from tests.integration.workflow_support import (
	act,
	chain_notice,
	make_chain_application,
	publicise,
	state,
)
from zhicheng_app.demo import DEMO_PASSWORD

COUNTY_OFFICER = "zc.county.hrss@example.com"  # the demo's 温宿县人社局 officer
COMMITTEE_OFFICE = "zc.committee@example.com"  # the demo's 评审委员会办公室
RETURN_REASONS = "1. 学历证书扫描件不清晰；\n2. 继续教育学时证明缺2023年度。"
# besides the codes, the pages may show file formats and the unit of a file size in Latin letters
ALLOWED = ALLOWED_WORDS | {"JPG", "PNG", "MB"}


def _user(role: str, full_name: str, units: list[str]) -> str:
	email = make_user(role)
	frappe.db.set_value("User", email, {"language": "zh", "first_name": full_name, "full_name": full_name})
	for unit in units:
		frappe.get_doc(
			{"doctype": "User Permission", "user": email, "allow": "Employer Unit", "for_value": unit}
		).insert(ignore_permissions=True)
	return email


def _at_unit(actors: dict, notice, unit: str, route: str, level: str, name: str) -> str:
	doc = make_chain_application(actors, notice, unit, route, level, applicant_name=name)
	act(actors["applicant"], doc.name, "Submit")
	publicise(actors, doc.name)
	act(actors["hr"], doc.name, "Recommend")
	return doc.name


def _remove(world: dict):
	frappe.set_user("Administrator")
	frappe.db.rollback()
	units = list(world["units"].values())
	names = frappe.get_all("Title Application", filters={"employer_unit": ("in", units)}, pluck="name")
	records = [*names, *units] or [""]
	for doctype, field in (
		("Comment", "reference_name"),
		("Version", "docname"),
		("Workflow Action", "reference_name"),
	):
		frappe.db.delete(doctype, {field: ("in", records)})
	generated = frappe.get_all(
		"Generated Document", filters={"reference_name": ("in", records)}, pluck="name"
	)
	for name in frappe.get_all(
		"File", filters={"attached_to_name": ("in", [*records, *generated])}, pluck="name"
	):
		frappe.delete_doc("File", name, ignore_permissions=True, force=True)
	frappe.db.delete("Generated Document", {"name": ("in", generated or [""])})
	# rows deleted directly: Frappe's delete would wait for the naming series' row, which tests
	# running at the same time hold locked while they insert applications
	for table in frappe.get_meta("Title Application").get_table_fields():
		frappe.db.delete(table.options, {"parenttype": "Title Application", "parent": ("in", names or [""])})
	frappe.db.delete("Title Application", {"name": ("in", names or [""])})
	for email in (world["applicant"], world["hr"]):
		frappe.db.delete("User Permission", {"user": email})
		frappe.delete_doc("User", email, ignore_permissions=True, force=True)
	for unit in units:
		frappe.delete_doc("Employer Unit", unit, ignore_permissions=True, force=True)
	for notice in world["notices"]:
		frappe.delete_doc("Title Notice", notice, ignore_permissions=True, force=True)
	frappe.db.commit()


@pytest.fixture(scope="module")
def world(frappe_site):
	"""A 004-like and a 000-like notice open now; a 温宿县 unit and a 地直 unit with one HR; an
	applicant; a Grant by Degree application at the county's review, a Directed Evaluation one at
	the committee's."""
	require_server()
	frappe.set_user("Administrator")
	frappe.flags.zhicheng_now = None
	for email in (COUNTY_OFFICER, COMMITTEE_OFFICE):
		if not frappe.db.exists("User", email):
			pytest.fail(f"the demo user {email} is missing: load the demo (zhicheng_app.demo.load)")
	now = frappe.utils.now_datetime()
	units = {
		"county": make_unit(unit_name=zh_unique("温宿浏览器测试局"), location="County", region="温宿县").name,
		"prefecture": make_unit(unit_name=zh_unique("阿克苏浏览器测试院")).name,
	}
	world = {"units": units, "notices": []}
	world["applicant"] = _user("Title Applicant", "王芳", [])
	world["hr"] = _user("Unit HR", "浏览器测试经办人", list(units.values()))
	try:
		grant = chain_notice("004", now=now, title="县级审核浏览器测试通知")
		evaluation = chain_notice("000", now=now, title="委员会退回浏览器测试通知")
		world["notices"] = [grant.name, evaluation.name]
		world["county_app"] = _at_unit(
			world, grant, "county", "Grant by Degree", "Intermediate", zh_unique("授予")
		)
		assert state(world["county_app"]) == "County Review"
		world["committee_app"] = _at_unit(
			world, evaluation, "prefecture", "Directed Evaluation", "Intermediate", zh_unique("评审")
		)
		assert state(world["committee_app"]) == "Committee Review"
		frappe.db.commit()
	except BaseException:
		_remove_retrying(world)
		raise
	yield world
	_remove_retrying(world)


def _remove_retrying(world: dict):
	"""``_remove``, once more after a lock wait timeout (tests running at the same time)."""
	try:
		_remove(world)
	except frappe.QueryTimeoutError:
		frappe.db.rollback()
		time.sleep(5)
		_remove(world)


# ----------------------------------------------------------------- the desk
def _shot(tab, name: str):
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	tab.screenshot(path=str(SCREENSHOTS / f"desk_{name}.png"), full_page=True)


def _settled(tab):
	"""Wait until the desk has no request in flight and no freeze."""
	tab.wait_for_load_state("networkidle")
	tab.wait_for_function("() => !window.frappe || !frappe.dom || !frappe.dom.freeze_count")


def _open_list(tab, doctype_route: str):
	tab.goto(f"/app/{doctype_route}")
	tab.locator(".frappe-list .result").first.wait_for()
	tab.locator(".list-row-container").first.wait_for()
	_settled(tab)


def _list_row(tab, name: str):
	return tab.locator(".list-row-container").filter(has=tab.locator(f"a[data-name='{name}']"))


def _open_from_list(tab, doctype: str, name: str):
	_list_row(tab, name).locator(f"a[data-name='{name}']").first.click()
	tab.wait_for_function(
		"([doctype, name]) => window.cur_frm && cur_frm.doctype === doctype && cur_frm.doc.name === name",
		arg=[doctype, name],
	)
	_settled(tab)


def _indicator(tab) -> str:
	return tab.locator(".page-head .indicator-pill:visible").first.inner_text().strip()


def _workflow_action(tab, label: str):
	tab.locator(".page-actions .actions-btn-group > button:visible").click()
	tab.locator(".actions-btn-group .dropdown-menu:visible").get_by_text(label, exact=True).click()


def _state(name: str) -> str:
	frappe.db.rollback()  # read what the web server committed
	return state(name)


def test_the_county_officer_recommends_a_004_application_in_the_desk(page, world):
	name = world["county_app"]
	login(page, COUNTY_OFFICER, DEMO_PASSWORD)
	assert "/app" in page.url
	_open_list(page, "title-application")
	row = _list_row(page, name)
	row.wait_for()
	assert frappe._("County Review") in row.locator(".indicator-pill").first.inner_text()
	assert_no_english(page, ALLOWED)
	_shot(page, "county_list")

	_open_from_list(page, "Title Application", name)
	assert _indicator(page) == frappe._("County Review") == "县（市）人社局审核推荐"
	assert_no_english(page, ALLOWED)
	_shot(page, "county_form")
	page.locator(".page-actions .actions-btn-group > button:visible").click()
	menu = page.locator(".actions-btn-group .dropdown-menu:visible")
	menu.get_by_text("审核推荐", exact=True).wait_for()
	assert_no_english(page, ALLOWED)
	menu.get_by_text("审核推荐", exact=True).click()
	page.wait_for_function(
		"() => cur_frm.doc.workflow_state === 'Prefecture Confirmation' && !frappe.dom.freeze_count"
	)
	_settled(page)
	page.locator(".page-head .indicator-pill").filter(
		has_text=frappe._("Prefecture Confirmation")
	).first.wait_for()
	assert (
		page.locator("[data-fieldname='workflow_state'] .control-value").inner_text() == "地区人社局审核确认"
	)
	assert _state(name) == "Prefecture Confirmation"
	assert_no_english(page, ALLOWED)
	_shot(page, "county_recommended")


def test_the_committee_returns_with_reasons_and_the_applicant_resubmits(page, world, chromium):
	name = world["committee_app"]
	login(page, COMMITTEE_OFFICE, DEMO_PASSWORD)
	page.goto(f"/app/title-application?workflow_state={frappe.utils.quote('Committee Review')}")
	page.locator(".list-row-container").first.wait_for()
	_settled(page)
	assert "评审委员会审核" in _list_row(page, name).locator(".indicator-pill").first.inner_text()
	assert_no_english(page, ALLOWED)
	_shot(page, "committee_list")
	_open_from_list(page, "Title Application", name)
	assert _indicator(page) == "评审委员会审核"
	assert_no_english(page, ALLOWED)
	_shot(page, "committee_form")

	_workflow_action(page, "退回修改")
	dialog = page.locator(".modal.show .modal-dialog")
	dialog.wait_for()
	# Frappe's freeze is lifted while the dialog asks: it can be typed into
	page.wait_for_function("() => !frappe.dom.freeze_count")
	assert "退回修改" in dialog.locator(".modal-title").inner_text()
	assert "退回原因" in dialog.inner_text()
	assert_no_english(page, ALLOWED)
	_shot(page, "committee_return_dialog")
	dialog.locator("textarea[data-fieldname='reasons']").fill(RETURN_REASONS)
	dialog.locator(".btn-primary").click()
	page.wait_for_function("() => cur_frm.doc.workflow_state === 'Returned' && !frappe.dom.freeze_count")
	_settled(page)
	page.locator(".page-head .indicator-pill").filter(has_text="退回修改").first.wait_for()
	assert _state(name) == "Returned"
	doc = frappe.get_doc("Title Application", name)
	assert doc.return_count == 1 and doc.returns[-1].reasons == RETURN_REASONS
	assert doc.returns[-1].returned_by == COMMITTEE_OFFICE and doc.resubmit_deadline
	assert_no_english(page, ALLOWED)
	_shot(page, "committee_returned")

	# the applicant, in a browser of their own, sees the reasons and the deadline and resubmits
	applicant = chromium.new_context(
		base_url=BASE_URL,
		locale="zh-CN",
		timezone_id="Asia/Shanghai",
		viewport={"width": 1280, "height": 900},
	)
	tab = applicant.new_page()
	try:
		login(tab, world["applicant"], PASSWORD)
		assert tab.url.endswith("/my-applications")
		listed = tab.locator(f"tr[data-application='{name}']")
		assert "退回修改" in listed.inner_text() and "重新提交截止" in listed.inner_text()
		assert_no_english(tab, ALLOWED)
		listed.get_by_role("link", name=name).click()
		tab.wait_for_url(f"**/my-applications/{name}")
		tab.wait_for_load_state("networkidle")
		returned = tab.locator("[data-testid=returned]").inner_text()
		assert "学历证书扫描件不清晰" in returned and "继续教育学时证明缺2023年度" in returned
		assert "北京时间" in returned
		assert "重新提交截止" in tab.locator("[data-testid=deadlines]").inner_text()
		assert_no_english(tab, ALLOWED)
		tab.get_by_role("button", name="重新提交").click()
		tab.wait_for_url(f"**/my-applications/{name}?submitted=1")
		tab.wait_for_load_state("networkidle")
		assert tab.locator("[data-testid=state]").inner_text() == "评审委员会审核"
		assert_no_english(tab, ALLOWED)
	except BaseException:
		SCREENSHOTS.mkdir(parents=True, exist_ok=True)
		tab.screenshot(path=str(SCREENSHOTS / "desk_applicant_resubmit_failed.png"), full_page=True)
		raise
	finally:
		applicant.close()
	assert _state(name) == "Committee Review"
	doc = frappe.get_doc("Title Application", name)
	assert doc.submission_count == 2 and doc.returns[-1].resubmitted_at


# ----------------------------------------------------------------- a unit's registration
def _licence_jpeg() -> bytes:
	from PIL import Image, ImageDraw

	image = Image.new("RGB", (320, 200), "white")
	ImageDraw.Draw(image).rectangle((10, 10, 310, 190), outline="red", width=4)
	buffer = io.BytesIO()
	image.save(buffer, "JPEG", quality=80)
	return buffer.getvalue()


@pytest.fixture
def registration(frappe_site):
	"""What the registration makes, removed afterwards (found by the unit's name)."""
	made = {
		"unit_name": zh_unique("温宿浏览器注册公司"),
		"email": f"unit.browser.registration.{random.randrange(10**8)}@example.com",
	}
	frappe.cache.delete_keys("rl:zhicheng_app.api.unit_registration.register")  # the guest's rate limit
	yield made
	frappe.set_user("Administrator")
	frappe.db.rollback()
	for row in frappe.get_all(
		"Unit Registration", filters={"unit_name": made["unit_name"]}, fields=["name", "employer_unit"]
	):
		records = [row.name, *([row.employer_unit] if row.employer_unit else [])]
		for doctype, field in (("Comment", "reference_name"), ("Version", "docname")):
			frappe.db.delete(doctype, {field: ("in", records)})
		for file in frappe.get_all("File", filters={"attached_to_name": ("in", records)}, pluck="name"):
			frappe.delete_doc("File", file, ignore_permissions=True, force=True)
		frappe.delete_doc("Unit Registration", row.name, ignore_permissions=True, force=True)
		if row.employer_unit:
			frappe.delete_doc("Employer Unit", row.employer_unit, ignore_permissions=True, force=True)
	if frappe.db.exists("User", made["email"]):
		frappe.db.delete("User Permission", {"user": made["email"]})
		frappe.delete_doc("User", made["email"], ignore_permissions=True, force=True)
	frappe.db.commit()


def test_a_unit_registers_the_county_bureau_approves_and_its_hr_logs_in(page, registration, tmp_path):
	licence = tmp_path / "营业执照.jpg"
	licence.write_bytes(_licence_jpeg())
	code = credit_code()
	page.goto("/unit-register")
	page.wait_for_load_state("networkidle")
	assert_no_english(page, ALLOWED)
	page.fill("#zc-unit-name", registration["unit_name"])
	page.fill("#zc-credit-code", code)
	page.select_option("#zc-ownership", "Private Enterprise")
	page.select_option("#zc-location", "County")
	page.select_option("#zc-region", "温宿县")
	page.fill("#zc-address", "温宿县浏览器测试路8号")
	page.set_input_files("#zc-licence", str(licence))
	assert page.locator(".zc-file-name").inner_text() == "营业执照.jpg"
	page.fill("#zc-hr-contact", "注册测试人")
	page.fill("#zc-phone", "0997-4561234")
	page.fill("#zc-email", registration["email"])
	page.fill("#zc-password", PASSWORD)
	page.fill("#zc-password-again", PASSWORD)
	assert_no_english(page, ALLOWED)
	page.locator(".zc-register").click()
	message = page.locator(".zc-message.alert-success")
	message.wait_for()
	assert "已提交" in message.inner_text() or "审核" in message.inner_text()
	assert_no_english(page, ALLOWED)
	frappe.db.rollback()
	name = frappe.db.get_value("Unit Registration", {"unit_name": registration["unit_name"]}, "name")
	assert name, "the registration was not stored"
	stored = frappe.get_doc("Unit Registration", name)
	assert stored.status == "Awaiting Review" and stored.credit_code == code and stored.business_licence
	assert stored.business_licence.endswith(".jpg")
	assert frappe.db.get_value("User", registration["email"], "enabled") == 0

	# the 温宿县 bureau approves it in the desk
	page.context.clear_cookies()
	login(page, COUNTY_OFFICER, DEMO_PASSWORD)
	_open_list(page, "unit-registration")
	row = _list_row(page, name)
	row.wait_for()
	assert registration["unit_name"] in row.inner_text()
	assert_no_english(page, ALLOWED)
	_shot(page, "registration_list")
	_open_from_list(page, "Unit Registration", name)
	assert_no_english(page, ALLOWED)
	_shot(page, "registration_form")
	page.get_by_role("button", name="通过注册").click()
	dialog = page.locator(".modal.show .modal-dialog")
	dialog.wait_for()
	assert registration["unit_name"] in dialog.inner_text()
	assert_no_english(page, ALLOWED)
	dialog.locator(".btn-primary").click()
	page.wait_for_function("() => cur_frm.doc.status === 'Registered' && !frappe.dom.freeze_count")
	_settled(page)
	assert_no_english(page, ALLOWED)
	_shot(page, "registration_approved")
	frappe.db.rollback()
	unit = frappe.db.get_value("Unit Registration", name, "employer_unit")
	assert unit and frappe.db.get_value("Employer Unit", unit, "region") == "温宿县"
	assert "Unit HR" in frappe.get_roles(registration["email"])

	# the unit's HR logs in and lands on the unit's applications
	page.context.clear_cookies()
	login(page, registration["email"], PASSWORD)
	assert page.url.endswith("/unit-applications")
	page.locator(".zc-unit-portal[data-ready='1']").wait_for(state="attached")
	assert registration["unit_name"] in page.inner_text("body")
	assert_no_english(page, ALLOWED)
