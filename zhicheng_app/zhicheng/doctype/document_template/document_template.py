# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import now_datetime

from zhicheng_app.i18n import _
from zhicheng_app.services.documents.files import save_private_file
from zhicheng_app.services.documents.templates import check_template


class DocumentTemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		enabled: DF.Check
		kind: DF.Literal[
			"unit_publicity_001",
			"publicity_002",
			"publicity_003",
			"publicity_result_002",
			"publicity_result_003",
			"publicity_result_000",
			"recommendation_competent_002",
			"recommendation_unit_003",
			"recommendation_unit_000",
			"publicity_batch_004",
			"publicity_result_batch_004",
			"recommendation_report_004",
			"publicity_report_004",
			"commitment",
			"exemption_form",
			"appraisal_form",
			"qualification_review_form",
			"grant_report_form",
			"initial_report_form",
			"fanghuiju_report_form",
			"qualification_document",
		]
		notes: DF.SmallText | None
		sample_file: DF.Attach | None
		template_file: DF.Attach
		validated_at: DF.Datetime | None
		variables: DF.SmallText | None
		warnings: DF.SmallText | None
	# end: auto-generated types

	def validate(self):
		"""Check the uploaded .docx against its kind and render a sample in the sandbox.

		Unknown variables, a missing QR/barcode placeholder or a template that does not render
		stop the save with every problem listed.
		"""
		before = self.get_doc_before_save()
		if before:  # what the check found is the check's, not the form's
			for field in ("validated_at", "variables", "warnings", "sample_file"):
				self.set(field, before.get(field))
		if not (self.is_new() or self.has_value_changed("template_file") or not self.validated_at):
			return
		report = check_template(self.kind, self.template_file)
		self.variables = "、".join(report.variables)
		self.warnings = "\n".join(report.warnings)
		self.validated_at = now_datetime()
		self.flags.sample = report.sample
		if report.warnings:
			frappe.msgprint(
				"<br>".join(frappe.utils.escape_html(w) for w in report.warnings),
				title=_("Template Checked"),
				indicator="orange",
			)

	def on_update(self):
		sample = self.flags.pop("sample", None)
		if sample:
			file = save_private_file(
				sample, f"{self.kind}-sample.docx", self.doctype, self.name, "sample_file"
			)
			self.db_set("sample_file", file.file_url)
