"""The records that exist only for one application, deleted with it (``on_trash`` of Title
Application): its fee payments, the notifications logged as sent, its redactions with their
masked copies. Frappe refuses to delete a linked application unless forced; a forced delete must
not leave them behind, to be found again under the same name when the naming series reuses it."""

import frappe

from zhicheng_app.services.masking import delete_redactions

OWN_RECORDS = ("Fee Payment", "Notification Sent")


def delete_with_application(doc, method=None):
	for doctype in OWN_RECORDS:
		for name in frappe.get_all(doctype, filters={"application": doc.name}, pluck="name"):
			frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
	delete_redactions(doc)
