# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document

from zhicheng_app.services import unit_registration


class UnitRegistration(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		business_licence: DF.Attach | None
		credit_code: DF.Data
		employer_unit: DF.Link | None
		hr_contact: DF.Data
		location: DF.Literal["Prefecture-direct", "County", "Township"]
		ownership: DF.Literal[
			"Government Agency", "Public Institution", "State-owned Enterprise", "Private Enterprise", "Other"
		]
		phone: DF.Data
		region: DF.Link
		review_note: DF.SmallText | None
		reviewed_at: DF.Datetime | None
		reviewed_by: DF.Link | None
		status: DF.Literal["Awaiting Review", "Registered", "Refused"]
		unit_name: DF.Data
		user: DF.Link | None
	# end: auto-generated types

	def validate(self):
		unit_registration.validate_registration(self)
