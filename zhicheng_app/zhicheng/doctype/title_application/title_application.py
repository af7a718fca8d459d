# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from zhicheng_app.roles import APPLICANT
from zhicheng_app.rules.identity import check_resident_id


class TitleApplication(Document):
	def before_insert(self):
		if not self.applicant_user and APPLICANT in frappe.get_roles():
			self.applicant_user = frappe.session.user

	def validate(self):
		self.validate_identity()

	def validate_identity(self):
		result = check_resident_id(self.id_number)
		if not result.ok:
			frappe.throw(result.error, title=_("Invalid Resident ID Number"))
		self.id_number = result.normalized
		self.birth_date = result.birth_date
		self.gender = result.gender
