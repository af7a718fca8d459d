"""The deadline job with corrupted records: each bad record is logged and skipped, the others
are closed, a second run changes nothing, and a repaired record is closed by the next run."""

import datetime

import frappe
import pytest

from tests.integration.workflow_support import (
	NOW,
	chain_notice,
	make_chain_application,
	state,
)
from zhicheng_app.services import deadlines
from zhicheng_app.services.deadlines import close_overdue_applications, job_title

# the campaign clock stands at 2024-08-01 10:00 Beijing time (workflow_support.frozen_clock)
pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture(autouse=True)
def error_logs():
	"""The Error Logs written during the test, by referenced record. The Error Log table is not
	transactional (a log survives the rollback of what failed), so they are deleted afterwards."""
	started = frappe.utils.now_datetime() - datetime.timedelta(seconds=1)

	def written(doctype: str, name: str) -> list:
		return frappe.get_all(
			"Error Log",
			filters={"reference_doctype": doctype, "reference_name": name, "creation": (">=", started)},
			fields=["name", "method"],
		)

	yield written
	frappe.db.delete("Error Log", {"creation": (">=", started), "method": ("like", f"%{job_title()}%")})


def _draft(actors, notice) -> str:
	return make_chain_application(actors, notice, "prefecture", "Directed Evaluation", "Intermediate").name


def _application_cut_off(notice) -> datetime.datetime:
	"""One minute past the notice's application window; every other window stays open."""
	end = frappe.utils.get_datetime(next(w.end for w in notice.windows if w.kind == "Application"))
	later = end + datetime.timedelta(minutes=1)
	for w in notice.windows:
		if w.kind != "Application":
			w.end = later + datetime.timedelta(days=30)
	notice.save()
	return later


def _returned(name: str, deadline):
	"""A returned application whose resubmission deadline is ``deadline`` as stored in the table."""
	frappe.db.set_value("Title Application", name, "workflow_state", "Returned", update_modified=False)
	frappe.db.sql("update `tabTitle Application` set resubmit_deadline=%s where name=%s", (deadline, name))


def _closure_comments(name: str) -> list:
	return frappe.get_all(
		"Comment", filters={"reference_name": name, "comment_type": "Workflow"}, pluck="name"
	)


def test_bad_records_are_logged_and_skipped_and_the_others_closed(actors, error_logs):
	notice = chain_notice("000")
	good = [_draft(actors, notice) for _ in range(2)]
	bad_user = _draft(actors, notice)  # closing it fails: its applicant cannot be notified
	frappe.db.set_value(
		"Title Application", bad_user, "applicant_user", "nobody@invalid.example", update_modified=False
	)
	no_deadline = _draft(actors, notice)
	_returned(no_deadline, None)
	zero_deadline = _draft(actors, notice)
	_returned(zero_deadline, "0000-00-00 00:00:00")
	later = _application_cut_off(notice)

	assert close_overdue_applications(later) >= len(good)

	for name in good:
		assert state(name) == "Abandoned"
		assert frappe.db.get_value("Title Application", name, "closed_reason")
	# the failed closure was undone entirely: state, reason, time, timeline
	values = frappe.db.get_value(
		"Title Application", bad_user, ["workflow_state", "closed_reason", "closed_at"], as_dict=True
	)
	assert (values.workflow_state, values.closed_reason, values.closed_at) == ("Draft", None, None)
	assert not _closure_comments(bad_user)
	assert state(no_deadline) == state(zero_deadline) == "Returned"
	for name in (bad_user, no_deadline, zero_deadline):
		logs = error_logs("Title Application", name)
		assert len(logs) == 1, (name, logs)
		assert name in logs[0].method
	for name in good:
		assert not error_logs("Title Application", name)

	# a second run: nothing more is closed, nothing closed is touched again; the bad ones are retried
	modified = {name: frappe.db.get_value("Title Application", name, "modified") for name in good}
	assert close_overdue_applications(later) == 0
	assert {name: frappe.db.get_value("Title Application", name, "modified") for name in good} == modified
	assert all(len(_closure_comments(name)) == 1 for name in good)
	assert len(error_logs("Title Application", bad_user)) == 2

	# once repaired, the next run closes it
	frappe.db.set_value(
		"Title Application", bad_user, "applicant_user", actors["applicant"], update_modified=False
	)
	assert close_overdue_applications(later) == 1
	assert state(bad_user) == "Abandoned"


def test_a_notice_that_cannot_be_read_does_not_stop_the_others(actors, monkeypatch, error_logs):
	broken, sound = chain_notice("000"), chain_notice("000")
	in_broken, in_sound = _draft(actors, broken), _draft(actors, sound)
	later = max(_application_cut_off(broken), _application_cut_off(sound))
	read_rule = deadlines._deadline_with_consequence

	def failing_for_broken(notice, kind):
		if notice.name == broken.name:
			raise RuntimeError("window unreadable")
		return read_rule(notice, kind)

	monkeypatch.setattr(deadlines, "_deadline_with_consequence", failing_for_broken)
	close_overdue_applications(later)
	assert state(in_sound) == "Abandoned"
	assert state(in_broken) == "Draft"
	logs = error_logs("Title Notice", broken.name)
	assert len(logs) == 1 and broken.name in logs[0].method


def test_an_outcome_that_is_not_a_closing_state_is_refused(actors, error_logs):
	"""A notice whose late-resubmission outcome was written around the form cannot move an
	application into an arbitrary state."""
	notice = chain_notice("000")
	name = _draft(actors, notice)
	_returned(name, NOW - datetime.timedelta(hours=1))
	frappe.db.set_value("Title Notice", notice.name, "late_resubmission_outcome", "Certified")
	frappe.clear_document_cache("Title Notice", notice.name)
	close_overdue_applications(NOW)
	assert state(name) == "Returned"
	assert len(error_logs("Title Application", name)) == 1
