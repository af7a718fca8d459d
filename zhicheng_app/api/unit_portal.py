"""Whitelisted methods of the employer unit's portal pages (单位职称申报).

Unit HR has no desk: these methods are what its pages call, and they are only another REST
client. Each one reads or writes through Frappe's permission checks (the record scope of
``permissions``, the permission levels and states of ``editability``) and the workflow's own
transitions with their guards; nothing here skips a rule the desk applies.
"""

import frappe

from zhicheng_app.i18n import _
from zhicheng_app.services import paper_stage, publicity_objections, unit_review
from zhicheng_app.services.documents import paper_stage as paper_documents
from zhicheng_app.services.documents import unit_documents
from zhicheng_app.services.precheck import notice_config


def _names(applications) -> list[str]:
	names = frappe.parse_json(applications) if isinstance(applications, str) else applications
	if isinstance(names, str):
		names = [names]
	if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
		frappe.throw(_("Select at least one application"))
	return names


@frappe.whitelist()
def applications(unit: str | None = None, state: str | None = None) -> list[dict]:
	"""The applications of the user's units: number, applicant, notice, route, level and state,
	each with its zh label."""
	return unit_review.list_applications(unit or None, state or None)


@frappe.whitelist()
def application(name: str) -> dict:
	"""One application as the unit's page shows it: its publicity with what the rules say about
	it, the objections, the transitions open to the user, the opinion and the documents."""
	return unit_review.application_view(name)


@frappe.whitelist()
def propose_publicity_end(application: str, start: str) -> dict:
	"""The earliest end of a publicity that begins on ``start`` under the application's notice."""
	doc = frappe.get_doc("Title Application", application)
	doc.check_permission("read")
	return unit_review.proposed_end(notice_config(doc.notice), start)


@frappe.whitelist(methods=["POST"])
def save_publicity(
	application: str,
	publicity_start: str | None = None,
	publicity_end: str | None = None,
	publicity_notes: str | None = None,
) -> dict:
	"""Enter the unit's publicity period (and notes); returns the publicity as the page shows it."""
	values = {"publicity_start": publicity_start, "publicity_end": publicity_end}
	if publicity_notes is not None:
		values["publicity_notes"] = publicity_notes
	doc = unit_review.save_publicity(application, values)
	return unit_review.publicity_view(doc)


@frappe.whitelist(methods=["POST"])
def add_objection(application: str, received_on: str, content: str, raised_by: str | None = None) -> dict:
	"""Record an objection raised during the publicity; the application's flag follows."""
	doc = unit_review.add_objection(application, received_on, content, raised_by or None)
	return {"name": doc.name, "status": doc.status}


@frappe.whitelist(methods=["POST"])
def add_results_objection(
	application: str,
	received_on: str,
	content: str,
	raised_by: str | None = None,
	contact: str | None = None,
) -> dict:
	"""Record an objection received during the results publicity (会议公示) of one of the unit's
	applications; it reaches the committee office as one recorded in the desk."""
	doc = publicity_objections.add_results_objection(application, received_on, content, raised_by, contact)
	return {"name": doc.name, "status": doc.status}


@frappe.whitelist(methods=["POST"])
def handle_objection(objection: str, status: str, handling: str) -> dict:
	"""Record how an objection was handled: upheld, or dismissed after checking (which clears
	the application's flag once no other objection stands)."""
	doc = unit_review.handle_objection(objection, status, handling)
	return {"name": doc.name, "status": doc.status}


@frappe.whitelist(methods=["POST"])
def recommend(application: str) -> dict:
	"""The workflow's "Recommend" with the notice's fixed opinion."""
	doc = unit_review.recommend(application)
	return {"name": doc.name, "workflow_state": doc.workflow_state, "state_label": _(doc.workflow_state)}


@frappe.whitelist(methods=["POST"])
def return_to_applicant(application: str, reason: str) -> dict:
	"""The workflow's "Return to Applicant"; the reason is required."""
	doc = unit_review.return_to_applicant(application, reason)
	return {"name": doc.name, "workflow_state": doc.workflow_state, "state_label": _(doc.workflow_state)}


@frappe.whitelist(methods=["POST"])
def download_documents(document: str, applications, file_format: str = "docx"):
	"""Generate the unit's ``document`` (``publicity``, ``publicity_result``, ``recommendation``)
	for the selected applications and send it: one file, or a zip of several.

	POST only: a generation supersedes the earlier versions, so a link must not trigger it."""
	file_name, content = unit_documents.download(document, _names(applications), file_format)
	frappe.local.response.filename = file_name
	frappe.local.response.filecontent = content
	frappe.local.response.type = "download"
	frappe.local.response.display_content_as = "attachment"


@frappe.whitelist(methods=["POST"])
def upload_signed_scan() -> dict:
	"""Attach a signed and sealed scan to an application. Called through Frappe's ``upload_file``
	(``method`` set to this one, with ``application`` and ``document``), which reads the file and
	applies its own checks first."""
	form = frappe.form_dict
	file = unit_documents.attach_signed_scan(
		form.get("application"),
		form.get("document"),
		frappe.local.uploaded_file,
		frappe.local.uploaded_filename,
	)
	return {"name": file.name, "file_name": file.file_name, "file_url": file.file_url}


@frappe.whitelist()
def signed_scans(application: str) -> list[dict]:
	"""The signed scans attached to an application."""
	frappe.get_doc("Title Application", application).check_permission("read")
	return unit_documents.signed_scans(application)


@frappe.whitelist()
def unit_files(unit: str) -> list[dict]:
	"""The files the unit's batch jobs attached to the unit (the zip of all its 公示), newest first."""
	frappe.get_doc("Employer Unit", unit).check_permission("read")
	return frappe.get_list(
		"File",
		filters={"attached_to_doctype": "Employer Unit", "attached_to_name": unit},
		fields=["name", "file_name", "file_url", "creation"],
		order_by="creation desc",
		limit_page_length=10,
	)


# ---------------------------------------------------------------- 004's paper stage (四、（二）)
@frappe.whitelist(methods=["POST"])
def save_republicity(
	unit: str,
	notice: str,
	republicity_start: str | None = None,
	republicity_end: str | None = None,
	republicity_objection: int | str | None = 0,
	republicity_notes: str | None = None,
) -> dict:
	"""Enter the unit's publicity of the applicants who passed the review (阿地人社传〔2024〕6号 四、（二）1)."""
	count = paper_stage.save_republicity(
		unit,
		notice,
		{
			"republicity_start": republicity_start,
			"republicity_end": republicity_end,
			"republicity_objection": republicity_objection,
			"republicity_notes": republicity_notes,
		},
	)
	return {"count": count}


@frappe.whitelist(methods=["POST"])
def submit_paper(unit: str, notice: str) -> dict:
	"""The workflow's Submit Paper Materials for the unit's passed applications of the notice."""
	return {"applications": paper_stage.submit_paper(unit, notice)}


@frappe.whitelist(methods=["POST"])
def download_paper(unit: str, notice: str, document: str, file_format: str = "docx"):
	"""Generate the unit's paper of the notice (公示情况报告, 公示结果, 推荐报告 or 呈报表) and send it.

	POST only: a generation supersedes the earlier versions."""
	file_name, content = paper_documents.download_unit_paper(unit, notice, document, file_format)
	frappe.local.response.filename = file_name
	frappe.local.response.filecontent = content
	frappe.local.response.type = "download"
	frappe.local.response.display_content_as = "attachment"
