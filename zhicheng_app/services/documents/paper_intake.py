"""Paper intake: the desk scans an application's barcode and its paper materials are received.

The paper window is the notice's "Paper Submission" window (Asia/Shanghai); a notice without
one sets no limit. An application the user may not see is reported as unknown.
"""

import datetime

import frappe

from zhicheng_app.documents.catalogue import APPLICATION
from zhicheng_app.documents.formatting import mask_name
from zhicheng_app.i18n import _
from zhicheng_app.rules.calendar import to_shanghai
from zhicheng_app.rules.vocabulary import WindowKind, WorkflowState
from zhicheng_app.rules.windows import outside_window
from zhicheng_app.services import clock

from .contexts import notice_record

INTAKE_ROLES = frozenset(
	{
		"Committee Office",
		"Prefecture HRSS Officer",
		"County HRSS Officer",
		"Title Administrator",
		"System Manager",
	}
)
RECEIVE_ACTION = "Receive Paper Materials"
# paper is received once the committee has accepted the application online (已接收材料), until
# the evaluation starts
RECEIVING_STATES = frozenset({WorkflowState.ACCEPTED, WorkflowState.FEE_PAID})
INTAKE_STATUS_LABELS = {
	"received": "Received",
	"already_received": "Already Received",
	"unknown": "Unknown Application",
	"outside_window": "Outside the Paper Window",
	"not_accepted": "Not Accepted Online",
}


def receive_paper(code: str, *, now: datetime.datetime | None = None) -> dict:
	"""Mark the paper materials of the application whose barcode was scanned as received.

	Returns ``{"status", "status_label", "message", "application", "applicant", "received_at",
	"received_by"}`` with status ``received``, ``already_received``, ``unknown`` or
	``outside_window`` or ``not_accepted``. ``now`` (naive = Asia/Shanghai) defaults to the campaign clock.
	"""
	result = _receive_paper(code, to_shanghai(now) if now else clock.now())
	result["status_label"] = _(INTAKE_STATUS_LABELS[result["status"]])
	return result


def _receive_paper(code: str, now: datetime.datetime) -> dict:
	if not INTAKE_ROLES & set(frappe.get_roles()):
		frappe.throw(
			_("Only the paper intake desk may mark paper materials received"), frappe.PermissionError
		)
	code = (code or "").strip().upper()
	result = {"status": "unknown", "application": code, "applicant": "", "received_at": "", "received_by": ""}
	name = frappe.db.get_value(APPLICATION, {"name": code}, "name", for_update=True) if code else None
	if not name or not frappe.has_permission(APPLICATION, "read", name):
		result["message"] = _("Unknown application number: {0}").format(code or "—")
		return result
	row = frappe.db.get_value(
		APPLICATION,
		name,
		["applicant_name", "notice", "workflow_state", "paper_received_at", "paper_received_by"],
		as_dict=True,
	)
	result["applicant"] = mask_name(row.applicant_name)
	if row.paper_received_at:
		by = frappe.utils.get_fullname(row.paper_received_by) if row.paper_received_by else ""
		result.update(
			status="already_received",
			received_at=clock.fmt(row.paper_received_at),
			received_by=by,
			message=_("The paper materials of {0} were already received on {1} by {2}").format(
				name, clock.fmt(row.paper_received_at), by
			),
		)
		return result
	if row.workflow_state not in RECEIVING_STATES:
		result.update(
			status="not_accepted",
			message=_(
				"{0} has not been accepted online by the committee (state: {1}); its paper materials cannot be received"
			).format(name, _(row.workflow_state or "")),
		)
		return result
	notice = notice_record(row.notice)
	window = clock.window(notice, WindowKind.PAPER) if notice else None
	if window is not None and outside_window(window[0], window[1], now):
		result.update(
			status="outside_window",
			message=_("{0} is outside the paper submission window ({1} to {2})").format(
				name, clock.fmt(window[0]), clock.fmt(window[1])
			),
		)
		return result
	if not frappe.has_permission(APPLICATION, "write", name):
		result["message"] = _("Unknown application number: {0}").format(name)
		return result

	received_at = clock.wall(now)  # stored as Shanghai wall time, like the windows
	user = frappe.session.user
	frappe.db.set_value(
		APPLICATION, name, {"paper_received_at": received_at, "paper_received_by": user}, update_modified=True
	)
	workflow_note = ""
	if row.workflow_state == WorkflowState.ACCEPTED:
		from frappe.model.workflow import apply_workflow, get_transitions

		doc = frappe.get_doc(APPLICATION, name)
		if any(t.action == RECEIVE_ACTION for t in get_transitions(doc)):
			apply_workflow(doc, RECEIVE_ACTION)
			workflow_note = _("; the application moved to Paper Received")
	result.update(
		status="received",
		received_at=clock.fmt(received_at),
		received_by=frappe.utils.get_fullname(user),
		message=_("Paper materials of {0} ({1}) received").format(name, result["applicant"]) + workflow_note,
	)
	return result
