"""申报人名册: every application the user may read, with its number, applicant, unit and region,
route, level and state; or, with "group as the 公示情况报告", the applications of the routes of
阿地人社传〔2024〕6号 grouped as its 附件4 (reporter, route, level) with the counts it prints."""

import frappe
from frappe import _

from zhicheng_app.documents.registry import NOTICE_004
from zhicheng_app.services.bureau_reports import publicity_report_rows, roster_rows


def _columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Application Number"),
			"fieldtype": "Link",
			"options": "Title Application",
			"width": 130,
		},
		{"fieldname": "applicant_name", "label": _("Applicant Name"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "employer_unit",
			"label": _("Employer Unit"),
			"fieldtype": "Link",
			"options": "Employer Unit",
			"width": 200,
		},
		{"fieldname": "region", "label": _("Region"), "fieldtype": "Link", "options": "Region", "width": 100},
		{
			"fieldname": "notice",
			"label": _("Notice"),
			"fieldtype": "Link",
			"options": "Title Notice",
			"width": 100,
		},
		{"fieldname": "route_label", "label": _("Route"), "fieldtype": "Data", "width": 160},
		{"fieldname": "level_label", "label": _("Target Level"), "fieldtype": "Data", "width": 90},
		{
			"fieldname": "target_title",
			"label": _("Target Title"),
			"fieldtype": "Link",
			"options": "Title Name",
			"width": 120,
		},
		{"fieldname": "state_label", "label": _("Workflow State"), "fieldtype": "Data", "width": 180},
	]


def _publicity_report_columns() -> list[dict]:
	return [
		{"fieldname": "label", "label": _("Reporter, Route and Level"), "fieldtype": "Data", "width": 260},
		{"fieldname": "applied", "label": _("Applied"), "fieldtype": "Int", "width": 80},
		{"fieldname": "recommended", "label": _("Recommended This Round"), "fieldtype": "Int", "width": 100},
		{"fieldname": "passed", "label": _("Passed the Review"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "notice",
			"label": _("Notice"),
			"fieldtype": "Link",
			"options": "Title Notice",
			"width": 100,
		},
		{
			"fieldname": "name",
			"label": _("Application Number"),
			"fieldtype": "Link",
			"options": "Title Application",
			"width": 150,
		},
		{
			"fieldname": "employer_unit",
			"label": _("Employer Unit"),
			"fieldtype": "Link",
			"options": "Employer Unit",
			"width": 200,
		},
		{"fieldname": "state_label", "label": _("Workflow State"), "fieldtype": "Data", "width": 180},
	]


def execute(filters=None):
	if frappe.utils.cint((filters or {}).get("group_as_publicity_report")):
		rows = publicity_report_rows(filters)
		message = None
		if not rows:
			message = _(
				"The Publicity Situation Report of {0} lists its grant, initial determination and "
				"three-year promotion applications; none of them is in the report's scope"
			).format(NOTICE_004)
		return _publicity_report_columns(), rows, message
	return _columns(), roster_rows(filters)
