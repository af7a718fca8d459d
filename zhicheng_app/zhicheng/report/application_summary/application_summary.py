"""申报情况汇总: per notice, route and level, the applications submitted, returned, accepted, not
accepted and certified, of the applications the user may read (the current campaign's unless a
notice is chosen); above the table, the totals of every count."""

from frappe import _

from zhicheng_app.rules.reporting import SUMMARY_COUNTS, totals
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
		{"fieldname": key, "label": _(label), "fieldtype": "Int", "width": 130}
		for key, label in SUMMARY_COUNTS
	]
	rows = summary_rows(filters)
	summed = totals(rows)
	report_summary = [
		{"value": summed[key], "label": _(label), "datatype": "Int", "indicator": "Blue"}
		for key, label in SUMMARY_COUNTS
	]
	return columns, rows, None, None, report_summary
