"""The fee desk on the site: a Fee Payment inside the notice's fee window moves the application to
已缴费 through the workflow; outside it, with a wrong amount or a second time it is refused; a unit
pays for its staff in one go, a bad application reported and the rest recorded; a refund; the
缴费情况 report adds up to the notice's fee table and keeps the reader's scope; the migration patch.
"""

import datetime

import frappe
import pytest
from frappe.desk.query_report import run

from tests.integration.factories import make_application, make_notice, make_unit, make_user, unique
from zhicheng_app import roles
from zhicheng_app.api import fees as fees_api
from zhicheng_app.patches.v1_1 import fee_payments_from_applications
from zhicheng_app.rules.vocabulary import WorkflowState as S
from zhicheng_app.services import fees

YEAR = 2032
IN_WINDOW = datetime.datetime(YEAR, 9, 5, 10, 0)
AFTER_WINDOW = datetime.datetime(YEAR, 9, 11, 9, 0)
FEE = {"Intermediate": 400, "Deputy Senior": 700}


@pytest.fixture(scope="module")
def people(frappe_site):
	frappe.set_user("Administrator")
	committee = frappe.get_doc(
		{
			"doctype": "Evaluation Committee",
			"committee_name": unique("缴费评审委员会"),
			"fee_office": "测试财务室",
		}
	).insert(ignore_permissions=True)
	units = {
		"wensu": make_unit(location="County", region="温宿县"),
		"shaya": make_unit(location="County", region="沙雅县"),
	}
	users = {
		"desk": make_user(roles.COMMITTEE_OFFICE),
		"county": make_user(roles.COUNTY_HRSS, ("Region", "温宿县")),
		"hr": make_user(roles.UNIT_HR, ("Employer Unit", units["wensu"].name)),
		"expert": make_user(roles.REVIEW_EXPERT),
	}
	frappe.db.commit()
	yield frappe._dict(committee=committee.name, units={k: u.name for k, u in units.items()}, users=users)
	frappe.set_user("Administrator")
	frappe.db.rollback()
	for email in users.values():
		frappe.db.delete("User Permission", {"user": email})
		frappe.delete_doc("User", email, ignore_permissions=True, force=True)
	for unit in units.values():
		frappe.delete_doc("Employer Unit", unit.name, ignore_permissions=True, force=True)
	frappe.delete_doc("Evaluation Committee", committee.name, ignore_permissions=True, force=True)
	frappe.db.commit()


@pytest.fixture
def campaign(people):
	frappe.set_user("Administrator")
	frappe.flags.zhicheng_now = IN_WINDOW
	notice = make_notice(
		campaign_year=YEAR,
		title=f"{YEAR}年度缴费测试通知",
		doc_no=f"测试人社发〔{YEAR}〕1号",
		windows=[
			{"kind": "Application", "start": f"{YEAR}-07-01 00:00:00", "end": f"{YEAR}-08-20 18:00:00"},
			{
				"kind": "Fee Payment",
				"start": f"{YEAR}-09-01 00:00:00",
				"end": f"{YEAR}-09-10 23:59:59",
				"clause": "三、（三）",
			},
		],
		committees=[{"committee": people.committee}],
		fees=[
			{"committee": "", "level_tier": "Intermediate", "amount": FEE["Intermediate"]},
			{"committee": "", "level_tier": "Senior", "amount": FEE["Deputy Senior"]},
		],
		fee_payment_methods="扫码或银行缴费",
	)
	apps = {}
	for key, unit, level in [
		("w1", "wensu", "Intermediate"),
		("w2", "wensu", "Intermediate"),
		("w3", "wensu", "Deputy Senior"),
		("s1", "shaya", "Intermediate"),
		("s2", "shaya", "Deputy Senior"),
	]:
		doc = make_application(
			frappe.get_doc("Employer Unit", people.units[unit]),
			notice,
			target_level=level,
			current_level="Assistant" if level == "Intermediate" else "Intermediate",
			applicant_name=f"缴费{key}",
		)
		frappe.db.set_value(
			"Title Application",
			doc.name,
			{"workflow_state": S.ACCEPTED, "submission_count": 1, "fee_amount": FEE[level]},
		)
		apps[key] = doc.name
	yield frappe._dict(notice=notice.name, apps=apps, **people)
	frappe.flags.zhicheng_now = None
	frappe.set_user("Administrator")


def as_user(user, fn, *args, **kw):
	frappe.set_user(user)
	try:
		return fn(*args, **kw)
	finally:
		frappe.set_user("Administrator")


def state(name):
	return frappe.db.get_value("Title Application", name, "workflow_state")


