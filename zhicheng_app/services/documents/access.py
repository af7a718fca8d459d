"""Who may print what: a download needs print permission on its source record."""

import frappe

from zhicheng_app.documents import registry
from zhicheng_app.i18n import _


def check_print_permission(doctype: str, doc) -> None:
	"""Raise (zh) unless the user may print ``doc``."""
	if not frappe.has_permission(doctype, "print", doc):
		frappe.throw(
			_("You are not allowed to print {0} {1}").format(_(doctype), doc.name),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def spec_or_throw(kind: str) -> registry.TemplateSpec:
	"""The registry entry of ``kind``; raises (zh) for an unknown kind."""
	try:
		return registry.get_spec(kind)
	except registry.UnknownKind:
		frappe.throw(_("Unknown document template: {0}").format(kind), title=_("Unknown Document"))
