"""Whitelisted methods of the campaign after the review meeting: the committee office starts the
results publicity (会议公示), the certifying body issues the 任职资格文件 with its 文号, and the
applicant downloads the 任职资格文件 of their certified application.
"""

import frappe

from zhicheng_app.services import results
from zhicheng_app.services.documents import batch_jobs


@frappe.whitelist(methods=["POST"])
def start_results_publicity(notice: str, applications: str | list | None = None) -> dict:
	"""Start the results publicity of the notice's applications that passed (of ``applications``, a
	list or JSON list of names, when given): ``{"started", "start", "end"}``."""
	names = frappe.parse_json(applications) if isinstance(applications, str) else applications
	return results.start_results_publicity(notice, names or None)


@frappe.whitelist(methods=["POST"])
def issue_qualification_document(notice: str, doc_no: str) -> dict:
	"""Generate, in the background, the 任职资格文件 ``doc_no`` (文号) of the notice's certified
	applications not yet issued in another document (print permission on the notice)."""
	return batch_jobs.enqueue_batch("qualification_document", notice, doc_no=doc_no)


@frappe.whitelist()
def qualification_document(application: str):
	"""The 任职资格文件 of the user's certified application, as a file download (read permission
	on the application; the file itself stays readable by the bureaus only)."""
	file_name, content = results.applicant_document(application)
	frappe.local.response.filename = file_name
	frappe.local.response.filecontent = content
	frappe.local.response.type = "download"
	frappe.local.response.display_content_as = "attachment"
