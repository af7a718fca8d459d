# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document

from zhicheng_app.services import review_meeting


class ReviewMeeting(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from zhicheng_app.zhicheng.doctype.review_meeting_expert.review_meeting_expert import (
			ReviewMeetingExpert,
		)
		from zhicheng_app.zhicheng.doctype.review_meeting_packet.review_meeting_packet import (
			ReviewMeetingPacket,
		)
		from zhicheng_app.zhicheng.doctype.review_meeting_recusal.review_meeting_recusal import (
			ReviewMeetingRecusal,
		)

		agenda: DF.Table[ReviewMeetingPacket]
		closed_at: DF.Datetime | None
		closed_by: DF.Link | None
		committee: DF.Link
		experts: DF.Table[ReviewMeetingExpert]
		meeting_date: DF.Datetime | None
		meeting_title: DF.Data
		notice: DF.Link
		pass_fraction: DF.Data | None
		quorum_fraction: DF.Data | None
		record_scores: DF.Check
		recusals: DF.Table[ReviewMeetingRecusal]
		status: DF.Literal["Draft", "Open", "Closed"]
		tally_document: DF.Link | None
		venue: DF.Data | None

	# end: auto-generated types
	def validate(self):
		review_meeting.validate_meeting(self)
