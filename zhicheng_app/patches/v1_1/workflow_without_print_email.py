"""The shipped approval workflow no longer sends Frappe's print-PDF e-mail on each transition.

Sites installed before this change have the switch on; the next actors are now e-mailed by
``zhicheng_app.services.notifications`` (without rendering the application to PDF).
"""

import frappe

from zhicheng_app.workflows import WORKFLOW_NAME


def execute():
	if frappe.db.exists("Workflow", WORKFLOW_NAME):
		frappe.db.set_value("Workflow", WORKFLOW_NAME, "send_email_alert", 0, update_modified=False)
		frappe.clear_cache(doctype="Title Application")
