"""The hourly deadline job: an application past a deadline that governs its state ends in the
state the notice names, with the notice's wording, 文号 (or title) and clause as the reason.

Which deadline governs which state, and what it leads to, is data on the notice (each window's
``closes_states``, ``closes_as``, ``consequence`` and ``clause``, and the notice's
``late_resubmission_outcome`` for a returned file) and one rule of the engine
(``zhicheng_app.rules.deadlines``); this job only selects the applications in those states and
closes them.

Idempotent: an application already in a terminal state is never touched again, so a second
run changes nothing. Every closure is written to the application's timeline. A notice or an
application the job cannot handle (an unreadable date, any error) is skipped and written to the
Error Log with its name; the rest are closed, and the next run tries the skipped one again.
"""

import datetime

import frappe
from frappe import _
from frappe.translate import print_language

from zhicheng_app.rules import deadlines as rule
from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.services import batch, clock
from zhicheng_app.services.precheck import notice_config
from zhicheng_app.services.transitions import CLOSING_STATES, TERMINAL_STATES


def _deadline_with_consequence(notice, kind: str) -> rule.Deadline | None:
	"""The engine's deadline of the notice's window of ``kind``: the states it closes, when, and
	how; None when that window closes nothing."""
	return rule.closing_deadline(notice_config(notice.name), kind)


def overdue(now: datetime.datetime, notices: list[str] | None = None) -> list[tuple[str, str, str]]:
	"""[(application, terminal state, reason)] for every open application that a passed deadline
	governs; ``notices`` limits the search to those notices.

	A notice or an application whose dates cannot be read is logged and left out (see ``batch``).
	"""
	found = []
	names = notices if notices is not None else frappe.get_all("Title Notice", pluck="name")
	for notice_name in names:
		found += batch.for_record(
			"Title Notice", notice_name, job_title(), _overdue_of_notice, notice_name, now, default=[]
		)
	return found


def _overdue_of_notice(notice_name: str, now: datetime.datetime) -> list[tuple[str, str, str]]:
	notice = frappe.get_cached_doc("Title Notice", notice_name)
	config = notice_config(notice_name)
	passed = [
		d
		for d in (_deadline_with_consequence(notice, w.kind) for w in notice.get("windows") or [])
		if d is not None and d.passed(now)
	]
	found = []
	states = sorted({s for d in passed for s in d.states if s not in TERMINAL_STATES})
	if states:
		for row in frappe.get_all(
			"Title Application",
			filters={"notice": notice_name, "workflow_state": ("in", states)},
			fields=["name", "workflow_state"],
			order_by="name",
		):
			closure = rule.closure(config, row.workflow_state, now, deadlines=passed)
			if closure:
				found.append((row.name, closure.state, closure.reason))
	for row in frappe.get_all(
		"Title Application",
		filters={
			"notice": notice_name,
			"workflow_state": WorkflowState.RETURNED,
			"resubmit_deadline": ("<", clock.wall(now)),
		},
		fields=["name", "resubmit_deadline"],
		order_by="name",
	):
		if any(name == row.name for name, *_rest in found):
			continue
		closure = batch.for_record(
			"Title Application", row.name, job_title(), _late_resubmission, row, config, now
		)
		if closure:
			found.append(closure)
	return found


def _late_resubmission(row, config, now: datetime.datetime) -> tuple[str, str, str] | None:
	"""The closure of a returned application whose resubmission deadline has passed."""
	if not isinstance(row.resubmit_deadline, datetime.datetime):
		raise ValueError(f"unreadable resubmission deadline {row.resubmit_deadline!r}")
	closure = rule.closure(config, WorkflowState.RETURNED, now, clock.to_shanghai(row.resubmit_deadline))
	return (row.name, closure.state, closure.reason) if closure else None