def test_a_payment_in_the_window_moves_the_application_through_the_workflow(campaign):
	name = campaign.apps["w1"]
	payment = as_user(campaign.users["desk"], fees.record_payment, name, "QR Payment", "R-001")
	assert payment.amount == FEE["Intermediate"] and payment.level_tier == "Intermediate"
	assert payment.recorded_by == campaign.users["desk"] and payment.status == "Paid"
	assert payment.committee == campaign.committee and payment.notice == campaign.notice
	app = frappe.get_doc("Title Application", name)
	assert app.workflow_state == S.FEE_PAID
	assert app.fee_recorded_by == campaign.users["desk"] and app.fee_paid_at == payment.paid_at
	assert app.fee_amount == payment.amount
	# the workflow took the step: its comment is on the application's timeline
	assert frappe.db.exists(
		"Comment",
		{"reference_doctype": "Title Application", "reference_name": name, "comment_type": "Workflow"},
	)


def test_a_payment_outside_the_window_is_refused_citing_the_notice(campaign):
	frappe.flags.zhicheng_now = AFTER_WINDOW
	with pytest.raises(frappe.ValidationError) as refused:
		as_user(campaign.users["desk"], fees.record_payment, campaign.apps["w1"], "QR Payment", "R-002")
	assert f"测试人社发〔{YEAR}〕1号 三、（三）" in str(refused.value)
	assert state(campaign.apps["w1"]) == S.ACCEPTED
	assert not frappe.db.exists("Fee Payment", {"application": campaign.apps["w1"]})


def test_a_wrong_amount_a_method_the_notice_does_not_take_and_a_second_payment_are_refused(campaign):
	desk, name = campaign.users["desk"], campaign.apps["w1"]
	with pytest.raises(frappe.ValidationError) as wrong:
		as_user(desk, fees.record_payment, name, "QR Payment", "R-003", amount=350)
	assert "400" in str(wrong.value) and "350" in str(wrong.value)
	with pytest.raises(frappe.ValidationError):
		as_user(desk, fees.record_payment, name, "Cash", "R-003")  # 扫码或银行 only
	as_user(desk, fees.record_payment, name, "Bank Transfer", "R-003")
	with pytest.raises(frappe.ValidationError):  # the receipt number is taken under the notice
		as_user(desk, fees.record_payment, campaign.apps["w2"], "Bank Transfer", "R-003")
	frappe.db.set_value("Title Application", name, "workflow_state", S.ACCEPTED)
	with pytest.raises(frappe.ValidationError):  # already paid
		as_user(desk, fees.record_payment, name, "Bank Transfer", "R-004")


def test_a_recorded_payment_is_not_edited_and_a_refund_keeps_its_reason(campaign):
	desk = campaign.users["desk"]
	payment = as_user(desk, fees.record_payment, campaign.apps["w1"], "QR Payment", "R-010")
	doc = frappe.get_doc("Fee Payment", payment.name)
	doc.amount = 1
	with pytest.raises(frappe.ValidationError):
		as_user(desk, doc.save)
	as_user(desk, fees_api.refund, payment.name, "重复缴费")
	doc = frappe.get_doc("Fee Payment", payment.name)
	assert doc.status == "Refunded" and doc.refund_reason == "重复缴费" and doc.refunded_by == desk
	assert doc.refunded_at and doc.amount == FEE["Intermediate"]
	with pytest.raises(frappe.ValidationError):
		as_user(desk, fees_api.refund, payment.name, "再退一次")
	# a unit's HR reads it but does not refund it
	with pytest.raises(frappe.PermissionError):
		as_user(campaign.users["hr"], fees_api.refund, payment.name, "HR")


def test_a_unit_pays_for_its_staff_one_bad_application_reported_the_rest_recorded(campaign):
	desk, unit = campaign.users["desk"], campaign.units["wensu"]
	# w3's receipt number is already used under the notice: that one is refused
	as_user(desk, fees.record_payment, campaign.apps["s1"], "QR Payment", "U-3")
	listed = as_user(desk, fees_api.unit_awaiting_fee, unit, campaign.notice)
	assert {r["application"] for r in listed["applications"]} == {
		campaign.apps[k] for k in ("w1", "w2", "w3")
	}
	assert {m["value"] for m in listed["methods"]} == {"QR Payment", "Bank Transfer"}
	receipts = {campaign.apps["w1"]: "U-1", campaign.apps["w2"]: "U-2", campaign.apps["w3"]: "U-3"}
	result = as_user(
		desk, fees_api.record_unit_payments, unit, campaign.notice, "Bank Transfer", frappe.as_json(receipts)
	)
	assert {r["application"] for r in result["recorded"]} == {campaign.apps["w1"], campaign.apps["w2"]}
	assert [r["application"] for r in result["failed"]] == [campaign.apps["w3"]]
	assert "U-3" in result["failed"][0]["error"]
	assert state(campaign.apps["w1"]) == state(campaign.apps["w2"]) == S.FEE_PAID
	assert state(campaign.apps["w3"]) == S.ACCEPTED
	for r in result["recorded"]:
		p = frappe.get_doc("Fee Payment", r["payment"])
		assert p.payer_kind == "Employer Unit" and p.payer_unit == unit and p.method == "Bank Transfer"


