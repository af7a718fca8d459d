# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class NoticeSkillIntegration(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		min_years: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		skill_level: DF.Literal["", "Senior Worker", "Technician", "Senior Technician"]
		target_level: DF.Literal["", "Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]
	# end: auto-generated types
	pass
