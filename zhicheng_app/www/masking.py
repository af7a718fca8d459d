"""信息遮盖: the masking of an application's uploaded images for blind review
(/masking?application=<name>), for the applicant and for the unit's HR.

Each image is shown with the boxes the text recognition proposed; the user moves, resizes, deletes
and adds boxes and confirms them, and the masked copy is shown. The page also shows the precheck's
findings on the personal summary (name and unit). Reads and writes go through
``services.masking`` (record scope, who may confirm).
"""

import os

import frappe
from frappe.utils import quote

from zhicheng_app.i18n import _
from zhicheng_app.roles import APPLICANT
from zhicheng_app.services import masking

no_cache = 1
sitemap = 0
ROUTE = "masking"
SCRIPT = os.path.join(os.path.dirname(os.path.dirname(__file__)), "public", "js", "masking.js")


def asset_version() -> str:
	try:
		return str(int(os.path.getmtime(SCRIPT)))
	except OSError:
		return ""


def get_context(context):
	name = frappe.form_dict.get("application") or ""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=" + quote(f"/{ROUTE}?application={name}")
		raise frappe.Redirect
	if not name or not frappe.db.exists("Title Application", name):
		frappe.throw(_("The application {0} was not found").format(name), frappe.DoesNotExistError)
	app = frappe.get_doc("Title Application", name)
	app.check_permission("read")
	if masking.may_confirm(app) and masking.sync_missing(app):
		frappe.db.commit()  # the records the page polls; made once for images uploaded before
	view = masking.page_view(name)
	own = APPLICANT in frappe.get_roles() and app.applicant_user == frappe.session.user
	context.no_cache = 1
	context.show_sidebar = True
	context.asset_version = asset_version()
	context.title = _("Masking for Blind Review")
	context.parents = (
		[
			{"route": "my-applications", "title": _("My Title Applications")},
			{"route": f"my-applications/{name}", "title": name},
		]
		if own
		else [
			{"route": "unit-applications", "title": _("Unit Applications")},
			{"route": f"unit-application?application={name}", "title": name},
		]
	)
	context.view = view
	context.labels = {
		"error": _("The request failed"),
		"network": _("The server could not be reached; try again in a moment"),
		"reading": _("Reading the image…"),
		"confirmed": _("The masked copy is saved"),
		"delete": _("Delete this box"),
		"resize": _("Drag to resize"),
		"no_boxes": _("No box: nothing to mask on this image"),
		"boxes": _("{0} boxes"),
		"masked_copy": _("Masked copy"),
		"confirm": _("Confirm the Masking"),
		"status": {
			masking.PENDING: _("Recognition running"),
			masking.PROPOSED: _("Boxes proposed, not yet confirmed"),
			masking.CONFIRMED: _("Masking confirmed"),
			masking.FAILED: _("Recognition failed"),
		},
		"box_labels": {
			"name": _("Name"),
			"unit": _("Unit"),
			"id": _("ID Number"),
			"seal": _("Seal"),
			"photo": _("Photo"),
			"eyes": _("Eye Area"),
			"manual": _("Added"),
		},
	}