def _pay_all(campaign):
	desk = campaign.users["desk"]
	methods = ["QR Payment", "Bank Transfer", "QR Payment", "Bank Transfer"]
	for i, key in enumerate(("w1", "w2", "w3", "s1")):
		as_user(desk, fees.record_payment, campaign.apps[key], methods[i], f"P-{i}")
	refund = frappe.db.get_value("Fee Payment", {"application": campaign.apps["w2"]})
	as_user(desk, fees.refund, refund, "申报人撤回")
	# refunded at 已缴费: back to 已接收材料, its fee owed again
	assert state(campaign.apps["w2"]) == S.ACCEPTED


def report(user, **filters):
	return as_user(user, run, "Fee Payments", filters=filters)["result"]


def test_the_fee_report_adds_up_to_the_notices_fee_table(campaign):
	_pay_all(campaign)
	rows = [r for r in report(campaign.users["desk"], notice=campaign.notice) if isinstance(r, dict)]
	groups = [r for r in rows if not r["is_total"]]
	assert {r["committee"] for r in groups} == {campaign.committee}
	table = {"Intermediate": FEE["Intermediate"], "Senior": FEE["Deputy Senior"]}
	levels = frappe.get_all(
		"Title Application", filters={"name": ("in", list(campaign.apps.values()))}, pluck="target_level"
	)
	counts = {"Intermediate": levels.count("Intermediate"), "Senior": levels.count("Deputy Senior")}
	counts["Intermediate"] += 1  # w2: its refunded payment, and its fee owed again
	for tier, amount in table.items():
		mine = [r for r in groups if r["level_tier"] == tier]
		assert sum(r["count"] for r in mine) == counts[tier]
		assert sum(r["total"] for r in mine) == counts[tier] * amount
		for r in mine:
			assert r["total"] == r["count"] * r["amount"] == r["paid"] + r["refunded"] + r["outstanding"]
	by = {(r["level_tier"], r["method"]): r for r in groups}
	assert by[("Intermediate", "Bank Transfer")]["refunded"] == FEE["Intermediate"]  # w2
	assert by[("Senior", "")]["outstanding"] == FEE["Deputy Senior"]  # s2 not paid
	assert by[("Intermediate", "")]["outstanding"] == FEE["Intermediate"]  # w2 refunded, owed again
	total = next(r for r in rows if r["is_total"])
	assert total["total"] == sum(counts[t] * a for t, a in table.items())
	assert total["paid"] == FEE["Intermediate"] * 2 + FEE["Deputy Senior"]


def test_the_fee_report_keeps_the_county_officers_scope(campaign):
	_pay_all(campaign)
	rows = [r for r in report(campaign.users["county"], notice=campaign.notice) if not r["is_total"]]
	wensu = [campaign.apps[k] for k in ("w1", "w2", "w3")]
	# w2's refunded payment and its fee owed again
	assert sum(r["count"] for r in rows) == len(wensu) + 1
	assert sum(r["total"] for r in rows) == FEE["Intermediate"] * 3 + FEE["Deputy Senior"]
	# the payments list keeps the same scope
	for who in ("county", "hr"):
		listed = as_user(
			campaign.users[who],
			frappe.get_list,
			"Fee Payment",
			filters={"notice": campaign.notice},
			pluck="application",
		)
		assert set(listed) == set(wensu), who
	with pytest.raises(frappe.PermissionError):
		as_user(campaign.users["expert"], frappe.get_list, "Fee Payment")
	with pytest.raises(frappe.PermissionError):
		report(campaign.users["expert"], notice=campaign.notice)


def test_the_patch_gives_earlier_fees_a_payment_once(campaign):
	name = campaign.apps["s2"]
	paid_at = datetime.datetime(YEAR, 9, 2, 11, 0)
	frappe.db.set_value(
		"Title Application",
		name,
		{"workflow_state": S.FEE_PAID, "fee_paid_at": paid_at, "fee_recorded_by": campaign.users["desk"]},
	)
	fee_payments_from_applications.execute()
	fee_payments_from_applications.execute()
	rows = frappe.get_all(
		"Fee Payment",
		filters={"application": name},
		fields=["amount", "paid_at", "recorded_by", "status", "level_tier"],
	)
	assert len(rows) == 1
	assert rows[0].amount == FEE["Deputy Senior"] and rows[0].paid_at == paid_at and rows[0].status == "Paid"
	assert rows[0].level_tier == "Senior"
