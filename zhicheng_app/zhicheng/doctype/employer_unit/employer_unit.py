# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from zhicheng_app.rules.identity import check_credit_code


class EmployerUnit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		business_licence: DF.Attach | None
		credit_code: DF.Data
		disabled: DF.Check
		head_name: DF.Data | None
		hr_contact: DF.Data | None
		in_xinjiang_since: DF.Date | None
		licence_registration_place: DF.Data | None
		location: DF.Literal["Prefecture-direct", "County", "Township"]
		out_of_xinjiang: DF.Check
		ownership: DF.Literal[
			"Government Agency", "Public Institution", "State-owned Enterprise", "Private Enterprise", "Other"
		]
		phone: DF.Data | None
		region: DF.Link
		short_names: DF.Data | None
		supervising_unit: DF.Link | None
		title_work_leader: DF.Data | None
		unit_category: DF.Literal[
			"Ordinary",
			"Central Unit in Xinjiang",
			"Out-of-Province Enterprise in Xinjiang",
			"Military",
			"Personnel Agency Freelancer",
		]
		unit_name: DF.Data

	# end: auto-generated types
	def validate(self):
		result = check_credit_code(self.credit_code)
		if not result.ok:
			frappe.throw(result.error, title=_("Invalid Unified Social Credit Code"))
		self.credit_code = result.normalized
		if self.supervising_unit and self.supervising_unit == self.name:
			frappe.throw(_("A unit cannot be its own supervising unit"))
