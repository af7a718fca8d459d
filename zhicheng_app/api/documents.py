"""Whitelisted document endpoints: list, generate, download, batch jobs and paper intake.

Every download needs print permission on the source record (Title Application, Employer Unit
or Title Notice); the services check it and answer in zh otherwise.
"""

import frappe

from zhicheng_app.documents import catalogue
from zhicheng_app.i18n import _
from zhicheng_app.services.documents import batch_jobs, generation, paper_intake, paper_stage
from zhicheng_app.services.documents.contexts import offered_kinds


@frappe.whitelist()
def available(doctype: str, name: str) -> list[dict]:
	"""The documents offered on a record's form: ``[{"kind", "title"}]`` (read permission)."""
	if doctype not in catalogue.SOURCE_DOCTYPES:
		frappe.throw(_("Documents are not generated from {0}").format(_(doctype)), frappe.PermissionError)
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	if doctype == catalogue.APPLICATION:
		return offered_kinds(doc)
	return catalogue.available_kinds(doctype, doc)


@frappe.whitelist(methods=["POST"])
def generate(kind: str, doctype: str, name: str, file_format: str = "docx") -> dict:
	"""Generate a document and return ``{"generated_document", "kind", "version", "file_url",
	"file_name", "file_format", "verify_url"}``; the file is private and attached to the record."""
	return generation.generate(kind, doctype, name, file_format).to_dict()


@frappe.whitelist(methods=["POST"])
def download(kind: str, doctype: str, name: str, file_format: str = "docx"):
	"""Generate a document and send it as the response body (a file download).

	POST only: a generation supersedes the earlier versions, so a link must not trigger it.
	"""
	result = generation.generate(kind, doctype, name, file_format)
	frappe.local.response.filename = result.file_name
	frappe.local.response.filecontent = result.content
	frappe.local.response.type = "download"
	frappe.local.response.display_content_as = "attachment"


@frappe.whitelist(methods=["POST"])
def start_batch(job: str, name: str, notice: str | None = None, doc_no: str | None = None) -> dict:
	"""Queue a batch job (``unit_publicity``, ``publicity_report``, ``qualification_document``, the
	last with its document number ``doc_no``, 文号).

	Progress is published on the source record's form; the result is attached to it privately.
	"""
	return batch_jobs.enqueue_batch(job, name, notice or None, doc_no)


@frappe.whitelist(methods=["POST"])
def receive_paper(code: str) -> dict:
	"""Mark the paper materials of a scanned application received (the paper intake page)."""
	return paper_intake.receive_paper(code)


# ---------------------------------------------------------------- a county bureau's paper (004 四、（二）2)
@frappe.whitelist()
def county_paper_options() -> dict:
	"""The counties the user's bureau answers for and the documents it sends the 地区人社局."""
	return {
		"counties": paper_stage.counties_of_user(),
		"documents": paper_stage.document_titles(paper_stage.COUNTY_DOCUMENTS),
	}


@frappe.whitelist(methods=["POST"])
def download_county_paper(region: str, notice: str, document: str, file_format: str = "docx"):
	"""Generate the county's 公示情况报告 or 呈报表 of the notice and send it (one file or a zip).

	POST only: a generation supersedes the earlier versions."""
	file_name, content = paper_stage.download_county_paper(region, notice, document, file_format)
	frappe.local.response.filename = file_name
	frappe.local.response.filecontent = content
	frappe.local.response.type = "download"
	frappe.local.response.display_content_as = "attachment"
