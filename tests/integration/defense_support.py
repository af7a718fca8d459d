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
