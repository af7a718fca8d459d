# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from zhicheng_app.zhicheng.application_row import ApplicationRow


class ApplicationGrassrootsService(ApplicationRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		dispatching_unit: DF.Data | None
		end_date: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		place: DF.Data | None
		service_kind: DF.Literal[
			"Fanghuiju Village Residency",
			"Village Mosque Management",
			"South Xinjiang Preschool Teaching",
			"Inland Service Management",
		]
		start_date: DF.Date
		still_serving: DF.Check
	# end: auto-generated types
	pass
