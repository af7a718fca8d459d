# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from zhicheng_app.zhicheng.application_row import ApplicationRow


class DefenseSessionApplication(ApplicationRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		application: DF.Link
		attendance: DF.Literal["", "Present", "Absent"]
		decision: DF.Literal["", "Passed", "Failed"]
		outcome: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		result: DF.Literal["", "Passed", "Failed"]
		scheduled: DF.Check
		score: DF.Float
		slot_at: DF.Datetime | None
		slot_order: DF.Int
	# end: auto-generated types
	# a row read on its own is read within its session's scope (ApplicationRow)
