"""The paper stage of 阿地人社传〔2024〕6号 四、（二） in the approval workflow of an installed site.

Adds the states Unit Results Publicity, Paper Submitted and County Paper Submitted with the shipped
transitions into and out of them (``add_shipped_states``: rows the site has are kept). The HR
bureau's online step now passes the review (Pass Review) instead of confirming: the former shipped
rows that confirmed straight from County Confirmation and Prefecture Confirmation are removed when
they are still as shipped (the transition guard refuses them anyway); a row an administrator changed
is left.
"""

import frappe

from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.workflows import WORKFLOW_NAME, add_shipped_states

NEW_STATES = [
	WorkflowState.UNIT_RESULTS_PUBLICITY,
	WorkflowState.PAPER_SUBMITTED,
	WorkflowState.COUNTY_PAPER_SUBMITTED,
]
# the rows the workflow shipped before the paper stage: (state, action, next state, role, condition)
FORMER_ROWS = {
	(WorkflowState.COUNTY_CONFIRMATION, "Confirm", WorkflowState.CONFIRMED, "County HRSS Officer", ""),
	(
		WorkflowState.PREFECTURE_CONFIRMATION,
		"Confirm",
		WorkflowState.CONFIRMED,
		"Prefecture HRSS Officer",
		"",
	),
}


def execute():
	add_shipped_states([str(state) for state in NEW_STATES])
	if not frappe.db.exists("Workflow", WORKFLOW_NAME):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	keep = [
		row
		for row in workflow.transitions
		if (row.state, row.action, row.next_state, row.allowed, row.condition or "") not in FORMER_ROWS
	]
	if len(keep) != len(workflow.transitions):
		workflow.set("transitions", keep)
		workflow.workflow_data = None
		workflow.save(ignore_permissions=True)
