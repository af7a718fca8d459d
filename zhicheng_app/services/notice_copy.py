"""A Title Notice copied for another campaign (the desk's "Copy for next year", a demo campaign).

The copy is planned by ``rules.notice_copy`` on plain data: every date of the notice and its rows
moved by one ``relativedelta``, the campaign's years with them, the 文号 cleared, the title's year
updated for whole years, and the list of what the administrator still has to review. Here the
source is read, the copy inserted with the user's permissions, and the review list stored on it
in ``copy_review`` (with ``copied_from``): both are permission level 1, which no role may write,
so only the server sets them.
"""

import frappe
from dateutil.relativedelta import relativedelta
from frappe import _
from frappe.model.document import Document

from zhicheng_app.roles import TITLE_ADMINISTRATOR
from zhicheng_app.rules.notice_copy import FieldSpec, next_code, plan_copy, review_text

DOCTYPE = "Title Notice"
LAYOUT_TYPES = frozenset(
	("Section Break", "Column Break", "Tab Break", "HTML", "Button", "Image", "Fold", "Heading")
)
# Set on the copy by the server only (permission level 1), never copied from the source
SERVER_FIELDS = frozenset(("copied_from", "copy_review"))
COPY_ROLES = frozenset((TITLE_ADMINISTRATOR, "System Manager"))


def _specs(doctype: str) -> list[FieldSpec]:
	specs = []
	for df in frappe.get_meta(doctype).fields:
		if df.fieldtype in LAYOUT_TYPES or df.fieldname in SERVER_FIELDS:
			continue
		children = tuple(_specs(df.options)) if df.fieldtype in ("Table", "Table MultiSelect") else ()
		specs.append(FieldSpec(df.fieldname, _(df.label or df.fieldname), df.fieldtype, children))
	return specs


def notice_schema() -> list[FieldSpec]:
	"""The Title Notice's fields and its tables' fields, labelled in the user's language."""
	return _specs(DOCTYPE)


def notice_values(doc: Document, schema: list[FieldSpec]) -> dict:
	"""The notice's data as plain values: its fields, and per table the rows' own fields (no name,
	parent or row number)."""
	values = {}
	for spec in schema:
		if spec.children:
			values[spec.fieldname] = [
				{child.fieldname: row.get(child.fieldname) for child in spec.children}
				for row in doc.get(spec.fieldname) or []
			]
		else:
			values[spec.fieldname] = doc.get(spec.fieldname)
	return values


def _code_taken(code: str) -> bool:
	return bool(frappe.db.exists(DOCTYPE, code) or frappe.db.exists(DOCTYPE, {"code": code}))


def copy_notice(source: str, delta: relativedelta, *, code: str | None = None) -> Document:
	"""Insert a new Title Notice copied from ``source`` with every Date and Datetime of the notice
	and of its rows moved by ``delta``, under ``code`` (or the source's code with the new year) and
	with its review list in ``copy_review``. The source is not changed."""
	original = frappe.get_doc(DOCTYPE, source)
	original.check_permission("read")
	schema = notice_schema()
	plan = plan_copy(notice_values(original, schema), schema, delta)
	if code:
		if _code_taken(code):
			frappe.throw(
				_("A notice with the code {0} exists already").format(code),
				frappe.DuplicateEntryError,
				title=_("The notice cannot be copied"),
			)
	else:
		code = next_code(original.code, plan.old_year, plan.new_year, _code_taken)
	doc = frappe.get_doc({"doctype": DOCTYPE, **plan.values, "code": code})
	doc.insert()
	doc.db_set(
		{"copied_from": original.name, "copy_review": review_text(plan.review)},
		update_modified=False,
	)
	return doc


def copy_for_next_year(notice: str) -> Document:
	"""Next year's notice from ``notice``, for title administrators (and System Managers)."""
	if not COPY_ROLES & set(frappe.get_roles()):
		frappe.throw(
			_("Only title administrators may copy a notice for the next year"),
			frappe.PermissionError,
			title=_("Not permitted"),
		)
	return copy_notice(notice, relativedelta(years=1))
