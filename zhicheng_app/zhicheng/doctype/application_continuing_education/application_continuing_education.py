# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from zhicheng_app.zhicheng.application_row import ApplicationRow


class ApplicationContinuingEducation(ApplicationRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		exempt: DF.Check
		exempt_from: DF.Date | None
		exempt_to: DF.Date | None
		exemption_reason: DF.Data | None
		from_platform: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		professional_hours: DF.Float
		public_hours: DF.Float
		year: DF.Int
	# end: auto-generated types
	pass
