"""单位职称申报: the applications of the user's employer units, by state (Unit HR's portal page)."""

import os

import frappe

from zhicheng_app.documents.catalogue import UNIT_DOCUMENT_TITLES
from zhicheng_app.i18n import _
from zhicheng_app.services import paper_stage, unit_paper, unit_review
from zhicheng_app.services.documents import paper_stage as paper_documents

no_cache = 1
sitemap = 0
ROUTE = "unit-applications"


SCRIPT = os.path.join(os.path.dirname(os.path.dirname(__file__)), "public", "js", "unit_portal.js")


def asset_version() -> str:
	"""Changes with the pages' script, so that browsers load the new one."""
	try:
		return str(int(os.path.getmtime(SCRIPT)))
	except OSError:
		return ""


def require_unit_user(route: str):
	"""Guests are sent to the login page; users who are not a unit's HR are refused."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/login?redirect-to=/{route}"
		raise frappe.Redirect
	if not unit_review.is_unit_user():
		frappe.throw(_("This page is for the HR staff of employer units"), frappe.PermissionError)


def get_context(context):
	require_unit_user(ROUTE)
	units = unit_review.units_of_user()
	unit = frappe.form_dict.get("unit") or ""
	if unit and unit not in {u.name for u in units}:
		unit = ""
	state = frappe.form_dict.get("state") or ""
	every = unit_review.list_applications(unit or None)
	context.no_cache = 1
	context.asset_version = asset_version()
	context.show_sidebar = True
	context.title = _("Unit Applications")
	context.parents = [{"route": "me", "title": _("My Account")}]
	context.units = units
	context.unit = unit
	context.state = state
	context.states = unit_review.state_counts(every)
	context.total = len(every)
	context.applications = [row for row in every if not state or row.workflow_state == state]
	context.paper_lists = unit_paper.paper_lists([row.name for row in every])
	context.documents = [{"document": d, "title": _(t)} for d, t in UNIT_DOCUMENT_TITLES.items()]
	context.paper_stage = paper_stage.unit_view([u for u in units if not unit or u.name == unit])
	context.paper_documents = paper_documents.document_titles()
	context.batch_unit = unit or (units[0].name if len(units) == 1 else "")
	context.labels = {
		"select_first": _("Select at least one application"),
		"generating": _("Generating the documents…"),
		"downloaded": _("The document has been downloaded: {0}"),
		"batch_started": _(
			"The publicity notices of the unit are being generated in the background; the zip appears below when it is ready"
		),
		"batch_done": _("The document is ready: {0}"),
		"no_files": _("No files yet"),
		"republicity_saved": _("The publicity has been saved for {0} applications"),
		"paper_sent": _("The paper materials of {0} applications have been sent"),
		"confirm_paper": _(
			"Send the paper materials of every application awaiting it now? The publicity must have ended without objection."
		),
		"error": _("The request failed"),
		"network": _("The server could not be reached; try again in a moment"),
	}
	return context
