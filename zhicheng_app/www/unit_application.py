"""One application as its employer unit handles it: the publicity, the objections, the unit's
documents and signed scans, and the recommendation or return (Unit HR's portal page)."""

import frappe

from zhicheng_app.i18n import _
from zhicheng_app.services import clock, unit_review
from zhicheng_app.services.documents.unit_documents import signed_scans
from zhicheng_app.services.publicity_objections import (
	DISMISSED,
	OPEN,
	UPHELD,
	results_objections,
	results_publicity_running,
)
from zhicheng_app.www.unit_applications import asset_version, require_unit_user

no_cache = 1
sitemap = 0
ROUTE = "unit-application"


def get_context(context):
	name = frappe.form_dict.get("application")
	require_unit_user(f"{ROUTE}?application={name or ''}")
	if not name or not frappe.db.exists("Title Application", name):
		frappe.throw(_("The application {0} was not found").format(name or ""), frappe.DoesNotExistError)
	view = unit_review.application_view(name)
	# the results publicity's objections have their own card; the unit records them while it runs
	context.results_objections = results_objections(name)
	shown = {row.name for row in context.results_objections}
	view["objections"] = [row for row in view["objections"] if row.name not in shown]
	context.results_objection_open = results_publicity_running(frappe.get_doc("Title Application", name))
	context.no_cache = 1
	context.asset_version = asset_version()
	context.show_sidebar = True
	context.title = _("{0} – Unit Review").format(view["applicant_name"] or view["name"])
	context.parents = [
		{"route": "me", "title": _("My Account")},
		{"route": "unit-applications", "title": _("Unit Applications")},
	]
	context.app = view
	context.today = clock.now().date().isoformat()
	context.objection_states = [{"value": s, "label": _(s)} for s in (UPHELD, DISMISSED)]
	context.open_state = OPEN
	context.signed_scans = signed_scans(name)
	context.labels = {
		"error": _("The request failed"),
		"network": _("The server could not be reached; try again in a moment"),
		"saved": _("Saved"),
		"generating": _("Generating the documents…"),
		"downloaded": _("The document has been downloaded: {0}"),
		"reason_required": _("State the reason for returning the application to the applicant"),
		"choose_file": _("Choose the file to upload"),
		"uploaded": _("Uploaded: {0}"),
		"recommended": _("Recommended; the application is now at: {0}"),
		"returned": _("Returned to the applicant"),
		"objection_recorded": _(
			"The objection is recorded; the committee office handles it before the certification"
		),
	}
	return context
