"""Helpers of the defense tests."""

import time

import frappe


def retrying(cleanup, *args):
	"""``cleanup(*args)``, once more after a deadlock or lock wait timeout (tests and background
	jobs of the site run at the same time and touch the same rows)."""
	try:
		cleanup(*args)
	except (frappe.QueryDeadlockError, frappe.QueryTimeoutError):
		frappe.db.rollback()
		time.sleep(5)
		cleanup(*args)


def delete_applications(names: list[str]):
	"""The applications and their rows, deleted directly: deleting through Frappe also turns the
	naming series back, a row every test that makes applications locks."""
	from zhicheng_app.permissions import APPLICATION_CHILD_DOCTYPES

	if not names:
		return
	for child in APPLICATION_CHILD_DOCTYPES:
		frappe.db.delete(child, {"parenttype": "Title Application", "parent": ("in", names)})
	for doctype, field in (
		("Comment", "reference_name"),
		("Notification Log", "document_name"),
		("Notification Sent", "application"),
	):
		frappe.db.delete(doctype, {field: ("in", names)})
	frappe.db.delete("Title Application", {"name": ("in", names)})
