# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document
from frappe.utils import now_datetime

from zhicheng_app.services import documents


class DocumentTemplate(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		"""Check the uploaded .docx against its kind and render a sample in the sandbox.

		Unknown variables, a missing QR/barcode placeholder or a template that does not render
		stop the save with every problem listed.
		"""
		if not (self.is_new() or self.has_value_changed("template_file") or not self.validated_at):
			return
		report = documents.check_template(self.kind, self.template_file)
		self.variables = "、".join(report.variables)
		self.warnings = "\n".join(report.warnings)
		self.validated_at = now_datetime()
		self.flags.sample = report.sample

	def on_update(self):
		sample = self.flags.pop("sample", None)
		if sample:
			file = documents.save_private_file(
				sample, f"{self.kind}-sample.docx", self.doctype, self.name, "sample_file"
			)
			self.db_set("sample_file", file.file_url)
