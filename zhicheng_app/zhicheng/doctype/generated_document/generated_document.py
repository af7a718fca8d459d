# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class GeneratedDocument(Document):
	"""The record of one generation: kind, source, version, content hash, token, file, who and when.

	Created by ``zhicheng_app.services.documents.generation.generate`` only; read by the public /verify page.
	"""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		batch_key: DF.Data | None
		content_hash: DF.Data | None
		doc_date: DF.Date | None
		file: DF.Data | None
		file_format: DF.Data | None
		generated_at: DF.Datetime | None
		generated_by: DF.Link | None
		issuer: DF.Data | None
		kind: DF.Literal[
			"unit_publicity_001",
			"publicity_002",
			"publicity_003",
			"publicity_result_002",
			"publicity_result_003",
			"recommendation_competent_002",
			"recommendation_unit_003",
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
		reference_doctype: DF.Literal["Title Application", "Employer Unit", "Title Notice"]
		reference_name: DF.DynamicLink
		subject: DF.Data | None
		subject_id: DF.Data | None
		superseded: DF.Check
		superseded_by: DF.Link | None
		title: DF.Data | None
		token: DF.SmallText | None
		version: DF.Int
	# end: auto-generated types
	pass
