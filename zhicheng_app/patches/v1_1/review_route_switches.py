"""The Recommend transitions out of Unit Review test one named switch each (``doc.to_county_review``
…) instead of Python on the route's and the unit location's English codes.

On a site installed before:

- every application gets its switches, derived by ``rules.review_route`` from the same stored
  values the old conditions read (route, unit location, supervising unit and the notice's chain
  switches as copied at the last save), so each goes where it went before;
- a transition's condition is replaced only where it still is the shipped text of before; a
  condition an administrator edited is left as it is.
"""

import frappe
from frappe.query_builder.functions import Coalesce

from zhicheng_app.rules.review_route import REVIEW_SWITCHES, review_switches
from zhicheng_app.workflows import WORKFLOW_NAME, load_default

# next state of the Unit Review → Recommend transition: its shipped condition before this patch
OLD_CONDITIONS = {
	"Prefecture Confirmation": "doc.route in ('Grant by Degree', 'Initial Junior', 'Township Initial Intermediate', 'Fanghuiju Three-Year Promotion') and doc.unit_location == 'Prefecture-direct'",
	"County Confirmation": "doc.route == 'Initial Junior' and doc.unit_location != 'Prefecture-direct'",
	"County Review": "doc.route in ('Grant by Degree', 'Township Initial Intermediate', 'Fanghuiju Three-Year Promotion') and doc.unit_location != 'Prefecture-direct'",
	"Employment Service Review": "doc.route == 'Private Enterprise Special' and doc.via_employment_service",
	"Supervising Review": "doc.route in ('Directed Evaluation', 'Autonomous Region Evaluation') and doc.supervising_unit and doc.via_supervising_unit",
	"Committee Review": "(doc.route == 'Private Enterprise Special' and not doc.via_employment_service) or (doc.route in ('Directed Evaluation', 'Autonomous Region Evaluation') and not (doc.supervising_unit and doc.via_supervising_unit))",
}  # fmt: skip
FROM_STATE, ACTION = "Unit Review", "Recommend"


def execute():
	set_application_switches()
	if frappe.db.exists("Workflow", WORKFLOW_NAME):
		workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
		if replace_shipped_conditions(workflow.transitions):
			workflow.save(ignore_permissions=True)


def set_application_switches(names: list[str] | None = None):
	"""Each application's switches from its stored facts: one update per combination of them."""
	table = frappe.qb.DocType("Title Application")
	has_supervising_unit = Coalesce(table.supervising_unit, "") != ""
	query = (
		frappe.qb.from_(table)
		.select(
			table.route,
			table.unit_location,
			has_supervising_unit.as_("has_supervising_unit"),
			table.via_employment_service,
			table.via_supervising_unit,
		)
		.distinct()
	)
	if names is not None:
		query = query.where(table.name.isin(names or [""]))
	for facts in query.run(as_dict=True):
		switches = review_switches(
			facts.route,
			facts.unit_location,
			bool(facts.has_supervising_unit),
			facts.via_employment_service,
			facts.via_supervising_unit,
		)
		update = frappe.qb.update(table)
		for fieldname, value in switches.items():
			update = update.set(table[fieldname], value)
		update = update.where(
			(Coalesce(table.route, "") == (facts.route or ""))
			& (Coalesce(table.unit_location, "") == (facts.unit_location or ""))
			& (has_supervising_unit if facts.has_supervising_unit else ~has_supervising_unit)
			& (table.via_employment_service == facts.via_employment_service)
			& (table.via_supervising_unit == facts.via_supervising_unit)
		)
		if names is not None:
			update = update.where(table.name.isin(names or [""]))
		update.run()


def shipped_conditions() -> dict[str, str]:
	"""Next state → the condition the shipped workflow now has, for the Recommend transitions."""
	return {
		row["next_state"]: row["condition"]
		for row in load_default()["workflow"]["transitions"]
		if row["state"] == FROM_STATE and row["action"] == ACTION
	}


def replace_shipped_conditions(transitions) -> list[str]:
	"""Give each Recommend transition out of Unit Review whose condition still is the old shipped
	text the new shipped one; the next states of the rows changed. Other rows are left alone."""
	new = shipped_conditions()
	assert set(new) == set(OLD_CONDITIONS) and all(
		value.removeprefix("doc.") in REVIEW_SWITCHES for value in new.values()
	), "the shipped workflow's Recommend transitions do not match the switches"
	changed = []
	for row in transitions:
		if row.state != FROM_STATE or row.action != ACTION or row.next_state not in OLD_CONDITIONS:
			continue
		if (row.condition or "").strip() == OLD_CONDITIONS[row.next_state]:
			row.condition = new[row.next_state]
			changed.append(row.next_state)
	return changed
