# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from zhicheng_app.zhicheng.application_row import ApplicationRow


class CommitteeScope(ApplicationRow):
	"""A row loaded on its own reads as its Evaluation Committee (a committee office scoped to
	some committees reads theirs only)."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		level: DF.Literal["", "Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		profession: DF.Link | None
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
		series: DF.Link
	# end: auto-generated types
	pass
