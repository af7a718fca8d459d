# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class TitleSanction(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		ban_until: DF.Date | None
		decided_on: DF.Date
		document_no: DF.Data | None
		id_number: DF.Data
		person_name: DF.Data | None
		reason: DF.SmallText
	# end: auto-generated types
	pass
