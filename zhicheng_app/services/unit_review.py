"""The employer unit's part of an application (用人单位审核公示), for the unit's portal pages.

Everything goes through the same checks as the desk: the record scope and permission levels
(``permissions``, ``editability``), the workflow's own transitions and their guards
(``transitions.check_unit_publicity``). The unit enters its publicity (公示) while the publicity
may change, then recommends the application with the notice's fixed opinion or returns it to the
applicant with its reason.
"""

import datetime

import frappe
from frappe.model.workflow import apply_workflow, get_transitions

from zhicheng_app.documents.catalogue import (
	CLOSED_STATES,
	KIND_SOURCE,
	UNIT_DOCUMENT_TITLES,
	notice_templates,
	unit_documents,
)
from zhicheng_app.documents.contexts import recommendation_opinion
from zhicheng_app.documents.formatting import cn_date
from zhicheng_app.documents.registry import REGISTRY
from zhicheng_app.i18n import _
from zhicheng_app.permissions import get_scope
from zhicheng_app.roles import UNIT_HR
from zhicheng_app.rules.calendar import CalendarUnsupported, earliest_period_end, working_days_between
from zhicheng_app.rules.model import NoticeConfig
from zhicheng_app.rules.publicity import publicity_findings
from zhicheng_app.rules.registry import notice_citation
from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.services import clock, results
from zhicheng_app.services.editability import ADMIN_ROLES, editing_role
from zhicheng_app.services.precheck import notice_config
from zhicheng_app.services.publicity_objections import DOCTYPE as OBJECTION
from zhicheng_app.services.publicity_objections import PUBLICITY_STATES

APPLICATION = "Title Application"
RECOMMEND = "Recommend"
RETURN = "Return to Applicant"
UNIT_ACTIONS = (RECOMMEND, RETURN)
PUBLICITY_FIELDS = ("publicity_start", "publicity_end", "publicity_notes")


def is_unit_user() -> bool:
	"""Whether the user works the unit's pages: Unit HR, or an administrator."""
	roles = set(frappe.get_roles())
	return UNIT_HR in roles or bool(roles & ADMIN_ROLES)


# ---------------------------------------------------------------- lists
def units_of_user() -> list[dict]:
	"""The Employer Units the user works for (every unit for administrators): ``[{name, unit_name}]``."""
	scope = get_scope()
	filters = {} if scope.unscoped else {"name": ("in", sorted(scope.units) or [""])}
	return frappe.get_all(
		"Employer Unit", filters=filters, fields=["name", "unit_name"], order_by="unit_name"
	)


def _notice_labels(names: set[str]) -> dict[str, str]:
	return {name: notice_citation(notice_config(name)) for name in names if name}


def list_applications(unit: str | None = None, state: str | None = None) -> list[dict]:
	"""The applications of the user's units (of ``unit``, in ``state``), newest first, with the zh
	labels the list shows."""
	filters = {}
	if unit or not get_scope().unscoped:
		units = [u.name for u in units_of_user() if not unit or u.name == unit]
		filters["employer_unit"] = ("in", units or [""])
	if state:
		filters["workflow_state"] = state
	rows = frappe.get_list(
		APPLICATION,
		filters=filters,
		fields=[
			"name",
			"applicant_name",
			"notice",
			"route",
			"target_level",
			"workflow_state",
			"employer_unit",
			"results_publicity_start",
			"results_publicity_end",
		],
		order_by="modified desc",
		limit_page_length=0,
	)
	notices = _notice_labels({row.notice for row in rows})
	for row in rows:
		row.notice_label = notices.get(row.notice, row.notice or "")
		row.route_label = _(row.route) if row.route else ""
		row.level_label = _(row.target_level) if row.target_level else ""
		row.state_label = _(row.workflow_state) if row.workflow_state else ""
		row.results_publicity = (
			_("{0} to {1}").format(row.results_publicity_start, row.results_publicity_end)
			if row.results_publicity_start
			else ""
		)
	return rows


def state_counts(rows: list[dict]) -> list[dict]:
	"""``[{state, label, count}]`` of the listed applications, in the workflow's order of states."""
	counts: dict[str, int] = {}
	for row in rows:
		counts[row.workflow_state] = counts.get(row.workflow_state, 0) + 1
	known = [state.value for state in WorkflowState if state.value in counts]
	others = sorted(state for state in counts if state not in known)
	return [{"state": state, "label": _(state), "count": counts[state]} for state in known + others]


