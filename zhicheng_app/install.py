"""Shipped defaults, created insert-only: an administrator's edits are never overwritten.

Runs before install (roles, so DocType sync does not create them with desk access),
after install and after every migrate.
"""

import json
import os

import frappe

from zhicheng_app.roles import ROLES
from zhicheng_app.services.uploads import strip_photo_metadata_on_upload
from zhicheng_app.workflows import WORKFLOW_NAME, install_default_workflow

SETUP_DATA = os.path.join(os.path.dirname(__file__), "setup_data")


def before_install():
	create_roles()


def after_install():
	create_defaults()
	strip_photo_metadata_on_upload()


def after_migrate():
	create_defaults()


def create_defaults():
	create_roles()
	create_regions()
	create_title_catalog()
	install_default_workflow()
	create_notifications()
	set_default_currency()


def _load(name: str) -> dict:
	with open(os.path.join(SETUP_DATA, name), encoding="utf-8") as f:
		return json.load(f)


def create_roles():
	if not frappe.db.table_exists("Role"):
		return
	for role, desk_access in ROLES.items():
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": desk_access}).insert(
				ignore_permissions=True
			)


def create_regions():
	rows = _load("regions.json")["regions"]
	parents = {row["parent_region"] for row in rows if row["parent_region"]}
	for row in rows:  # parents come before their children in the file
		if frappe.db.exists("Region", row["region_name"]):
			continue
		frappe.get_doc(
			{
				"doctype": "Region",
				"region_name": row["region_name"],
				"region_level": row["region_level"],
				"parent_region": row["parent_region"],
				"is_group": 1 if row["region_name"] in parents else 0,
			}
		).insert(ignore_permissions=True)


def create_title_catalog():
	catalog = _load("title_catalog.json")
	for series in catalog["series"]:
		if not frappe.db.exists("Title Series", series):
			frappe.get_doc({"doctype": "Title Series", "series_name": series}).insert(ignore_permissions=True)
	for row in catalog["professions"]:
		if not frappe.db.exists("Title Profession", row["profession_name"]):
			frappe.get_doc({"doctype": "Title Profession", **row}).insert(ignore_permissions=True)
	for row in catalog["titles"]:
		if not frappe.db.exists("Title Name", {"series": row["series"], "title_name": row["title_name"]}):
			frappe.get_doc({"doctype": "Title Name", **row}).insert(ignore_permissions=True)


def create_notifications():
	for row in _load("notifications.json")["notifications"]:
		if not frappe.db.exists("Notification", row["name"]):
			doc = frappe.get_doc(row)
			doc.name = row["name"]
			doc.insert(ignore_permissions=True, set_name=row["name"])


def set_default_currency():
	"""Fees are in 元: the site's default currency is CNY (¥) unless the site has chosen one."""
	if not frappe.db.get_default("currency"):
		frappe.db.set_default("currency", "CNY")
	if frappe.db.exists("Currency", "CNY") and not frappe.db.get_value("Currency", "CNY", "symbol"):
		frappe.db.set_value("Currency", "CNY", {"symbol": "¥", "enabled": 1})


def before_uninstall():
	"""Remove what install created outside the app's own DocTypes (those go with the module)."""
	for role in ROLES:
		if frappe.db.exists("Role", role):
			frappe.db.delete("Has Role", {"role": role})
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)
	for row in _load("notifications.json")["notifications"]:
		if frappe.db.exists("Notification", row["name"]):
			frappe.delete_doc("Notification", row["name"], ignore_permissions=True, force=True)
	if frappe.db.exists("Workflow", WORKFLOW_NAME):
		frappe.delete_doc("Workflow", WORKFLOW_NAME, ignore_permissions=True, force=True)
	for doctype in ("Employer Unit", "Region", "Evaluation Committee", "Title Notice"):
		frappe.db.delete("User Permission", {"allow": doctype})
