"""The checklist rows of the seed notices stored before the field existed get the annex that gives
the unit's template (000 附件1: 推荐单位公示及公示结果; 001 附件1: the 公示 only), where it is still
empty: the unit's 公示结果 of a Directed application is offered only where its notice gives it."""

import frappe

from zhicheng_app.rules.model import SEED_NOTICE_CODES, load_seed_notice


def execute():
	material = frappe.qb.DocType("Notice Material")
	for code in SEED_NOTICE_CODES:
		annexes = {
			row.code: row.template_annex for row in load_seed_notice(code).materials if row.template_annex
		}
		notices = frappe.get_all("Title Notice", filters={"code": code}, pluck="name")
		if not annexes or not notices:
			continue
		for row_code, annex in annexes.items():
			(
				frappe.qb.update(material)
				.set(material.template_annex, annex)
				.where(material.parenttype == "Title Notice")
				.where(material.parent.isin(notices))
				.where(material.code == row_code)
				.where((material.template_annex.isnull()) | (material.template_annex == ""))
				.run()
			)
	frappe.clear_cache(doctype="Title Notice")
