"""Whitelisted methods of a unit's registration (单位注册): the guest's registration with its
营业执照, and the review by the HR bureau of the unit's region."""

import frappe
from frappe.rate_limiter import rate_limit

from zhicheng_app.services import unit_registration

REGISTRATIONS_PER_HOUR = 10  # from one address


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=REGISTRATIONS_PER_HOUR, seconds=60 * 60)
def register() -> dict:
	"""Register a unit: its fields, the HR contact's ``email`` and ``password``, and the file
	``business_licence`` (multipart). The login works once a bureau approves the registration."""
	licence = frappe.request.files.get("business_licence") if frappe.request else None
	doc = unit_registration.register(
		frappe.form_dict,
		licence.filename if licence else "",
		licence.stream.read() if licence else None,
	)
	return {"name": doc.name, "status": doc.status}


@frappe.whitelist(methods=["POST"])
def approve(registration: str, note: str | None = None) -> dict:
	"""Approve a registration: the unit is created and its HR may log in and act."""
	doc = unit_registration.approve(registration, note)
	return {"name": doc.name, "status": doc.status, "employer_unit": doc.employer_unit}


@frappe.whitelist(methods=["POST"])
def refuse(registration: str, note: str) -> dict:
	"""Refuse a registration with the reason."""
	doc = unit_registration.refuse(registration, note)
	return {"name": doc.name, "status": doc.status}
