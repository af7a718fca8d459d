# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class NoticeScope(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		excluded: DF.Check
		level: DF.Literal["", "Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		profession: DF.Data | None
		series: DF.Data | None
	# end: auto-generated types
	pass
