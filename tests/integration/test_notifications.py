"""Workflow alerts never drop a save and never make one fail; the next actors get a plain e-mail."""

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from tests.integration.workflow_support import (
	chain_notice,
	make_chain_application,
)
from zhicheng_app.services import notifications
from zhicheng_app.workflows import WORKFLOW_NAME, load_default

# the campaign clock stands at 2024-08-01 10:00 Beijing time (workflow_support.frozen_clock)
pytestmark = pytest.mark.usefixtures("frozen_clock")


def _submitted(actors):
	notice = chain_notice("000")
	doc = make_chain_application(actors, notice, "private", "Private Enterprise Special", "Intermediate")
	frappe.set_user(actors["applicant"])
	apply_workflow(doc, "Submit")
	frappe.set_user("Administrator")
	return doc


def test_the_workflow_sends_no_print_pdf_email_and_its_state_is_the_list_status():
	for setting in ("send_email_alert", "override_status"):
		assert load_default()["workflow"][setting] == 0
		assert frappe.db.get_value("Workflow", WORKFLOW_NAME, setting) == 0


def test_a_save_after_a_transition_of_the_same_object_is_kept(actors):
	doc = _submitted(actors)
	assert doc.workflow_state == "Unit Review" and not doc.flags.in_print
	frappe.set_user(actors["hr"])
	doc.publicity_start, doc.publicity_end = "2024-07-15", "2024-07-19"
	doc.save()  # the same object the transition saved: this save must not be skipped
	frappe.set_user("Administrator")
	assert str(frappe.db.get_value("Title Application", doc.name, "publicity_end")) == "2024-07-19"


def test_without_mail_account_nothing_is_queued(actors, monkeypatch):
	queued = []
	monkeypatch.setattr(notifications, "outgoing_mail_configured", lambda: False)
	monkeypatch.setattr(frappe, "enqueue", lambda *a, **kw: queued.append(kw))
	_submitted(actors)
	assert queued == []


def test_next_actors_are_emailed_once_per_step(actors, monkeypatch):
	queued, sent = [], []
	monkeypatch.setattr(notifications, "outgoing_mail_configured", lambda: True)
	monkeypatch.setattr(frappe, "enqueue", lambda method, **kw: queued.append((method, kw)))
	monkeypatch.setattr(frappe, "sendmail", lambda **kw: sent.append(kw))
	doc = _submitted(actors)
	assert len(queued) == 1
	method, kw = queued[0]
	assert kw["application"] == doc.name and kw["state"] == "Unit Review"
	method(application=kw["application"], state=kw["state"])
	assert len(sent) == 1
	hr_email = frappe.db.get_value("User", actors["hr"], "email")
	assert hr_email in sent[0]["recipients"]
	assert frappe.db.get_value("User", actors["county"], "email") not in sent[0]["recipients"]
	assert doc.name in sent[0]["subject"] and not sent[0].get("attachments")
	assert f"/unit-application?application={doc.name}" in sent[0]["message"]  # the unit has no desk
	# a job that runs after the application moved on sends nothing
	method(application=doc.name, state="Committee Review")
	assert len(sent) == 1


def test_a_failing_mail_server_only_logs(actors, monkeypatch):
	def refuse(**kw):
		raise frappe.OutgoingEmailError("no server")

	monkeypatch.setattr(frappe, "sendmail", refuse)
	doc = _submitted(actors)
	before = frappe.db.count("Error Log", {"reference_name": doc.name})
	notifications.send_next_actor_email(application=doc.name, state="Unit Review")
	assert frappe.db.count("Error Log", {"reference_name": doc.name}) == before + 1


def test_the_applicants_email_notification_asks_for_no_mail_account_without_one(monkeypatch):
	"""The shipped e-mail to the applicant is sent where the site can send mail; without an
	outgoing account it neither sends nor pops up Frappe's request to set one up."""
	from tests.integration.factories import make_application, make_user
	from zhicheng_app.overrides.notification import MailAwareNotification

	sent = []
	monkeypatch.setattr(frappe, "sendmail", lambda *args, **kwargs: sent.append(kwargs))
	alert = frappe.get_doc("Notification", "Title Application Returned (Email)")
	assert isinstance(alert, MailAwareNotification)
	doc = make_application()
	doc.db_set("applicant_user", make_user("Title Applicant"))
	frappe.local.message_log = []
	monkeypatch.setattr(notifications, "outgoing_mail_configured", lambda: False)
	alert.send(doc)
	assert sent == [] and frappe.local.message_log == []
	monkeypatch.setattr(notifications, "outgoing_mail_configured", lambda: True)
	alert.send(doc)
	assert len(sent) == 1 and frappe.local.message_log == []


def test_the_applicant_is_sent_to_their_page_of_the_portal(actors, monkeypatch):
	sent = []
	monkeypatch.setattr(frappe, "sendmail", lambda **kw: sent.append(kw))
	doc = _submitted(actors)
	doc.db_set("workflow_state", "Returned")  # the applicant's turn again
	notifications.send_next_actor_email(application=doc.name, state="Returned")
	applicant_email = frappe.db.get_value("User", actors["applicant"], "email")
	mails = [m for m in sent if applicant_email in m["recipients"]]
	assert len(mails) == 1
	assert f"/my-applications/{doc.name}" in mails[0]["message"] and "/app/" not in mails[0]["message"]
