# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document

from zhicheng_app.services import review_packets


class ReviewPacket(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from zhicheng_app.zhicheng.doctype.review_packet_achievement.review_packet_achievement import (
			ReviewPacketAchievement,
		)
		from zhicheng_app.zhicheng.doctype.review_packet_material.review_packet_material import (
			ReviewPacketMaterial,
		)

		achievements: DF.Table[ReviewPacketAchievement]
		built_at: DF.Datetime | None
		current_level: DF.Literal["", "Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]
		current_title: DF.Link | None
		degree: DF.Literal["", "None", "Bachelor Degree", "Master Degree", "Doctor Degree", "Postdoctoral"]
		education_level: DF.Literal[
			"", "Secondary Vocational", "High School", "Junior College", "Bachelor", "Master", "Doctor"
		]
		major: DF.Data | None
		materials: DF.Table[ReviewPacketMaterial]
		notice: DF.Link | None
		packet_code: DF.Data | None
		personal_summary: DF.LongText | None
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
		series: DF.Link | None
		target_level: DF.Literal["", "Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]
		target_title: DF.Link | None
		years_in_current_title: DF.Int
		years_of_work: DF.Int
	# end: auto-generated types

	def validate(self):
		review_packets.check_server_write(self)
