"""The default approval workflow of Title Application, shipped as data.

``title_application_approval.json`` holds the Workflow (every chain of the five notices as
branches chosen by transition conditions [spec §4.2–§4.6, §4.9]) with the Workflow State and
Workflow Action Master records it needs. It is installed when missing, on install and on every
migrate, and never overwritten there: an administrator's edits in the desk survive. An explicit
``restore_default`` puts the shipped version back.
"""

import copy
import json
import os

import frappe
from frappe import _

from zhicheng_app.roles import TITLE_ADMINISTRATOR

DEFAULT_FILE = os.path.join(os.path.dirname(__file__), "title_application_approval.json")
WORKFLOW_NAME = "Title Application Approval"


def load_default() -> dict:
	with open(DEFAULT_FILE, encoding="utf-8") as f:
		return json.load(f)


def _create_states_and_actions(default: dict):
	for state in default["states"]:
		if not frappe.db.exists("Workflow State", state["workflow_state_name"]):
			frappe.get_doc({"doctype": "Workflow State", **state}).insert(ignore_permissions=True)
	for action in default["actions"]:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)


def install_default_workflow():
	"""Insert the shipped workflow when no workflow of that name exists."""
	default = load_default()
	_create_states_and_actions(default)
	if frappe.db.exists("Workflow", WORKFLOW_NAME):
		return
	workflow = frappe.get_doc(copy.deepcopy(default["workflow"])).insert(ignore_permissions=True)
	# Applications saved before any workflow existed start in the first state
	frappe.db.set_value(
		"Title Application", {"workflow_state": ("is", "not set")}, "workflow_state", workflow.states[0].state
	)


def add_shipped_states(states: list[str]):
	"""Bring states added to the shipped workflow, and every shipped transition into or out of
	them, to a site installed before (for a patch). Rows the site already has are left as they
	are; nothing is removed, so an administrator's edits survive."""
	default = load_default()
	_create_states_and_actions(default)
	if not frappe.db.exists("Workflow", WORKFLOW_NAME):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	have_states = {row.state for row in workflow.states}
	have_transitions = {(row.state, row.action, row.next_state) for row in workflow.transitions}
	shipped = default["workflow"]
	for row in shipped["states"]:
		if row["state"] in states and row["state"] not in have_states:
			workflow.append("states", row)
	for row in shipped["transitions"]:
		key = (row["state"], row["action"], row["next_state"])
		if (row["state"] in states or row["next_state"] in states) and key not in have_transitions:
			workflow.append("transitions", row)
	workflow.workflow_data = None
	workflow.save(ignore_permissions=True)


def add_shipped_actions(actions: list[str]):
	"""Bring the shipped transitions of ``actions`` the site lacks (one per role, between states it
	may already have, which ``add_shipped_states`` does not compare) to a site installed before
	(for a patch). Rows the site has are left as they are."""
	default = load_default()
	_create_states_and_actions(default)
	if not frappe.db.exists("Workflow", WORKFLOW_NAME):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	have = {(row.state, row.action, row.next_state, row.allowed) for row in workflow.transitions}
	added = False
	for row in default["workflow"]["transitions"]:
		key = (row["state"], row["action"], row["next_state"], row["allowed"])
		if row["action"] in actions and key not in have:
			workflow.append("transitions", row)
			added = True
	if added:
		workflow.workflow_data = None
		workflow.save(ignore_permissions=True)


@frappe.whitelist(methods=["POST"])
def restore_default():
	"""Replace the workflow's states and transitions with the shipped ones."""
	frappe.only_for(("System Manager", TITLE_ADMINISTRATOR))
	default = load_default()
	_create_states_and_actions(default)
	shipped = copy.deepcopy(default["workflow"])
	if not frappe.db.exists("Workflow", WORKFLOW_NAME):
		frappe.get_doc(shipped).insert(ignore_permissions=True)
	else:
		workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
		workflow.update({k: v for k, v in shipped.items() if k not in ("doctype", "states", "transitions")})
		workflow.set("states", shipped["states"])
		workflow.set("transitions", shipped["transitions"])
		workflow.workflow_data = None
		workflow.save(ignore_permissions=True)
	frappe.msgprint(_("The default approval workflow has been restored"), alert=True)
	return WORKFLOW_NAME
