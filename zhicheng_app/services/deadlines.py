"""The hourly deadline job: applications past a deadline end in the terminal state the notice
names, with the reason and the time: the application cut-off, the resubmission deadline after a
return, the paper and the fee windows, each with the consequence its notice states (视为放弃,
逾期不予受理).

Idempotent: an application already in a terminal state is never touched again, so a second
run changes nothing. Every closure is written to the application's timeline. A notice or an
application the job cannot handle (an unreadable date, any error) is skipped and written to the
Error Log with its name; the rest are closed, and the next run tries the skipped one again.
"""

import datetime

import frappe
from frappe import _
from frappe.translate import print_language

from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.services import batch, clock
from zhicheng_app.services.transitions import CLOSING_STATES, TERMINAL_STATES

# States before the application reaches the body that must receive it by the application
# cut-off (the committee's first review, or the 终审部门 for 004)
BEFORE_FIRST_REVIEW = (
	WorkflowState.DRAFT,
	WorkflowState.UNIT_REVIEW,
	WorkflowState.SUPERVISING_REVIEW,
	WorkflowState.EMPLOYMENT_SERVICE_REVIEW,
	WorkflowState.COUNTY_REVIEW,
)
NOT_ACCEPTED_WORDING = "不予受理"


def _outcome(consequence: str) -> str:
	return (
		WorkflowState.NOT_ACCEPTED if NOT_ACCEPTED_WORDING in (consequence or "") else WorkflowState.ABANDONED
	)


def _deadline_with_consequence(notice, kind: str) -> tuple | None:
	"""(end, outcome, consequence) when the notice attaches a consequence to missing ``kind``."""
	w = clock.window(notice, kind)
	if not w or not w[1] or not w[2]:
		return None
	return w[1], _outcome(w[2]), w[2]


def overdue(now: datetime.datetime) -> list[tuple[str, str, str]]:
	"""[(application, terminal state, reason)] for every open application past a deadline.

	A notice or an application whose dates cannot be read is logged and left out (see ``batch``).
	"""
	found = []
	for notice_name in frappe.get_all("Title Notice", pluck="name"):
		found += batch.for_record(
			"Title Notice", notice_name, job_title(), _overdue_of_notice, notice_name, now, default=[]
		)
	return found


def _overdue_of_notice(notice_name: str, now: datetime.datetime) -> list[tuple[str, str, str]]:
	found = []
	notice = frappe.get_cached_doc("Title Notice", notice_name)
	checks = (
		("Application", BEFORE_FIRST_REVIEW, _("not submitted for first review by {0}")),
		("Paper Submission", (WorkflowState.ACCEPTED,), _("paper materials not received by {0}")),
		("Fee Payment", (WorkflowState.ACCEPTED, WorkflowState.PAPER_RECEIVED), _("fee not paid by {0}")),
	)
	for kind, states, reason in checks:
		rule = _deadline_with_consequence(notice, kind)
		if not rule or now <= rule[0]:
			continue
		end, outcome, consequence = rule
		for name in frappe.get_all(
			"Title Application",
			filters={"notice": notice_name, "workflow_state": ("in", states)},
			pluck="name",
		):
			found.append((name, outcome, f"{reason.format(clock.fmt(end))}：{consequence}"))
	late = notice.late_resubmission_outcome or WorkflowState.NOT_ACCEPTED
	for row in frappe.get_all(
		"Title Application",
		filters={
			"notice": notice_name,
			"workflow_state": WorkflowState.RETURNED,
			"resubmit_deadline": ("<", clock.wall(now)),
		},
		fields=["name", "resubmit_deadline"],
	):
		closure = batch.for_record("Title Application", row.name, job_title(), _late_resubmission, row, late)
		if closure:
			found.append(closure)
	return found


def _late_resubmission(row, late: str) -> tuple[str, str, str]:
	"""The closure of a returned application whose resubmission deadline has passed."""
	if not isinstance(row.resubmit_deadline, datetime.datetime):
		raise ValueError(f"unreadable resubmission deadline {row.resubmit_deadline!r}")
	reason = _("not resubmitted by {0}").format(clock.fmt(clock.to_shanghai(row.resubmit_deadline)))
	return row.name, late, f"{reason}：{_(late)}"


def job_title() -> str:
	"""The job's name in the Error Log's titles."""
	return _("Deadline job")


def close(name: str, state: str, reason: str, now: datetime.datetime):
	if state not in CLOSING_STATES:  # e.g. a notice whose outcome was written around the form
		raise ValueError(f"{state!r} is not a closing state")
	doc = frappe.get_doc("Title Application", name, for_update=True)
	if doc.workflow_state in TERMINAL_STATES:
		return False
	previous = doc.workflow_state
	doc.db_set({"workflow_state": state, "closed_reason": reason, "closed_at": clock.wall(now)}, notify=True)
	doc.add_comment("Workflow", _("{0} → {1} by the deadline job: {2}").format(_(previous), _(state), reason))
	notify_applicant(doc, _("Your application {0} was closed: {1}").format(doc.name, reason))
	return True


def notify_applicant(doc, subject: str):
	if not doc.applicant_user:
		return
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": doc.applicant_user,
			"type": "Alert",
			"document_type": doc.doctype,
			"document_name": doc.name,
			"subject": subject,
		}
	).insert(ignore_permissions=True)


def close_overdue_applications(now: datetime.datetime | None = None) -> int:
	"""Scheduler entry point (hourly; the scheduler commits). Returns how many it closed.

	Each application is closed in a savepoint of its own: one that fails is undone, logged to the
	Error Log with its name and tried again by the next run; the others are closed. Reasons,
	timeline entries and notifications are written in the site's language (a background job
	otherwise runs in English).
	"""
	now = clock.to_shanghai(now) if now else clock.now()
	closed = 0
	with print_language(frappe.get_system_settings("language") or frappe.local.lang):
		for name, state, reason in overdue(now):
			closed += bool(
				batch.for_record(
					"Title Application", name, job_title(), close, name, state, reason, now, default=False
				)
			)
	return closed
