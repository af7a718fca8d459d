"""Two settings of the shipped approval workflow changed, applied to sites installed before:

- no Frappe print-PDF e-mail on each transition (``send_email_alert``): the next actors are now
  e-mailed by ``zhicheng_app.services.notifications`` without rendering the application to PDF;
- the workflow state is the status shown in the desk lists (``override_status`` off, which Frappe
  labels "Don't Override Status"), with each state's colour.
"""

import frappe

from zhicheng_app.workflows import WORKFLOW_NAME


def execute():
	if frappe.db.exists("Workflow", WORKFLOW_NAME):
		frappe.db.set_value(
			"Workflow", WORKFLOW_NAME, {"send_email_alert": 0, "override_status": 0}, update_modified=False
		)
		frappe.clear_cache(doctype="Title Application")
