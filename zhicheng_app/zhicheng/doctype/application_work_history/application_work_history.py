# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from zhicheng_app.zhicheng.application_row import ApplicationRow


class ApplicationWorkHistory(ApplicationRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		end_date: DF.Date | None
		in_profession: DF.Check
		in_xinjiang: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		position: DF.Data | None
		start_date: DF.Date
		unit_name: DF.Data
	# end: auto-generated types
	pass
