"""The base of the rows of an application's child tables (and of the other child tables whose
parent records are scoped, such as an Evaluation Committee's Committee Scope)."""

import frappe
from frappe.model.document import Document


class ApplicationRow(Document):
	"""Frappe checks a child row's permission on its parent document; a row loaded on its own
	(``GET /api/resource/Application Return/<name>``) has no parent document attached, and Frappe
	then checks the parent DocType's role permission only, not the record scope. Such a row loads
	its parent, so the application's scope applies to it as to the application."""

	@property
	def parent_doc(self):
		doc = Document.parent_doc.fget(self)
		if doc is None and self.get("parenttype") and self.get("parent"):
			if frappe.db.exists(self.parenttype, self.parent):
				doc = frappe.get_doc(self.parenttype, self.parent)
				Document.parent_doc.fset(self, doc)
		return doc

	@parent_doc.setter
	def parent_doc(self, value):
		Document.parent_doc.fset(self, value)
