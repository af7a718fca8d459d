"""Who may change which part of an application in its current state, enforced on the server.

Each field has an owner, expressed as its permission level in the DocType (Frappe resets a field
of a level the user may not write on every save, REST and web forms included):

- level 0, the applicant's content: changed only in the applicant's states (Draft, Returned), by
  the state's editing role of the workflow;
- level 1, the unit's publicity (Unit HR): only before the unit forwards the application;
- level 2, the return reasons (Committee Office): only while the committee reviews;
- level 3, what the workflow, the deadline job, the fee desk, paper intake and the engine record:
  written by the server only (no role has write permission);
- level 4, the applicant's user account: assigned by administrators.

Frappe's "only allow edit for" on workflow states is applied in the browser only; this module is
what the server enforces for a save that does not change the state.
"""

import frappe
from frappe import _
from frappe.utils import cstr, flt, get_datetime, getdate

from zhicheng_app.roles import TITLE_ADMINISTRATOR
from zhicheng_app.rules.vocabulary import APPLICANT_STATES, WorkflowState
from zhicheng_app.workflows import WORKFLOW_NAME

ADMIN_ROLES = {"System Manager", TITLE_ADMINISTRATOR}
# Fields that carry no application content: saving them alone changes nothing the reviewer read
IGNORED_FIELDS = {"modified", "modified_by", "_seen", "_comments", "_assign", "_liked_by", "_user_tags"}


def editing_role(state: str | None) -> str | None:
	if not state or not frappe.db.exists("Workflow", WORKFLOW_NAME):
		return None
	workflow = frappe.get_cached_doc("Workflow", WORKFLOW_NAME)
	return next((row.allow_edit for row in workflow.states if row.state == state), None)


NUMERIC = {"Int", "Float", "Currency", "Percent", "Check"}
NO_VALUE_TYPES = ("Section Break", "Column Break", "Tab Break")
ROW_BOOKKEEPING = {"name", "idx", "owner", "creation", "modified", "modified_by"}


def _rows(rows) -> list[dict]:
	"""The rows' content in a comparable form: a date sent as text equals the stored date."""
	return [
		{
			df.fieldname: _value(df, row.get(df.fieldname))
			for df in row.meta.fields
			if df.fieldname not in ROW_BOOKKEEPING and df.fieldtype not in NO_VALUE_TYPES
		}
		for row in rows or []
	]


def _value(df, value):
	"""A comparable form of a field's value, whatever type the client sent it as."""
	if df.fieldtype in NUMERIC:
		return flt(value)
	if df.fieldtype == "Date":
		return getdate(value) if value else None
	if df.fieldtype == "Datetime":
		return get_datetime(value) if value else None
	return cstr(value)


def changed_fields(doc) -> list[str]:
	"""Fields whose value differs from the stored document (child tables compared row by row)."""
	before = doc.get_doc_before_save()
	if not before:
		return []
	changed = []
	for df in doc.meta.fields:
		if df.fieldname in IGNORED_FIELDS or df.fieldtype in NO_VALUE_TYPES:
			continue
		if df.fieldtype == "Table":
			if _rows(doc.get(df.fieldname)) != _rows(before.get(df.fieldname)):
				changed.append(df.fieldname)
		elif _value(df, doc.get(df.fieldname)) != _value(df, before.get(df.fieldname)):
			changed.append(df.fieldname)
	return changed


# the states in which a field of each permission level may change (level 3 and 4: see above)
STATES_BY_LEVEL = {
	0: APPLICANT_STATES,
	1: (*APPLICANT_STATES, WorkflowState.UNIT_REVIEW),
	2: (WorkflowState.COMMITTEE_REVIEW,),
}
# fixed once the application has left its first draft: they decide who reviews it and under which notice
FIXED_AFTER_SUBMISSION = ("notice", "employer_unit")


def _refuse(doc, fields: list[str]):
	labels = "、".join(_(doc.meta.get_label(f)) for f in fields[:5])
	frappe.throw(
		_("The application is in the state {0}; you cannot change it now ({1})").format(
			_(doc.workflow_state), labels
		),
		frappe.PermissionError,
		title=_("Not editable in this state"),
	)


def check_editable(doc, state: str | None = None):
	"""Refuse a save that changes a field its level does not open in ``state`` (the current
	state, or the state a transition leaves). Levels 3 and 4 are left to the permission levels:
	Frappe has already put back what the user may not write, and the server sets them itself."""
	roles = set(frappe.get_roles())
	if roles & ADMIN_ROLES:
		return
	state = state or doc.workflow_state
	refused = []
	for fieldname in changed_fields(doc):
		level = doc.meta.get_field(fieldname).permlevel or 0
		if fieldname == "workflow_state" or level > 2:
			continue
		if state not in STATES_BY_LEVEL.get(level, ()):
			refused.append(fieldname)
		elif level == 0 and editing_role(state) not in roles:
			refused.append(fieldname)
	if refused:
		_refuse(doc, refused)


def check_fixed_after_submission(doc):
	before = doc.get_doc_before_save()
	if not before or before.workflow_state in (None, "", WorkflowState.DRAFT):
		return
	changed = [f for f in FIXED_AFTER_SUBMISSION if doc.get(f) != before.get(f)]
	if changed:
		labels = "、".join(_(doc.meta.get_label(f)) for f in changed)
		frappe.throw(
			_("{0} cannot be changed once the application has been submitted").format(labels),
			frappe.PermissionError,
			title=_("Not editable in this state"),
		)


def check_attachment_upload(file):
	"""Before Frappe stores an uploaded File (``overrides/file.py``): a file is attached to an
	application only by someone who may change it in its current state (the state's editing
	role), within the user's scope."""
	if file.attached_to_doctype != "Title Application" or not file.attached_to_name:
		return
	if set(frappe.get_roles()) & ADMIN_ROLES or file.flags.ignore_permissions:
		return
	application = frappe.get_doc("Title Application", file.attached_to_name)
	if not application.has_permission("write"):
		frappe.throw(_("You cannot attach files to this application"), frappe.PermissionError)
	if editing_role(application.workflow_state) not in frappe.get_roles():
		frappe.throw(
			_("The application is in the state {0}; files can no longer be attached").format(
				_(application.workflow_state)
			),
			frappe.PermissionError,
			title=_("Not editable in this state"),
		)
