"""缴费情况: the fee desk's payments and the fees outstanding of the applications the user may read,
per evaluation committee × level tier × payment method (count × amount, paid, refunded,
outstanding), each committee closed by its total."""

from frappe import _

from zhicheng_app.services.bureau_reports import fee_rows


def execute(filters=None):
	columns = [
		{
			"fieldname": "committee_label",
			"label": _("Evaluation Committee"),
			"fieldtype": "Data",
			"width": 260,
		},
		{"fieldname": "level_tier_label", "label": _("Fee Level Tier"), "fieldtype": "Data", "width": 100},
		{"fieldname": "method_label", "label": _("Payment Method"), "fieldtype": "Data", "width": 120},
		{"fieldname": "count", "label": _("Count"), "fieldtype": "Int", "width": 80},
		{"fieldname": "amount", "label": _("Amount per Person"), "fieldtype": "Currency", "width": 110},
		{"fieldname": "total", "label": _("Total"), "fieldtype": "Currency", "width": 110},
		{"fieldname": "paid", "label": _("Paid"), "fieldtype": "Currency", "width": 110},
		{"fieldname": "refunded", "label": _("Refunded"), "fieldtype": "Currency", "width": 110},
		{"fieldname": "outstanding", "label": _("Outstanding"), "fieldtype": "Currency", "width": 110},
	]
	return columns, fee_rows(filters)
