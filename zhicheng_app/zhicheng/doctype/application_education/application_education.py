# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from zhicheng_app.zhicheng.application_row import ApplicationRow


class ApplicationEducation(ApplicationRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		degree: DF.Literal["None", "Bachelor Degree", "Master Degree", "Doctor Degree", "Postdoctoral"]
		education: DF.Literal[
			"Secondary Vocational", "High School", "Junior College", "Bachelor", "Master", "Doctor"
		]
		full_time: DF.Check
		graduation_date: DF.Date
		major: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		party_school: DF.Check
		school: DF.Data
		start_date: DF.Date | None
		tech_school_class: DF.Literal[
			"", "Intermediate Worker Class", "Senior Worker Class", "Preparatory Technician Class"
		]
		verification_no: DF.Data | None
	# end: auto-generated types
	pass
