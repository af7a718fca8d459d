# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class NoticeWindow(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		clause: DF.Data | None
		closes_as: DF.Literal["", "Abandoned", "Not Accepted"]
		closes_states: DF.SmallText | None
		consequence: DF.SmallText | None
		end: DF.Datetime | None
		kind: DF.Literal[
			"Application",
			"Review",
			"Paper Submission",
			"Fee Payment",
			"County Paper Submission",
			"Evaluation",
		]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		start: DF.Datetime | None
	# end: auto-generated types
	pass
