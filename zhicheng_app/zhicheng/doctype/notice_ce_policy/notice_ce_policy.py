# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class NoticeCEPolicy(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		general_from_year: DF.Int
		general_to_year: DF.Int
		level: DF.Literal["", "Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]
		min_professional_hours: DF.Int
		min_total_hours: DF.Int
		mode: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		professional_from_year: DF.Int
		professional_to_year: DF.Int
	# end: auto-generated types
	pass
