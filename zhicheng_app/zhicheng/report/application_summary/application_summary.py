"""申报情况汇总: per notice, route and level, the applications submitted, returned, accepted, not
accepted and certified, of the applications the user may read (the current campaign's unless a
notice is chosen)."""

from frappe import _

from zhicheng_app.rules.reporting import SUMMARY_COUNTS
from zhicheng_app.services.bureau_reports import summary_rows


def execute(filters=None):
	columns = [
		{
			"fieldname": "notice",
			"label": _("Notice"),
			"fieldtype": "Link",
			"options": "Title Notice",
			"width": 120,
		},
		{"fieldname": "route_label", "label": _("Route"), "fieldtype": "Data", "width": 180},
		{"fieldname": "level_label", "label": _("Target Level"), "fieldtype": "Data", "width": 100},
	] + [
		{"fieldname": key, "label": _(label), "fieldtype": "Int", "width": 110}
		for key, label in SUMMARY_COUNTS
	]
	return columns, summary_rows(filters)
