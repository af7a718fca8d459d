"""``frappe.client.get_count`` with the permission checks of a list.

Frappe 15's version counts with ``frappe.db.count``, which checks no permission: a user without
read access could count rows by any filter and so recover, one character at a time, the values of
fields they may not read (an ID number, say). Counting through ``frappe.get_list`` applies the
role permissions, the User Permissions and the app's record scope, like the list itself.
"""

import frappe
from frappe.client import get_safe_filters


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	rows = frappe.get_list(
		doctype,
		filters=get_safe_filters(filters),
		fields=[f"count(`tab{doctype}`.`name`) as total_count"],
		order_by=None,
		limit_page_length=0,
	)
	return rows[0].total_count if rows else 0
