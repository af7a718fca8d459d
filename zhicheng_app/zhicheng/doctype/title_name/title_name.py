# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class TitleName(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		exam_replaces_evaluation: DF.Check
		level: DF.Literal["Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]
		profession: DF.Link | None
		series: DF.Link
		source_note: DF.Data | None
		title_name: DF.Data
	# end: auto-generated types
	pass
