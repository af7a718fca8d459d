"""Materials the unit makes after the applicant submits are marked "provided by the unit".

The 公示, 公示结果, 推荐报告 and 推荐意见 of a notice's checklist come from the unit (or its
supervising unit) once the application is in its hands; the precheck no longer asks the applicant
for them. Notices stored before the flag existed get it on the rows whose code the shipped
notices mark.
"""

import frappe

from zhicheng_app.rules.model import SEED_NOTICE_CODES, load_seed_notice


def execute():
	codes = sorted(
		{
			row.code
			for code in SEED_NOTICE_CODES
			for row in load_seed_notice(code).materials
			if row.provided_by_unit
		}
	)
	if not codes:
		return
	material = frappe.qb.DocType("Notice Material")
	frappe.qb.update(material).set(material.provided_by_unit, 1).where(material.code.isin(codes)).run()
	frappe.clear_cache(doctype="Title Notice")
