"""申报人名册: every application the user may read, with its number, applicant, unit and region,
route, level and state."""

from frappe import _

from zhicheng_app.services.bureau_reports import roster_rows


def execute(filters=None):
	columns = [
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
	return columns, roster_rows(filters)
