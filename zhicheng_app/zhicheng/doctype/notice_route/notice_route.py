# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class NoticeRoute(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		committee: DF.Data | None
		excludes_exam_replaced: DF.Check
		level: DF.Literal["", "Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]
		module: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		route: DF.Literal[
			"",
			"Directed Evaluation",
			"Private Enterprise Special",
			"Autonomous Region Evaluation",
			"Grant by Degree",
			"Initial Junior",
			"Township Initial Intermediate",
			"Fanghuiju Three-Year Promotion",
		]
	# end: auto-generated types
	pass
