# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from zhicheng_app.services import review_packets
from zhicheng_app.zhicheng.application_row import ApplicationRow


class ReviewPacketAchievement(ApplicationRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		achieved_on: DF.Date | None
		kind: DF.Literal["", "Achievement", "Award", "Patent", "Paper", "Book", "Standard"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rank: DF.Data | None
		title: DF.SmallText | None
	# end: auto-generated types

	def validate(self):
		review_packets.check_server_write(self)
