"""The documents an employer unit signs and seals, for the applications it selects, and the signed
scans it attaches back to an application.

For each application the unit's document (``catalogue.UNIT_DOCUMENTS``: 公示, 公示结果, 推荐意见 or
推荐报告) is the per-person kind of its route, or, for the routes of 阿地人社传〔2024〕6号, the unit's
batch document of the application's group (``catalogue.batch_group``), generated once for all
selected members of the group. Several documents are sent as one zip.
"""

import io
import os
import zipfile

import frappe

from zhicheng_app.documents.catalogue import (
	APPLICATION,
	CLOSED_STATES,
	KIND_SOURCE,
	UNIT,
	UNIT_DOCUMENT_TITLES,
	batch_group,
	batch_key,
	slug,
	unit_document_kind,
)
from zhicheng_app.documents.contexts import unit_batch_context
from zhicheng_app.i18n import _
from zhicheng_app.rules.calendar import now_shanghai

from .access import check_print_permission
from .contexts import application_templates, notice_record
from .generation import DOCX, Generated, generate

# what the name of a signed scan says it is, after the document's title
SIGNED_SCAN = "Signed and Sealed Scan"


def generate_unit_batch(kind: str, unit, group: tuple[str, str, str], members: list, file_format: str = DOCX):
	"""The unit's batch document ``kind`` for the applications ``members`` of one ``group``."""
	context = unit_batch_context(unit, notice_record(group[0]), members)
	return generate(kind, UNIT, unit.name, file_format, context=context, batch_key=batch_key(group))


def _document_title(document: str) -> str:
	if document not in UNIT_DOCUMENT_TITLES:
		frappe.throw(_("Unknown document template: {0}").format(document), title=_("Unknown Document"))
	return _(UNIT_DOCUMENT_TITLES[document])


def generate_for_applications(document: str, names: list[str], file_format: str = DOCX) -> list[Generated]:
	"""Generate the unit's ``document`` for each application of ``names`` (print permission on
	each); raises (zh) when none of them has such a document."""
	title = _document_title(document)
	applications = [frappe.get_doc(APPLICATION, name) for name in dict.fromkeys(names)]
	if not applications:
		frappe.throw(_("Select at least one application"), title=_("Nothing to Do"))
	per_person, groups = [], {}
	for application in applications:
		check_print_permission(APPLICATION, application)
		kind = unit_document_kind(document, application.route, application_templates(application))
		if not kind or application.workflow_state in CLOSED_STATES:
			continue
		if KIND_SOURCE[kind] == APPLICATION:
			per_person.append((kind, application))
		else:
			group = batch_group(kind, application.notice, application.route, application.target_level)
			groups.setdefault((kind, application.employer_unit, group), []).append(application)
	if not per_person and not groups:
		frappe.throw(
			_("The notices print no {0} for the selected applications").format(title),
			title=_("Nothing to Do"),
		)
	made = [generate(kind, APPLICATION, application.name, file_format) for kind, application in per_person]
	for (kind, unit_name, group), members in groups.items():
		made.append(generate_unit_batch(kind, frappe.get_doc(UNIT, unit_name), group, members, file_format))
	return made


def zip_archive(documents: list[Generated]) -> bytes:
	"""One zip holding every generated file."""
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
		for generated in documents:
			archive.writestr(generated.file_name, generated.content)
	return buffer.getvalue()


def archive_name(owner: str, title: str) -> str:
	"""The name of a zip of ``title`` documents of ``owner`` (a unit), stamped in Beijing time."""
	return f"{slug(owner)}-{slug(title)}-{now_shanghai().strftime('%Y%m%d%H%M%S')}.zip"


def download(document: str, names: list[str], file_format: str = DOCX) -> tuple[str, bytes]:
	"""(file name, content) of the unit's ``document`` for the applications ``names``: the file
	itself when there is one, else a zip of them."""
	made = generate_for_applications(document, names, file_format)
	if len(made) == 1:
		return made[0].file_name, made[0].content
	first = frappe.get_doc(APPLICATION, names[0])
	owner = frappe.db.get_value(UNIT, first.employer_unit, "unit_name") or first.employer_unit
	return archive_name(owner, _(UNIT_DOCUMENT_TITLES[document], "zh")), zip_archive(made)


def signed_scan_name(document: str, application: str, uploaded_name: str) -> str:
	"""The file name a signed scan of the unit's ``document`` is stored under: the document's
	title, the mark, the application and the extension of the uploaded file."""
	extension = os.path.splitext(uploaded_name or "")[1].lower()
	title = _(UNIT_DOCUMENT_TITLES[document], "zh")
	return f"{title}（{_(SIGNED_SCAN, 'zh')}）-{application}{extension}"


def attach_signed_scan(application: str, document: str, content: bytes, uploaded_name: str):
	"""Attach a signed and sealed scan of the unit's ``document`` to the application, privately.

	The File's own check (``editability.check_attachment_upload``) decides whether the user may
	attach files to the application in its state; nothing here skips it."""
	_document_title(document)
	doc = frappe.get_doc(APPLICATION, application)
	if not unit_document_kind(document, doc.route, application_templates(doc)):
		frappe.throw(
			_("The notices print no {0} for this application").format(_(UNIT_DOCUMENT_TITLES[document])),
			title=_("Unknown Document"),
		)
	if not content:
		frappe.throw(_("Choose the file to upload"))
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": signed_scan_name(document, application, uploaded_name),
			"attached_to_doctype": APPLICATION,
			"attached_to_name": application,
			"is_private": 1,
			"content": content,
		}
	).insert()


def signed_scans(application: str) -> list[dict]:
	"""The signed scans attached to the application that the user may read, newest first."""
	mark = f"%（{_(SIGNED_SCAN, 'zh')}）%"
	return frappe.get_list(
		"File",
		filters={
			"attached_to_doctype": APPLICATION,
			"attached_to_name": application,
			"file_name": ("like", mark),
		},
		fields=["name", "file_name", "file_url", "creation"],
		order_by="creation desc",
	)
