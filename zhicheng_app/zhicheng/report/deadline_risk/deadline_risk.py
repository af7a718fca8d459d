"""截止风险: the applications the user may read whose state a deadline closes within the coming
days, soonest first, with the deadline, the hours left and what happens when it passes."""

from frappe import _

from zhicheng_app.services.bureau_reports import deadline_risk_rows


def execute(filters=None):
	columns = [
		{"fieldname": "deadline", "label": _("Deadline"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "hours_left", "label": _("Hours Left"), "fieldtype": "Float", "width": 90},
		{"fieldname": "deadline_label", "label": _("Deadline Kind"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "name",
			"label": _("Application Number"),
			"fieldtype": "Link",
			"options": "Title Application",
			"width": 130,
		},
		{"fieldname": "applicant_name", "label": _("Applicant Name"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "employer_unit",
			"label": _("Employer Unit"),
			"fieldtype": "Link",
			"options": "Employer Unit",
			"width": 180,
		},
		{"fieldname": "state_label", "label": _("Workflow State"), "fieldtype": "Data", "width": 130},
		{"fieldname": "consequence", "label": _("When It Passes"), "fieldtype": "Data", "width": 360},
	]
	return columns, deadline_risk_rows(filters)
