# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document

from zhicheng_app.services import masking


class MaterialRedaction(Document):
	"""The masking of one uploaded image of an application (blind review): the boxes the text
	recognition proposed, those the applicant or the unit confirmed, and the masked copy.

	Written by ``zhicheng_app.services.masking`` only (the upload, the recognition job and the
	masking page's confirmation); read in the application's scope.
	"""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		application: DF.Link
		attachment_row: DF.Data | None
		boxes: DF.JSON | None
		confirmed_at: DF.Datetime | None
		confirmed_by: DF.Link | None
		error: DF.SmallText | None
		findings: DF.JSON | None
		material_code: DF.Data | None
		original_file: DF.Attach | None
		redacted_file: DF.Attach | None
		status: DF.Literal["Pending", "Proposed", "Confirmed", "Failed"]
	# end: auto-generated types

	def validate(self):
		masking.check_server_write(self)
