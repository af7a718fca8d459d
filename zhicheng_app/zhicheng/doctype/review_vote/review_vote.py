# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class ReviewVote(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		cast_at: DF.Datetime | None
		expert: DF.Link
		meeting: DF.Link
		packet: DF.Link
		score: DF.Float
		vote: DF.Literal["Agree", "Disagree", "Abstain"]
	# end: auto-generated types
	pass
