"""The administrators' replacement templates (Document Template), one per kind when enabled."""

import frappe

from zhicheng_app.documents.render import TemplateReport, validate_template
from zhicheng_app.i18n import _

from .access import spec_or_throw
from .files import file_content

TEMPLATE = "Document Template"


def enabled_template_bytes(kind: str) -> bytes | None:
	"""The administrator's replacement template of ``kind``, if one is enabled."""
	row = frappe.db.get_value(TEMPLATE, {"kind": kind, "enabled": 1}, ["template_file"], as_dict=True)
	if not row or not row.template_file:
		return None
	return file_content(row.template_file)


def check_template(kind: str, file_url: str) -> TemplateReport:
	"""Validate an uploaded template; raise with every problem listed, else return the report."""
	spec_or_throw(kind)
	if not (file_url or "").lower().endswith(".docx"):
		frappe.throw(_("The template must be a .docx file"), title=_("Invalid Template"))
	report = validate_template(file_content(file_url), kind)
	if not report.ok:
		frappe.throw(
			"<br>".join(frappe.utils.escape_html(e) for e in report.errors), title=_("Invalid Template")
		)
	return report
