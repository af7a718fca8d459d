"""单位注册: a unit registers itself with its 营业执照; the HR bureau of its region approves it."""

import frappe

from zhicheng_app.i18n import _
from zhicheng_app.www.unit_applications import asset_version

no_cache = 1
sitemap = 0


def _options(doctype: str, fieldname: str) -> list[dict]:
	options = frappe.get_meta(doctype).get_field(fieldname).options.split("\n")
	return [{"value": o, "label": _(o)} for o in options if o]


def _regions() -> list[dict]:
	"""Every region, indented under its parent."""
	rows = frappe.get_all("Region", fields=["name", "lft", "rgt"], order_by="lft")
	open_ends: list[int] = []
	regions = []
	for row in rows:
		while open_ends and row.lft > open_ends[-1]:
			open_ends.pop()
		regions.append({"value": row.name, "label": "　" * len(open_ends) + row.name})
		open_ends.append(row.rgt)
	return regions


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Unit Registration")
	context.asset_version = asset_version()
	context.ownerships = _options("Unit Registration", "ownership")
	context.locations = _options("Unit Registration", "location")
	context.regions = _regions()
	context.labels = {
		"error": _("The request failed"),
		"network": _("The server could not be reached; try again in a moment"),
		"submitted": _(
			"The registration has been submitted. The HR bureau of the unit's region reviews it; once approved, log in with the e-mail address and password entered here."
		),
		"password_mismatch": _("The two passwords differ"),
	}
	return context
