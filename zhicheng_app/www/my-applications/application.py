"""One of the applicant's applications: state, return and closure, deadlines, timeline,
documents and content (/my-applications/<name>)."""

import frappe

from zhicheng_app.i18n import _
from zhicheng_app.services import portal

no_cache = 1


def get_context(context):
	portal.require_login()
	name = frappe.form_dict.name
	if not name or not frappe.db.exists("Title Application", name):
		frappe.redirect(portal.LIST_ROUTE)
	context.application = portal.application_view(name)
	context.title = _("Title Application {0}").format(name)
	context.parents = [{"route": portal.LIST_ROUTE.lstrip("/"), "title": _("My Title Applications")}]
	context.show_sidebar = True
	context.submitted = bool(frappe.form_dict.submitted)
	context.page_messages = portal.page_messages()
