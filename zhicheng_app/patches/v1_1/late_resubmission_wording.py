"""The seed notices stored before a late resubmission's wording existed get the shipped one
(000 and 001: 不予受理; 002: 视为自动放弃) where the field is still empty."""

import frappe

from zhicheng_app.rules.model import SEED_NOTICE_CODES, load_seed_notice


def execute():
	for code in SEED_NOTICE_CODES:
		wording = load_seed_notice(code).late_resubmission_consequence
		if not wording:
			continue
		for name in frappe.get_all(
			"Title Notice",
			filters={"code": code, "late_resubmission_consequence": ("in", ("", None))},
			pluck="name",
		):
			frappe.db.set_value("Title Notice", name, "late_resubmission_consequence", wording)
	frappe.clear_cache(doctype="Title Notice")
