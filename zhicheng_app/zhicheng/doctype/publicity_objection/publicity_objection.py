# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document

from zhicheng_app.services import publicity_objections


class PublicityObjection(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		applicant_name: DF.Data | None
		application: DF.Link
		contact: DF.Data | None
		content: DF.SmallText
		employer_unit: DF.Link | None
		handling: DF.SmallText | None
		raised_by: DF.Data | None
		received_on: DF.Date
		resolved_by: DF.Link | None
		resolved_on: DF.Date | None
		stage: DF.Literal["Unit Publicity", "Results Publicity"]
		status: DF.Literal["Unhandled", "Upheld", "Dismissed"]
	# end: auto-generated types

	def validate(self):
		publicity_objections.validate_objection(self)

	def on_update(self):
		publicity_objections.sync_objection_flag(self.application)

	def on_trash(self):
		publicity_objections.check_deletable(self)

	def after_delete(self):
		publicity_objections.sync_objection_flag(self.application)
