# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from zhicheng_app.zhicheng.application_row import ApplicationRow


class ApplicationReturn(ApplicationRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		deadline: DF.Datetime | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reasons: DF.SmallText
		resubmitted_at: DF.Datetime | None
		returned_at: DF.Datetime
		returned_by: DF.Link | None
	# end: auto-generated types
	pass
