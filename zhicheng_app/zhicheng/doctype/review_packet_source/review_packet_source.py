# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class ReviewPacketSource(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		application: DF.Link
		notice: DF.Link | None
		packet: DF.Link
	# end: auto-generated types
	pass