def upcoming(
	notice: str, now: datetime.datetime, until: datetime.datetime, read=frappe.get_all, filters=None
):
	"""``[(application row, Deadline)]`` of ``notice``: the applications in a state that one of its
	deadlines closes after ``now`` and by ``until``, and the returned ones whose own resubmission
	deadline falls then. ``read`` lists the applications (``frappe.get_list`` for a user's scope),
	``filters`` narrow them; rows carry name, applicant_name, employer_unit, region, workflow_state."""
	config = notice_config(notice)
	now, until = clock.to_shanghai(now), clock.to_shanghai(until)
	fields = ["name", "applicant_name", "notice", "employer_unit", "region", "workflow_state"]
	base = [*(filters or []), ["Title Application", "notice", "=", notice]]
	found = []
	for deadline in rule.closing_deadlines(config):
		if not now < deadline.at <= until:
			continue
		states = [s for s in deadline.states if s not in TERMINAL_STATES] or [""]
		state_filter = ["Title Application", "workflow_state", "in", states]
		rows = read("Title Application", filters=[*base, state_filter], fields=fields, order_by="name")
		found += [(row, deadline) for row in rows]
	returned = read(
		"Title Application",
		filters=[
			*base,
			["Title Application", "workflow_state", "=", WorkflowState.RETURNED],
			["Title Application", "resubmit_deadline", "between", [clock.wall(now), clock.wall(until)]],
		],
		fields=[*fields, "resubmit_deadline"],
		order_by="name",
	)
	for row in returned:
		deadline = rule.resubmission_deadline(config, clock.to_shanghai(row.resubmit_deadline))
		if now < deadline.at <= until:
			found.append((row, deadline))
	return found


def workflow_states() -> list[str]:
	"""The states of the active approval workflow of Title Application, in its order (the
	vocabulary's when none is active)."""
	name = frappe.db.get_value("Workflow", {"document_type": "Title Application", "is_active": 1}, "name")
	if not name:
		return [state.value for state in WorkflowState]
	return frappe.get_all(
		"Workflow Document State",
		filters={"parent": name, "parenttype": "Workflow"},
		pluck="state",
		order_by="idx",
	)


def closable_states() -> list[str]:
	"""The workflow's states a deadline may close an application in (those that have not ended
	it), in the workflow's order: what the notice's form offers."""
	return [state for state in workflow_states() if state not in TERMINAL_STATES]


def check_window_states(doc) -> list[str]:
	"""Each window's ``closes_states`` of the Title Notice ``doc`` as the workflow's state names,
	one per line (a state typed by its label in the user's language is read as that state); the
	problems found, for the notice's validation."""
	states = workflow_states()
	by_label = {_(state): state for state in states}
	problems = []
	for row in doc.get("windows") or []:
		names = []
		for part in rule.parse_states(row.closes_states):
			state = part if part in states else by_label.get(part)
			if state is None:
				problems.append(
					_("Row {0} of {1}: {2} is not a state of the approval workflow").format(
						row.idx, _("Windows"), part
					)
				)
			elif state in TERMINAL_STATES:
				problems.append(
					_("Row {0} of {1}: an application in {2} has already ended").format(
						row.idx, _("Windows"), _(state)
					)
				)
			elif state not in names:
				names.append(state)
		row.closes_states = "\n".join(names)
		if names and not row.end:
			problems.append(
				_("Row {0} of {1}: a window that closes applications needs an end").format(
					row.idx, _("Windows")
				)
			)
	return problems


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


def close_overdue_applications(now: datetime.datetime | None = None, notices: list[str] | None = None) -> int:
	"""Scheduler entry point (hourly; the scheduler commits). Returns how many it closed;
	``notices`` limits the run to those notices (all by default).

	Each application is closed in a savepoint of its own: one that fails is undone, logged to the
	Error Log with its name and tried again by the next run; the others are closed. Reasons,
	timeline entries and notifications are written in the site's language (a background job
	otherwise runs in English).
	"""
	now = clock.to_shanghai(now) if now else clock.now()
	closed = 0
	with print_language(frappe.get_system_settings("language") or frappe.local.lang):
		for name, state, reason in overdue(now, notices):
			closed += bool(
				batch.for_record(
					"Title Application", name, job_title(), close, name, state, reason, now, default=False
				)
			)
	return closed
