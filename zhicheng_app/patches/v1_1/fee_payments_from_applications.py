"""Applications whose fee was recorded on the application itself (fee_paid_at) before the fee
desk existed get a Fee Payment with what the application holds: amount, time, recorder. Insert
only: an application that has a payment is left alone. The payment method and the receipt number
were never recorded and stay empty."""

import frappe

from zhicheng_app.documents.contexts import committee_name
from zhicheng_app.rules.vocabulary import LEVEL_TIER


def execute():
	paid = frappe.get_all(
		"Title Application",
		filters={"fee_paid_at": ("is", "set")},
		fields=[
			"name",
			"notice",
			"route",
			"target_level",
			"applicant_name",
			"employer_unit",
			"fee_amount",
			"fee_paid_at",
			"fee_recorded_by",
		],
		order_by="name asc",
	)
	having = set(frappe.get_all("Fee Payment", pluck="application"))
	for row in paid:
		if row.name in having:
			continue
		notice = frappe.get_cached_doc("Title Notice", row.notice) if row.notice else None
		doc = frappe.get_doc(
			{
				"doctype": "Fee Payment",
				"application": row.name,
				"applicant_name": row.applicant_name,
				"employer_unit": row.employer_unit,
				"notice": row.notice,
				"committee": committee_name(notice, row.route, row.target_level),
				"level_tier": str(LEVEL_TIER.get(row.target_level, "")),
				"amount": row.fee_amount or 0,
				"payer_kind": "Applicant",
				"paid_at": row.fee_paid_at,
				"recorded_by": row.fee_recorded_by,
				"status": "Paid",
			}
		)
		# inserted as it was recorded: not the fee desk's checks (window, state), not the workflow
		doc.set_new_name()
		doc.db_insert()
