# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from zhicheng_app.zhicheng.application_row import ApplicationRow


class ReviewMeetingPacket(ApplicationRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		abstain: DF.Int
		agree: DF.Int
		average_score: DF.Float
		disagree: DF.Int
		packet: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		recused: DF.Int
		result: DF.Literal["", "Passed", "Failed"]
		voters: DF.Int
	# end: auto-generated types
	pass
