"""The fee desk's and the reminders' pure rules: the methods a notice allows, the amount a payment
records, the fee summary's sums, when a reminder is due and who gets it."""

import datetime

import pytest

from zhicheng_app.rules import reminders
from zhicheng_app.rules.fees import allowed_methods, payment_amount
from zhicheng_app.rules.reporting import NOT_RECORDED, fee_summary, fee_totals
from zhicheng_app.rules.vocabulary import WorkflowState as S

ALL = ("QR Payment", "Bank Transfer", "Cash")


@pytest.mark.parametrize(
	"wording, methods",
	[
		(
			"扫码或银行缴费（地区综合办公区地区交通运输局财务审计办公室）",
			("QR Payment", "Bank Transfer"),
		),  # 001
		("地区住建局财务室统一收取", ("Cash",)),  # 000
		("", ALL),  # 002, 003: not stated
		(None, ALL),
	],
)
def test_the_methods_a_notice_allows(wording, methods):
	assert allowed_methods(wording) == methods


def test_the_amount_is_the_notices_where_it_states_one():
	assert payment_amount(400, None) == 400
	assert payment_amount(400, 400.0) == 400
	with pytest.raises(ValueError):
		payment_amount(400, 350)
	assert payment_amount(None, 300) == 300  # not stated: the desk's
	for given in (None, 0, -5):
		with pytest.raises(ValueError):
			payment_amount(None, given)


def test_the_fee_summary_adds_up_per_committee_tier_and_method():
	payments = [
		{
			"committee": "A",
			"level_tier": "Intermediate",
			"method": "QR Payment",
			"amount": 400,
			"status": "Paid",
		},
		{
			"committee": "A",
			"level_tier": "Intermediate",
			"method": "QR Payment",
			"amount": 400,
			"status": "Refunded",
		},
		{
			"committee": "A",
			"level_tier": "Senior",
			"method": "Bank Transfer",
			"amount": 700,
			"status": "Paid",
		},
		{"committee": "A", "level_tier": "Senior", "method": "", "amount": 700, "status": "Paid"},
		{"committee": "B", "level_tier": "Junior", "method": "Cash", "amount": 200, "status": "Paid"},
	]
	outstanding = [{"committee": "A", "level_tier": "Intermediate", "amount": 400}]
	rows = fee_summary(payments, outstanding)
	keys = [(r["committee"], r["level_tier"], r["method"]) for r in rows]
	assert keys == [
		("A", "Intermediate", "QR Payment"),
		("A", "Intermediate", ""),
		("A", "Senior", "Bank Transfer"),
		("A", "Senior", NOT_RECORDED),
		("B", "Junior", "Cash"),
	]
	qr = rows[0]
	assert (qr["count"], qr["amount"], qr["total"], qr["paid"], qr["refunded"]) == (2, 400, 800, 400, 400)
	assert rows[1]["outstanding"] == 400 and rows[1]["count"] == 1
	for r in rows:
		assert r["total"] == r["count"] * r["amount"] == r["paid"] + r["refunded"] + r["outstanding"]
	totals = fee_totals(rows)
	assert totals["count"] == 6 and totals["total"] == 400 * 3 + 700 * 2 + 200


def test_mixed_amounts_in_one_group_have_no_single_amount():
	rows = fee_summary(
		[
			{"committee": "A", "level_tier": "Junior", "method": "Cash", "amount": 200, "status": "Paid"},
			{"committee": "A", "level_tier": "Junior", "method": "Cash", "amount": 300, "status": "Paid"},
		]
	)
	assert rows[0]["amount"] is None and rows[0]["total"] == 500


def test_a_reminder_is_due_within_the_hours_before_the_deadline():
	at = datetime.datetime(2024, 9, 12, 23, 59)
	assert reminders.due(at, at - datetime.timedelta(hours=24), 24)
	assert reminders.due(at, at - datetime.timedelta(minutes=1), 24)
	assert not reminders.due(at, at - datetime.timedelta(hours=24, minutes=1), 24)
	assert not reminders.due(at, at, 24)  # passed: the deadline job's, not a reminder
	assert not reminders.due(at, at - datetime.timedelta(hours=1), 0)
	assert not reminders.due(None, at, 24)


def test_who_must_act_and_the_key_a_notification_is_sent_under():
	assert reminders.applicant_acts(S.RETURNED) and reminders.applicant_acts(S.ACCEPTED)
	assert not reminders.applicant_acts(S.COMMITTEE_REVIEW) and not reminders.applicant_acts(S.UNIT_REVIEW)
	at = datetime.datetime(2024, 9, 12, 23, 59)
	key = reminders.sent_key("ZC-1", reminders.DEADLINE_REMINDER, "a@example.com", at)
	assert key == "ZC-1|Deadline Reminder|2024-09-12 23:59|a@example.com"
	assert key != reminders.sent_key("ZC-1", reminders.DEADLINE_REMINDER, "a@example.com", at.replace(day=13))
	assert reminders.sent_key("ZC-1", reminders.ACCEPTED, "a@example.com") == "ZC-1|Accepted||a@example.com"
