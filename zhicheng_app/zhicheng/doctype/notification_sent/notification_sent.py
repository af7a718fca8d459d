# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class NotificationSent(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		application: DF.Link | None
		deadline: DF.Datetime | None
		emailed: DF.Check
		key: DF.Data | None
		kind: DF.Literal[
			"Accepted",
			"Defense Scheduled",
			"Defense Rescheduled",
			"Defense Cancelled",
			"Results Objection",
			"Deadline Reminder",
			"Not Confirmed",
		]
		recipient: DF.Link | None
		sent_at: DF.Datetime | None
		subject: DF.Data | None
	# end: auto-generated types
	pass