# ---------------------------------------------------------------- the publicity
def _date(value) -> datetime.date | None:
	return frappe.utils.getdate(value) if value else None


def proposed_end(config: NoticeConfig, start) -> dict:
	"""The earliest last day of a publicity that begins on ``start`` and lasts the notice's working
	days: ``{"earliest_end", "message", "working_days"}`` (``earliest_end`` None when the official
	calendar does not cover the year; the message says so)."""
	days = config.publicity_min_working_days
	start = _date(start)
	if not start:
		return {"earliest_end": None, "message": "", "working_days": days}
	try:
		end = earliest_period_end(start, days, config.extra_holidays, config.extra_workdays)
	except CalendarUnsupported as exc:
		return {"earliest_end": None, "message": exc.message, "working_days": days}
	message = _("The publicity may end on {0} at the earliest ({1} working days)").format(cn_date(end), days)
	return {"earliest_end": end.isoformat(), "message": message, "working_days": days}


def can_edit_publicity(doc) -> bool:
	"""The unit may change the publicity now: its permission level in a state that opens it."""
	return (
		doc.workflow_state in PUBLICITY_STATES
		and doc.has_permission("write")
		and doc.has_permlevel_access_to("publicity_start", permission_type="write")
	)


def publicity_view(doc) -> dict:
	"""The application's publicity as the unit's page shows it, with what the rules say about it
	now (at forwarding while the unit reviews it)."""
	config = notice_config(doc.notice)
	start, end = _date(doc.publicity_start), _date(doc.publicity_end)
	findings = publicity_findings(
		config,
		start,
		end,
		bool(doc.publicity_objection),
		clock.now().date(),
		at_forwarding=doc.workflow_state == WorkflowState.UNIT_REVIEW,
	)
	days = None
	if start and end:
		try:
			days = working_days_between(start, end, config.extra_holidays, config.extra_workdays)
		except CalendarUnsupported:
			days = None
	return {
		"start": start.isoformat() if start else "",
		"end": end.isoformat() if end else "",
		"notes": doc.publicity_notes or "",
		"objection": bool(doc.publicity_objection),
		"working_days": days,
		"min_working_days": config.publicity_min_working_days,
		"before_application": bool(config.publicity_before_application),
		"proposal": proposed_end(config, start),
		"findings": [{"message": f.message, "reference": f.seed_ref} for f in findings],
		"editable": can_edit_publicity(doc),
	}


def save_publicity(name: str, values: dict):
	"""Write the unit's publicity fields (start, end, notes) with an ordinary save: the state's
	checks and the permission levels decide, as for the desk form."""
	doc = frappe.get_doc(APPLICATION, name)
	doc.check_permission("write")
	if not doc.has_permlevel_access_to("publicity_start", permission_type="write"):
		frappe.throw(_("Only the unit may enter its publicity"), frappe.PermissionError)
	for field in PUBLICITY_FIELDS:
		if field in values:
			doc.set(field, values[field] or None)
	doc.save()
	return doc


# ---------------------------------------------------------------- objections
def objections(name: str) -> list[dict]:
	"""The application's objections, for those who may read them (never its applicant)."""
	if not frappe.has_permission(OBJECTION, "read"):
		return []
	rows = frappe.get_list(
		OBJECTION,
		filters={"application": name},
		fields=["name", "received_on", "raised_by", "content", "status", "handling", "resolved_on"],
		order_by="received_on asc, creation asc",
	)
	for row in rows:
		row.status_label = _(row.status)
		row.received_on = str(row.received_on or "")
		row.resolved_on = str(row.resolved_on or "")
	return rows


def add_objection(name: str, received_on, content: str, raised_by: str | None = None):
	return frappe.get_doc(
		{
			"doctype": OBJECTION,
			"application": name,
			"received_on": received_on,
			"content": content,
			"raised_by": raised_by,
		}
	).insert()


def handle_objection(objection: str, status: str, handling: str):
	doc = frappe.get_doc(OBJECTION, objection)
	doc.check_permission("write")
	doc.status = status
	doc.handling = handling
	doc.save()
	return doc


# ---------------------------------------------------------------- recommend or return
def unit_actions(doc) -> dict[str, str]:
	"""The unit's transitions open to the user now: action -> the zh label of the state it leads to."""
	if doc.workflow_state != WorkflowState.UNIT_REVIEW or not doc.has_permission("write"):
		return {}
	return {t.action: _(t.next_state) for t in get_transitions(doc) if t.action in UNIT_ACTIONS}


