# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from zhicheng_app.zhicheng.application_row import ApplicationRow


class ReviewMeetingExpert(ApplicationRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attendance: DF.Literal["Present", "Absent"]
		expert: DF.Link
		expert_name: DF.Data | None
		expert_unit: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		unit_name: DF.Data | None
	# end: auto-generated types
	pass
