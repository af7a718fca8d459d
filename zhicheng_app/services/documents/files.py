"""The private files the documents and templates are stored in."""

import frappe

from zhicheng_app.i18n import _


def save_private_file(content: bytes, file_name: str, doctype: str, name: str, field: str | None = None):
	"""A private File attached to the record (only users who may read the record can open it)."""
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"attached_to_field": field,
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)


def file_content(file_url: str) -> bytes:
	"""The bytes of the File at ``file_url``; raises (zh) when there is none."""
	name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not name:
		frappe.throw(_("The file {0} was not found").format(file_url), title=_("Missing File"))
	content = frappe.get_doc("File", name).get_content()
	return content.encode("utf-8") if isinstance(content, str) else content
