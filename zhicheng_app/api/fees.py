"""The fee desk's actions (缴费登记): a unit's applications awaiting their fee, recording them in one
go, refunding a payment."""

import json

import frappe
from frappe import _

from zhicheng_app.rules.fees import allowed_methods
from zhicheng_app.services import fees
from zhicheng_app.services.precheck import notice_config


def _check_desk():
	if not frappe.has_permission(fees.DOCTYPE, "create"):
		frappe.throw(_("Not permitted"), frappe.PermissionError)


@frappe.whitelist(methods=["GET", "POST"])
def unit_awaiting_fee(unit: str, notice: str) -> dict:
	"""The unit's accepted applications under ``notice`` whose fee is not recorded, and the payment
	methods the notice allows."""
	_check_desk()
	frappe.get_doc("Employer Unit", unit).check_permission("read")
	rows = fees.unit_awaiting_fee(unit, notice)
	return {
		"applications": [
			{
				"application": r.name,
				"applicant_name": r.applicant_name,
				"target_level": _(r.target_level) if r.target_level else "",
				"workflow_state": _(r.workflow_state),
				"fee_amount": r.fee_amount or 0,
			}
			for r in rows
		],
		"methods": [
			{"value": m, "label": _(m)} for m in allowed_methods(notice_config(notice).fee_payment_methods)
		],
	}


@frappe.whitelist(methods=["POST"])
def record_unit_payments(unit: str, notice: str, method: str, receipts: str | dict) -> dict:
	"""Record the unit's payment for each of its applications awaiting a fee; ``receipts`` maps an
	application to its receipt number (JSON). Each application on its own."""
	_check_desk()
	frappe.get_doc("Employer Unit", unit).check_permission("read")
	if isinstance(receipts, str):
		receipts = json.loads(receipts or "{}")
	if not isinstance(receipts, dict):
		frappe.throw(_("Receipt numbers must be given per application"))
	return fees.record_unit_payments(
		unit, notice, method, {str(k): str(v or "") for k, v in receipts.items()}
	)


@frappe.whitelist(methods=["POST"])
def refund(payment: str, reason: str) -> dict:
	doc = fees.refund(payment, reason)
	return {"name": doc.name, "status": doc.status, "refunded_at": doc.refunded_at}
