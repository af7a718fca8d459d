# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from zhicheng_app.zhicheng.application_row import ApplicationRow


class ApplicationContinuingEducation(ApplicationRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		professional_certificate: DF.Check
		professional_hours: DF.Float
		professional_source: DF.Literal["System", "Upload"]
		public_certificate: DF.Check
		public_hours: DF.Float
		public_source: DF.Literal["System", "Upload"]
		year: DF.Int
	# end: auto-generated types
	pass
