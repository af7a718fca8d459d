"""The checklist rows of the seed notices (and of their copies) stored before the field existed get
the annex that gives the unit's template (000 附件1: 推荐单位公示及公示结果; 001 附件1: the 公示 only),
where it is still empty: the unit's 公示结果 of a Directed application is offered only where its
notice gives it."""

import frappe

from zhicheng_app.rules.model import SEED_NOTICE_CODES, load_seed_notice


def seed_code_of(name: str, notices: dict[str, tuple[str, str]]) -> str | None:
	"""The seed code of the notice ``name``, or of the notice it was copied from, and so on."""
	seen = set()
	while name and name not in seen:
		seen.add(name)
		code, copied_from = notices.get(name, ("", ""))
		if code in SEED_NOTICE_CODES:
			return code
		name = copied_from
	return None


def execute():
	notices = {
		row.name: (row.code, row.copied_from)
		for row in frappe.get_all("Title Notice", fields=["name", "code", "copied_from"])
	}
	material = frappe.qb.DocType("Notice Material")
	for code in SEED_NOTICE_CODES:
		annexes = {
			row.code: row.template_annex for row in load_seed_notice(code).materials if row.template_annex
		}
		names = [name for name in notices if seed_code_of(name, notices) == code]
		if not annexes or not names:
			continue
		for row_code, annex in annexes.items():
			(
				frappe.qb.update(material)
				.set(material.template_annex, annex)
				.where(material.parenttype == "Title Notice")
				.where(material.parent.isin(names))
				.where(material.code == row_code)
				.where((material.template_annex.isnull()) | (material.template_annex == ""))
				.run()
			)
	frappe.clear_cache(doctype="Title Notice")
