"""Whitelisted precheck for the desk form and the applicant portal."""

import frappe

from zhicheng_app.services.precheck import run_precheck


@frappe.whitelist()
def precheck(application: str | dict) -> dict:
	"""Findings, eligible routes and levels, materials, fee, defense and deadlines for an application.

	``application`` is the name of a saved application, or the unsaved form as a dict (the
	portal checks before the first save). Read permission on the application is required.
	"""
	if isinstance(application, str) and not application.lstrip().startswith("{"):
		doc = frappe.get_doc("Title Application", application)
		doc.check_permission("read")
	else:
		doc = frappe.get_doc({**frappe.parse_json(application), "doctype": "Title Application"})
		if not doc.is_new() and frappe.db.exists("Title Application", doc.name):
			frappe.get_doc("Title Application", doc.name).check_permission("read")
		else:
			doc.check_permission("create")
	return run_precheck(doc).to_dict()
