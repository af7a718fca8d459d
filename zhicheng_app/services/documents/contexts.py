"""The records a document is made from, and its template context (``documents.contexts``)."""

import frappe
from frappe.utils import getdate

from zhicheng_app.documents import contexts
from zhicheng_app.documents.catalogue import APPLICATION, NOTICE, UNIT, available_kinds, notice_templates
from zhicheng_app.i18n import _


def unit_record(name: str | None):
	"""The Employer Unit ``name``, None when there is none."""
	if not name or not frappe.db.exists(UNIT, name):
		return None
	return frappe.get_cached_doc(UNIT, name)


def notice_record(name: str | None):
	"""The Title Notice ``name``, None when there is none."""
	if not name or not frappe.db.exists(NOTICE, name):
		return None
	return frappe.get_cached_doc(NOTICE, name)


def notice_or_throw(name: str):
	"""The Title Notice ``name``; raises (zh) when there is none."""
	notice = notice_record(name)
	if notice is None:
		frappe.throw(_("Unknown notice: {0}").format(name), title=_("Unknown Document"))
	return notice


def application_templates(doc) -> frozenset[str]:
	"""The materials whose unit template the application's notice gives (``catalogue.notice_templates``)."""
	return notice_templates(notice_record(doc.notice))


def offered_kinds(doc) -> list[dict]:
	"""The documents offered on a Title Application: ``[{"kind", "title"}]``."""
	return available_kinds(APPLICATION, doc, application_templates(doc))


def application_context(doc) -> dict:
	"""Every per-person template variable of a Title Application."""
	unit = unit_record(doc.employer_unit)
	return contexts.application_context(
		doc,
		unit=unit,
		notice=notice_record(doc.notice),
		competent_unit=unit_record(doc.supervising_unit or (unit.supervising_unit if unit else None)),
		today=getdate(),
	)


def notice_applications(notice_name: str, *, unit: str | None = None, **filters) -> list:
	"""The applications of a notice (of one unit), oldest first."""
	names = frappe.get_all(
		APPLICATION,
		filters={"notice": notice_name, **({"employer_unit": unit} if unit else {}), **filters},
		pluck="name",
		order_by="creation asc",
	)
	return [frappe.get_doc(APPLICATION, n) for n in names]


def _unit_names(apps: list) -> dict[str, str]:
	units = {a.employer_unit for a in apps if a.employer_unit}
	return {name: frappe.db.get_value(UNIT, name, "unit_name") or "" for name in units}


def publicity_report_batch_context(notice, apps: list, reporter_name: str = "") -> dict:
	"""The 公示情况报告 of ``reporter_name`` with its roster of ``apps`` (passed the review, each
	counted as recommended); the paper stage's reports count their own (``paper_stage``)."""
	return contexts.publicity_report_batch_context(notice, apps, _unit_names(apps), reporter_name, len(apps))


def qualification_document_context(notice, apps: list, doc_no: str = "") -> dict:
	"""The 任职资格文件 ``doc_no`` of a notice for ``apps``, dated today."""
	return contexts.qualification_document_context(notice, apps, _unit_names(apps), getdate(), doc_no)
