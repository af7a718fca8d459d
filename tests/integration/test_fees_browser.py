"""The fee desk in Chromium, in Chinese: a committee office opens an employer unit, records the fees
the unit pays for its staff in one dialog (one application left without a receipt number is
reported, the others recorded), and reads 缴费情况 for the notice.

The module makes its own notice (its fee window around today: the web server's clock is not
frozen), unit, user and applications, commits them for the web server and deletes them after.
"""

import datetime
import random
import re

import frappe
import pytest

from tests.integration.browser import ALLOWED_WORDS, SCREENSHOTS, assert_no_english, login
from tests.integration.factories import make_application, make_notice, make_unit, make_user
from tests.integration.rest import require_server
from zhicheng_app import roles
from zhicheng_app.rules.vocabulary import WorkflowState as S

PASSWORD = "Integration-Test-2024!"
LOAD_MS = 60_000
# the test user's initials and the records' creator, names rather than English
ALLOWED = ALLOWED_WORDS | {"CO", "Administrator", "LL"}


def _campaign():
	"""The committee, notice, unit and applications, committed."""
	frappe.set_user("Administrator")
	today = datetime.date.today()
	committee = frappe.get_doc(
		{
			"doctype": "Evaluation Committee",
			"committee_name": f"缴费浏览器评审委员会{random.randrange(10**6):06d}",
		}
	).insert(ignore_permissions=True)
	notice = make_notice(
		campaign_year=today.year,
		title=f"{today.year}年度缴费浏览器测试通知",
		windows=[
			{
				"kind": "Application",
				"start": f"{today.year - 1}-01-01 00:00:00",
				"end": f"{today:%Y-%m-%d} 00:00:00",
			},
			{
				"kind": "Fee Payment",
				"start": f"{today - datetime.timedelta(days=2):%Y-%m-%d} 00:00:00",
				"end": f"{today + datetime.timedelta(days=5):%Y-%m-%d} 23:59:59",
			},
		],
		committees=[{"committee": committee.name}],
		fees=[{"committee": "", "level_tier": "Intermediate", "amount": 400}],
		fee_payment_methods="扫码或银行缴费",
	)
	unit = make_unit()
	apps = []
	for i in range(3):
		doc = make_application(unit, notice, applicant_name=f"缴费浏览{i}", current_level="Assistant")
		frappe.db.set_value(
			"Title Application",
			doc.name,
			{"workflow_state": S.ACCEPTED, "submission_count": 1, "fee_amount": 400},
		)
		apps.append(doc.name)
	frappe.db.commit()
	return committee, notice, unit, apps


@pytest.fixture(scope="module")
def desk(frappe_site):
	require_server()
	committee, notice, unit, apps = _retried(_campaign)
	user = _retried(lambda: make_user(roles.COMMITTEE_OFFICE, password=PASSWORD))
	frappe.db.commit()
	yield frappe._dict(notice=notice.name, unit=unit.name, apps=apps, user=user, committee=committee.name)
	frappe.db.rollback()
	_retried(lambda: _remove(apps, notice, unit, committee, user))


def _remove(apps, notice, unit, committee, user):
	frappe.set_user("Administrator")
	frappe.db.delete("Fee Payment", {"application": ("in", apps)})
	for doctype, field in (
		("Comment", "reference_name"),
		("Version", "docname"),
		("Notification Log", "document_name"),
	):
		frappe.db.delete(doctype, {field: ("in", apps)})
	frappe.db.delete("Notification Sent", {"application": ("in", apps)})
	frappe.db.delete("Title Application", {"name": ("in", apps)})
	frappe.delete_doc("Title Notice", notice.name, ignore_permissions=True, force=True)
	frappe.delete_doc("Employer Unit", unit.name, ignore_permissions=True, force=True)
	frappe.delete_doc("Evaluation Committee", committee.name, ignore_permissions=True, force=True)
	frappe.db.delete("User Permission", {"user": user})
	frappe.delete_doc("User", user, ignore_permissions=True, force=True)
	frappe.db.commit()


def _retried(make):
	"""``make()`` in its own transaction; a deadlock with another run making the same kind of
	records (users, numbered applications) is tried again."""
	for attempt in range(3):
		try:
			return make()
		except (frappe.QueryDeadlockError, frappe.QueryTimeoutError):
			frappe.db.rollback()
			if attempt == 2:
				raise
	raise AssertionError("unreachable")


def _shot(page, name: str):
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	page.screenshot(path=str(SCREENSHOTS / f"fees_{name}.png"), full_page=True)


def test_the_fee_desk_records_a_units_staff_fees_and_reads_the_report(page, desk):
	login(page, desk.user, PASSWORD)
	page.goto(f"/app/employer-unit/{desk.unit}")
	page.get_by_role("button", name="登记本单位人员缴费").click()
	dialog = page.locator(".modal-dialog:visible")
	notice = dialog.locator("input[data-fieldname='notice']")
	notice.fill(desk.notice)
	notice.press("Tab")
	rows = dialog.locator(".grid-body .grid-row")
	rows.nth(2).wait_for(timeout=LOAD_MS)
	page.wait_for_load_state("networkidle")
	assert rows.count() == 3
	texts = [rows.nth(i).inner_text() for i in range(3)]
	order = [next(name for name in desk.apps if name in text) for text in texts]
	# receipt numbers for the first two rows; the third is left empty
	for i in range(2):
		rows.nth(i).locator("[data-fieldname='receipt_number']").click()
		rows.nth(i).locator("input[data-fieldname='receipt_number']").fill(f"LL-{i + 1}")
	dialog.locator("select[data-fieldname='method']").select_option("Bank Transfer")
	_shot(page, "bulk_dialog")
	assert_no_english(page, ALLOWED)
	dialog.get_by_role("button", name="登记").click()
	result = page.locator(".msgprint:visible")
	result.wait_for(timeout=LOAD_MS)
	text = result.inner_text()
	assert "已登记：2" in text and "未登记：1" in text and "未填写票据号" in text
	_shot(page, "bulk_result")
	frappe.db.rollback()
	states = {name: frappe.db.get_value("Title Application", name, "workflow_state") for name in desk.apps}
	assert [states[n] for n in order] == [S.FEE_PAID, S.FEE_PAID, S.ACCEPTED]

	page.goto(f"/app/query-report/Fee Payments?notice={desk.notice}")
	page.wait_for_url(re.compile(r"/app/query-report/Fee(%20| )Payments"))
	page.locator(".dt-scrollable .dt-row").first.wait_for(timeout=LOAD_MS)
	cells = page.evaluate(
		"""() => [...document.querySelectorAll('.dt-scrollable .dt-row')].map(
			row => [...row.querySelectorAll('.dt-cell__content')].map(c => c.innerText.trim()))"""
	)
	flat = [" ".join(row) for row in cells]
	assert any("银行转账" in row and "800" in row for row in flat)
	assert any("未缴费" in row and "400" in row for row in flat)
	assert any("合计" in row and "1,200" in row.replace("1200", "1,200") for row in flat)
	_shot(page, "report")
	assert_no_english(page, ALLOWED)
