"""Who may change an application in its current state, enforced on the server.

Frappe's "only allow edit for" on workflow states is applied in the browser only; a REST call
or a web form could still change a file under review. A save that does not change the state
is refused unless the user holds the state's editing role (or administers titles).
"""

import frappe
from frappe import _
from frappe.utils import cstr, flt, get_datetime, getdate

from zhicheng_app.roles import TITLE_ADMINISTRATOR
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
ROW_BOOKKEEPING = {"name", "idx", "owner", "creation", "modified", "modified_by"}


def _rows(rows) -> list[dict]:
	return [{k: v for k, v in row.as_dict().items() if k not in ROW_BOOKKEEPING} for row in rows or []]


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
		if df.fieldname in IGNORED_FIELDS or df.fieldtype in ("Section Break", "Column Break", "Tab Break"):
			continue
		if df.fieldtype == "Table":
			if _rows(doc.get(df.fieldname)) != _rows(before.get(df.fieldname)):
				changed.append(df.fieldname)
		elif _value(df, doc.get(df.fieldname)) != _value(df, before.get(df.fieldname)):
			changed.append(df.fieldname)
	return changed


def check_editable(doc):
	roles = set(frappe.get_roles())
	if roles & ADMIN_ROLES:
		return
	role = editing_role(doc.workflow_state)
	if role is None or role in roles:
		return
	changed = changed_fields(doc)
	if changed:
		labels = "、".join(_(doc.meta.get_label(f)) for f in changed[:5])
		frappe.throw(
			_("The application is in the state {0}; you cannot change it now ({1})").format(
				_(doc.workflow_state), labels
			),
			frappe.PermissionError,
			title=_("Not editable in this state"),
		)
