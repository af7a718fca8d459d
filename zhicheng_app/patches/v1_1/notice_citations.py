"""The seed notices stored before the citations: their materials and remarks cited line numbers
and they had no rule clauses.

For each stored notice with a seed code, material rows whose reference still is a line number get
the shipped notice's clause, the remarks are replaced by the shipped ones when every remark still
cites a line or question number (none was edited), the rule clauses are copied when the notice has
none, and a title that differs from the shipped one only in spaces gets the shipped spelling.
"""

import re

import frappe

from zhicheng_app.rules.model import SEED_NOTICE_CODES, load_seed_notice

OLD_REFERENCE = re.compile(r"§|\bL\d|\bQ-\d")


def execute():
	for code in SEED_NOTICE_CODES:
		shipped = load_seed_notice(code)
		for name in frappe.get_all("Title Notice", filters={"code": code}, pluck="name"):
			refresh(frappe.get_doc("Title Notice", name), shipped)
	frappe.clear_cache(doctype="Title Notice")


def refresh(doc, shipped):
	if doc.title != shipped.title and re.sub(r"\s", "", doc.title or "") == shipped.title:
		doc.title = shipped.title
	clauses = {row.code: row.seed_ref for row in shipped.materials}
	for row in doc.get("materials") or []:
		if OLD_REFERENCE.search(row.seed_ref or "") and row.code in clauses:
			row.seed_ref = clauses[row.code]
	remarks = doc.get("remarks") or []
	if remarks and all(OLD_REFERENCE.search(row.seed_ref or "") for row in remarks):
		doc.set("remarks", [row.to_dict() for row in shipped.remarks])
	if not doc.get("rule_clauses"):
		doc.set("rule_clauses", [row.to_dict() for row in shipped.rule_clauses])
	doc.save(ignore_permissions=True)
