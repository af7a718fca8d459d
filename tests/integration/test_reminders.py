"""Notifications on the site: the applicant is told at 已接收材料 (the fee, where and when to pay,
the paper submission); a scheduled defense is told once; the hourly job reminds the one who must
act of a deadline within the configured hours, once however often it runs."""

import datetime

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from tests.integration.factories import make_application, make_notice, make_unit, make_user, unique
from zhicheng_app import roles
from zhicheng_app.rules.vocabulary import WorkflowState as S
from zhicheng_app.services import reminders

YEAR = 2033
NOW = datetime.datetime(YEAR, 9, 9, 10, 0)  # the fee window ends 09-10 08:00, 22 hours later


@pytest.fixture(scope="module")
def people(frappe_site):
	frappe.set_user("Administrator")
	committee = frappe.get_doc(
		{
			"doctype": "Evaluation Committee",
			"committee_name": unique("提醒评审委员会"),
			"fee_office": "地区住建局财务室",
			"paper_office": "地区住建局办公室",
		}
	).insert(ignore_permissions=True)
	unit = make_unit()
	applicant = make_user(roles.APPLICANT)
	frappe.db.commit()
	yield frappe._dict(committee=committee.name, unit=unit.name, applicant=applicant)
	frappe.set_user("Administrator")
	frappe.db.rollback()
	frappe.delete_doc("User", applicant, ignore_permissions=True, force=True)
	frappe.delete_doc("Employer Unit", unit.name, ignore_permissions=True, force=True)
	frappe.delete_doc("Evaluation Committee", committee.name, ignore_permissions=True, force=True)
	frappe.db.commit()


@pytest.fixture
def application(people):
	frappe.flags.zhicheng_now = NOW
	# the shipped lead time (another test may have changed the site's setting)
	frappe.db.set_single_value("Deadline Reminder Settings", "reminder_hours", 24)
	notice = make_notice(
		campaign_year=YEAR,
		title=f"{YEAR}年度提醒测试通知",
		windows=[
			{"kind": "Application", "start": f"{YEAR}-07-01 00:00:00", "end": f"{YEAR}-08-20 18:00:00"},
			{"kind": "Paper Submission", "start": f"{YEAR}-09-01 00:00:00", "end": f"{YEAR}-09-20 18:00:00"},
			{
				"kind": "Fee Payment",
				"start": f"{YEAR}-09-01 00:00:00",
				"end": f"{YEAR}-09-10 08:00:00",
				"closes_states": "Accepted\nPaper Received",
				"consequence": "视为自动放弃申报资格",
				"clause": "三、（三）",
			},
		],
		committees=[{"committee": people.committee}],
		fees=[{"committee": "", "level_tier": "Intermediate", "amount": 400}],
	)
	doc = make_application(
		frappe.get_doc("Employer Unit", people.unit),
		notice,
		applicant_user=people.applicant,
		applicant_name="提醒申报人",
		current_level="Assistant",
	)
	frappe.db.set_value(
		"Title Application", doc.name, {"workflow_state": S.COMMITTEE_REVIEW, "submission_count": 1}
	)
	yield frappe._dict(name=doc.name, notice=notice.name, **people)
	frappe.flags.zhicheng_now = None


def logs(user, application):
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_name": application},
		fields=["subject", "email_content"],
	)


def accept(name):
	apply_workflow(frappe.get_doc("Title Application", name), "Accept")
	assert frappe.db.get_value("Title Application", name, "workflow_state") == S.ACCEPTED


def test_the_applicant_is_told_at_acceptance_with_the_fee_the_offices_and_the_windows(application):
	accept(application.name)
	told = logs(application.applicant, application.name)
	assert len(told) == 1
	subject, message = told[0].subject, told[0].email_content
	assert "已接收材料" in subject and application.name in subject
	for text in (
		"400元",
		"地区住建局财务室",
		"地区住建局办公室",
		f"{YEAR}-09-10 08:00",
		f"{YEAR}-09-20 18:00",
	):
		assert text in message, text
	assert frappe.db.count("Notification Sent", {"application": application.name, "kind": "Accepted"}) == 1
	# told once: a second call finds it sent
	assert reminders.notify_accepted(frappe.get_doc("Title Application", application.name)) == []
	assert len(logs(application.applicant, application.name)) == 1


def test_the_deadline_reminder_is_sent_once_however_often_the_job_runs(application):
	accept(application.name)
	before = len(logs(application.applicant, application.name))
	assert reminders.send_deadline_reminders(notices=[application.notice]) == 1
	assert reminders.send_deadline_reminders(notices=[application.notice]) == 0
	told = logs(application.applicant, application.name)
	assert len(told) == before + 1
	reminder = next(t for t in told if "截止" in t.subject)
	assert f"{YEAR}-09-10 08:00" in reminder.subject and "视为自动放弃申报资格" in reminder.email_content
	assert (
		frappe.db.count("Notification Sent", {"application": application.name, "kind": "Deadline Reminder"})
		== 1
	)


def test_no_reminder_before_the_configured_hours_or_when_switched_off(application):
	accept(application.name)
	frappe.flags.zhicheng_now = NOW - datetime.timedelta(hours=3)  # 25 hours before the deadline
	assert reminders.send_deadline_reminders(notices=[application.notice]) == 0
	frappe.flags.zhicheng_now = NOW
	frappe.db.set_single_value("Deadline Reminder Settings", "reminder_hours", 0)
	assert reminders.send_deadline_reminders(notices=[application.notice]) == 0
	frappe.db.set_single_value("Deadline Reminder Settings", "reminder_hours", 48)
	frappe.flags.zhicheng_now = NOW - datetime.timedelta(hours=3)
	assert reminders.send_deadline_reminders(notices=[application.notice]) == 1


def test_a_scheduled_defense_is_told_once_per_defense_time(application):
	at = datetime.datetime(YEAR, 10, 8, 10, 0)
	assert reminders.notify_defense_scheduled(application.name, at, "地区住建局1101会议室") == [
		application.applicant
	]
	assert reminders.notify_defense_scheduled(application.name, at, "地区住建局1101会议室") == []
	told = [t for t in logs(application.applicant, application.name) if "答辩" in t.subject]
	assert len(told) == 1 and f"{YEAR}-10-08 10:00" in told[0].email_content
	# moved to another time: told again
	assert reminders.notify_defense_scheduled(application.name, at + datetime.timedelta(days=1)) == [
		application.applicant
	]
