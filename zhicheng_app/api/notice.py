"""Title Notice actions of the desk."""

import frappe

from zhicheng_app.services import notice_copy


@frappe.whitelist(methods=["POST"])
def copy_for_next_year(notice: str) -> dict:
	"""Copy ``notice`` for the next year (dates one year later); the new notice's name, title and
	what still needs review on it."""
	doc = notice_copy.copy_for_next_year(notice)
	return {
		"name": doc.name,
		"title": doc.title,
		"review": [line for line in (doc.copy_review or "").splitlines() if line.strip()],
	}