def _comment(doc, text: str):
	doc.add_comment("Comment", frappe.utils.escape_html(text))


def recommend(name: str):
	"""The workflow's "Recommend" (its guard checks the publicity), with the notice's opinion on
	the timeline."""
	doc = frappe.get_doc(APPLICATION, name)
	opinion, _reference = recommendation_opinion(notice_config(doc.notice))
	doc = apply_workflow(doc, RECOMMEND)
	_comment(doc, _("Unit recommendation opinion: {0}").format(opinion))
	return doc


def return_to_applicant(name: str, reason: str):
	"""The workflow's "Return to Applicant", with the unit's reason on the timeline."""
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("State the reason for returning the application to the applicant"))
	doc = apply_workflow(frappe.get_doc(APPLICATION, name), RETURN)
	_comment(doc, _("Returned to the applicant by the unit: {0}").format(reason))
	return doc


def unit_decisions(name: str) -> list[dict]:
	"""The unit's recommendations and returns on the application's timeline, newest first:
	``[{"when" (the site's time), "content" (stored escaped)}]``."""
	marks = (
		_("Unit recommendation opinion: {0}").split("{0}")[0],
		_("Returned to the applicant by the unit: {0}").split("{0}")[0],
	)
	comments = frappe.get_all(
		"Comment",
		filters={"reference_doctype": APPLICATION, "reference_name": name, "comment_type": "Comment"},
		fields=["content", "creation", "comment_email"],
		order_by="creation desc",
	)
	return [
		{"when": frappe.utils.format_datetime(c.creation, "yyyy-MM-dd HH:mm"), "content": c.content}
		for c in comments
		if (c.content or "").startswith(marks)
	]


def can_attach(doc) -> bool:
	"""Files may be attached to the application now: the state's editing role (as the File's own
	check, ``editability.check_attachment_upload``, requires)."""
	return editing_role(doc.workflow_state) in frappe.get_roles() and doc.has_permission("write")


def materials_view(doc, config: NoticeConfig) -> list[dict]:
	"""The applicant's attachments, each under the name the notice gives its material."""
	labels = {row.code: row.label for row in config.materials}
	return [
		{
			"material": labels.get(row.material_code) or row.material_code or "",
			"description": row.description or "",
			"file_url": row.file or "",
			"file_name": (row.file or "").rsplit("/", 1)[-1],
		}
		for row in doc.get("attachments") or []
		if row.file
	]


# ---------------------------------------------------------------- the page
def application_view(name: str) -> dict:
	"""Everything the unit's page of one application shows (read permission required)."""
	doc = frappe.get_doc(APPLICATION, name)
	doc.check_permission("read")
	config = notice_config(doc.notice)
	opinion, reference = recommendation_opinion(config)
	return {
		"name": doc.name,
		"applicant_name": doc.applicant_name or "",
		"employer_unit": doc.employer_unit,
		"unit_name": frappe.db.get_value("Employer Unit", doc.employer_unit, "unit_name") or "",
		"notice": doc.notice,
		"notice_label": notice_citation(config),
		"route": doc.route,
		"route_label": _(doc.route) if doc.route else "",
		"level_label": _(doc.target_level) if doc.target_level else "",
		"series": doc.series or "",
		"profession": doc.profession or "",
		"workflow_state": doc.workflow_state,
		"state_label": _(doc.workflow_state) if doc.workflow_state else "",
		"closed": doc.workflow_state in CLOSED_STATES,
		"personal_summary": doc.personal_summary or "",
		"materials": materials_view(doc, config),
		"publicity": publicity_view(doc),
		"results_publicity": results.publicity_view(doc),
		"objections": objections(doc.name),
		"actions": unit_actions(doc),
		"opinion": opinion,
		"opinion_reference": reference,
		"documents": [
			{
				"document": document,
				"kind": kind,
				"title": _(UNIT_DOCUMENT_TITLES[document]),
				"template_title": _(REGISTRY[kind].title),
				"per_person": KIND_SOURCE[kind] == APPLICATION,
			}
			for document, kind in unit_documents(doc.route, notice_templates(config))
			if doc.workflow_state not in CLOSED_STATES  # nothing to publicise once it ended
		],
		"decisions": unit_decisions(doc.name),
		"can_attach": can_attach(doc),
	}
