# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document

from zhicheng_app.services import defense


class DefenseSession(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from zhicheng_app.zhicheng.doctype.defense_panel_member.defense_panel_member import DefensePanelMember
		from zhicheng_app.zhicheng.doctype.defense_session_application.defense_session_application import (
			DefenseSessionApplication,
		)

		applications: DF.Table[DefenseSessionApplication]
		cancel_reason: DF.SmallText | None
		cancelled_at: DF.Datetime | None
		cancelled_by: DF.Link | None
		changes: DF.Int
		committee: DF.Link | None
		ends_at: DF.Datetime | None
		instructions: DF.SmallText | None
		mode: DF.Literal["On-site", "Online Video"]
		notice: DF.Link
		online_link: DF.Data | None
		panel: DF.Table[DefensePanelMember]
		results_recorded_at: DF.Datetime | None
		session_title: DF.Data
		starts_at: DF.Datetime
		status: DF.Literal["Planned", "Scheduled", "Results Recorded", "Cancelled"]
		venue: DF.Data | None

	# end: auto-generated types
	def validate(self):
		defense.validate_session(self)

	def on_update(self):
		defense.on_session_update(self)
