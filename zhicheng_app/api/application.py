"""Portal actions on the applicant's own application (applicants have no desk)."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from zhicheng_app.services.portal import SUBMIT_ACTIONS
from zhicheng_app.services.precheck import run_precheck


@frappe.whitelist(methods=["POST"])
def submit(application: str) -> dict:
	"""Submit (or resubmit after a return) through the workflow; the precheck guard applies."""
	doc = frappe.get_doc("Title Application", application)
	doc.check_permission("write")
	action = SUBMIT_ACTIONS.get(doc.workflow_state)
	if not action:
		frappe.throw(
			_("The application is in the state {0} and cannot be submitted").format(_(doc.workflow_state))
		)
	doc = apply_workflow(doc, action)
	return {"name": doc.name, "workflow_state": doc.workflow_state}


@frappe.whitelist()
def status(application: str) -> dict:
	"""State, precheck summary and the next deadline for the portal page."""
	doc = frappe.get_doc("Title Application", application)
	doc.check_permission("read")
	result = run_precheck(doc)
	return {
		"workflow_state": doc.workflow_state,
		"workflow_state_label": _(doc.workflow_state or ""),
		"can_submit": doc.workflow_state in SUBMIT_ACTIONS,
		"blocking": len(result.blocking),
		"resubmit_deadline": doc.resubmit_deadline,
	}
