"""The unit's side of the paper stage of 阿地人社传〔2024〕6号 四、（二）, for its portal page.

Once the HR bureau's review has passed (Unit Results Publicity) the unit enters the period of its
publicity of the passed applicants and what it met, then sends its paper (Submit Paper Materials)
for each of them at once. The publicity fields are the server's (permission level 3): only this
module writes them, for the unit's own HR, in that state. The transition's guard
(``transitions.check_paper_stage``) checks the publicity and the window.
"""

import frappe
from frappe.model.workflow import apply_workflow

from zhicheng_app.documents.catalogue import APPLICATION, BATCH_ROUTES, route_of
from zhicheng_app.i18n import _
from zhicheng_app.rules.paper_stage import UNIT_CLAUSE
from zhicheng_app.rules.registry import cite
from zhicheng_app.rules.vocabulary import PASSED_REVIEW_STATES, WindowKind, WorkflowState
from zhicheng_app.services import clock
from zhicheng_app.services.documents import paper_stage as paper_documents
from zhicheng_app.services.precheck import notice_config

SUBMIT_PAPER = "Submit Paper Materials"
REPUBLICITY_FIELDS = ("republicity_start", "republicity_end", "republicity_objection", "republicity_notes")


def _in_publicity(unit: str, notice: str) -> list:
	"""The unit's applications of the notice in its publicity of the passed applicants."""
	names = frappe.get_all(
		APPLICATION,
		filters={
			"employer_unit": unit,
			"notice": notice,
			"workflow_state": WorkflowState.UNIT_RESULTS_PUBLICITY,
		},
		pluck="name",
		order_by="creation asc",
	)
	return [frappe.get_doc(APPLICATION, n) for n in names]


def save_republicity(unit: str, notice: str, values: dict) -> int:
	"""Write the unit's publicity of the passed applicants on each of its applications of the notice
	in that state; returns how many. The unit's own HR only."""
	paper_documents.check_unit(unit)
	apps = _in_publicity(unit, notice)
	if not apps:
		frappe.throw(
			_("No application of the unit is in the state {0}").format(
				_(WorkflowState.UNIT_RESULTS_PUBLICITY)
			),
			title=_("Nothing to Do"),
		)
	start = frappe.utils.getdate(values.get("republicity_start")) if values.get("republicity_start") else None
	end = frappe.utils.getdate(values.get("republicity_end")) if values.get("republicity_end") else None
	if start and end and end < start:
		frappe.throw(_("The publicity cannot end before it starts"))
	for doc in apps:
		doc.check_permission("write")
		doc.republicity_start = start
		doc.republicity_end = end
		doc.republicity_objection = 1 if frappe.utils.cint(values.get("republicity_objection")) else 0
		doc.republicity_notes = (values.get("republicity_notes") or "").strip() or None
		doc.flags.ignore_permissions = True  # server-owned fields, checked above
		doc.save()
	return len(apps)


def submit_paper(unit: str, notice: str) -> list[str]:
	"""The workflow's Submit Paper Materials for each of the unit's applications of the notice in its
	publicity of the passed applicants (the guard refuses them all if one is refused)."""
	paper_documents.check_unit(unit)
	apps = _in_publicity(unit, notice)
	if not apps:
		frappe.throw(
			_("No application of the unit is in the state {0}").format(
				_(WorkflowState.UNIT_RESULTS_PUBLICITY)
			),
			title=_("Nothing to Do"),
		)
	return [apply_workflow(doc, SUBMIT_PAPER).name for doc in apps]


def _window_text(notice_doc, kind: str) -> str:
	window = clock.window(notice_doc, kind)
	if not window:
		return ""
	return f"{clock.fmt(window[0])} — {clock.fmt(window[1])}"


def unit_view(units: list) -> list[dict]:
	"""One entry per (unit, notice) with applications of the 004 routes through the bureau's
	review: the applications, the unit's publicity of them, the unit's paper window and whether
	the unit can send its paper now."""
	entries = []
	for unit in units:
		rows = frappe.get_all(
			APPLICATION,
			filters={"employer_unit": unit.name, "workflow_state": ("in", sorted(PASSED_REVIEW_STATES))},
			fields=[
				"name",
				"notice",
				"applicant_name",
				"route",
				"target_level",
				"workflow_state",
				*REPUBLICITY_FIELDS,
			],
			order_by="creation asc",
		)
		by_notice: dict[str, list] = {}
		for row in rows:
			if route_of(row.route) in BATCH_ROUTES:
				by_notice.setdefault(row.notice, []).append(row)
		for notice, members in by_notice.items():
			notice_doc = frappe.get_cached_doc("Title Notice", notice)
			config = notice_config(notice)
			waiting = [r for r in members if r.workflow_state == WorkflowState.UNIT_RESULTS_PUBLICITY]
			first = waiting[0] if waiting else members[0]
			entries.append(
				{
					"unit": unit.name,
					"unit_name": unit.unit_name,
					"notice": notice,
					"notice_label": notice_doc.title or notice,
					"reference": cite(config, UNIT_CLAUSE),
					"window": _window_text(notice_doc, WindowKind.PAPER),
					"min_working_days": config.publicity_min_working_days,
					"waiting": len(waiting),
					"republicity_start": str(first.republicity_start or ""),
					"republicity_end": str(first.republicity_end or ""),
					"republicity_objection": bool(first.republicity_objection),
					"republicity_notes": first.republicity_notes or "",
					"rows": [
						{
							"name": r.name,
							"applicant_name": r.applicant_name,
							"route_label": _(r.route),
							"level_label": _(r.target_level),
							"state_label": _(r.workflow_state),
						}
						for r in members
					],
				}
			)
	return entries
