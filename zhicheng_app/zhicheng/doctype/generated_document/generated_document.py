# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

import frappe
from frappe.model.document import Document

from zhicheng_app.i18n import _


class GeneratedDocument(Document):
	"""The record of one generation: kind, source, version, content hash, token, file, who and when.

	Created by ``zhicheng_app.services.documents.generation.generate`` only; read by the public
	/verify page. ``kind`` is a kind of the template registry (``zhicheng_app.documents.registry``);
	``title`` is its zh title.
	"""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		batch_key: DF.Data | None
		content_hash: DF.Data | None
		data_hash: DF.Data | None
		doc_date: DF.Date | None
		file: DF.Data | None
		file_format: DF.Data | None
		generated_at: DF.Datetime | None
		generated_by: DF.Link | None
		issuer: DF.Data | None
		kind: DF.Data
		reference_doctype: DF.Literal[
			"Title Application", "Employer Unit", "Title Notice", "Review Meeting", "Region"
		]
		reference_name: DF.DynamicLink
		subject: DF.Data | None
		subject_id: DF.Data | None
		superseded: DF.Check
		superseded_by: DF.Link | None
		title: DF.Data | None
		token: DF.SmallText | None
		version: DF.Int
	# end: auto-generated types

	def validate(self):
		# every field is the generation's (file, hashes, signed token, version): the document
		# step stores a record, nobody edits or makes one through a form or the REST API
		if not self.flags.ignore_permissions:
			frappe.throw(
				_("A generated document is made by the system; generate the document again instead"),
				frappe.PermissionError,
			)
