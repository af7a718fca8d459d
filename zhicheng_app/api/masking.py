"""Whitelisted methods of the masking page (信息遮盖, /masking?application=<name>).

Reads go through the record scope (``services.masking.page_view`` checks read permission on the
application; Material Redaction lists are scoped); a confirmation is refused to anybody but the
applicant while they may change the application, the unit's HR and administrators.
"""

import frappe

from zhicheng_app.services import masking


@frappe.whitelist()
def status(application: str) -> dict:
	"""The application's images with their boxes and states, whether recognition is still
	running, and the summary check."""
	return masking.page_view(application)


@frappe.whitelist(methods=["POST"])
def confirm(redaction: str, boxes) -> dict:
	"""Confirm the boxes of one image (a JSON list of ``{x, y, w, h, label}`` in image pixels):
	the masked copy is made and returned."""
	return masking.confirm(redaction, boxes)
