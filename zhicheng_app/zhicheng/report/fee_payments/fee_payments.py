"""缴费情况: the fee of each accepted application the user may read (amount, paid at, recorded by),
grouped by evaluation committee, each committee closed by its total."""

from frappe import _

from zhicheng_app.services.bureau_reports import fee_rows


def execute(filters=None):
	columns = [
		{"fieldname": "committee", "label": _("Evaluation Committee"), "fieldtype": "Data", "width": 260},
		{
			"fieldname": "name",
			"label": _("Application Number"),
			"fieldtype": "Link",
			"options": "Title Application",
			"width": 130,
		},
		{"fieldname": "applicant_name", "label": _("Applicant Name"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "notice",
			"label": _("Notice"),
			"fieldtype": "Link",
			"options": "Title Notice",
			"width": 100,
		},
		{
			"fieldname": "employer_unit",
			"label": _("Employer Unit"),
			"fieldtype": "Link",
			"options": "Employer Unit",
			"width": 180,
		},
		{"fieldname": "route_label", "label": _("Route"), "fieldtype": "Data", "width": 150},
		{"fieldname": "level_label", "label": _("Target Level"), "fieldtype": "Data", "width": 90},
		{"fieldname": "state_label", "label": _("Workflow State"), "fieldtype": "Data", "width": 120},
		{"fieldname": "fee_amount", "label": _("Fee"), "fieldtype": "Currency", "width": 100},
		{"fieldname": "paid_amount", "label": _("Paid Amount"), "fieldtype": "Currency", "width": 100},
		{"fieldname": "fee_paid_at", "label": _("Fee Paid At"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "fee_recorded_by", "label": _("Fee Recorded By"), "fieldtype": "Data", "width": 150},
	]
	return columns, fee_rows(filters)
