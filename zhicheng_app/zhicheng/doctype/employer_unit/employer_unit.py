# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from zhicheng_app.rules.identity import check_credit_code


class EmployerUnit(Document):
	def validate(self):
		result = check_credit_code(self.credit_code)
		if not result.ok:
			frappe.throw(result.error, title=_("Invalid Unified Social Credit Code"))
		self.credit_code = result.normalized
		if self.supervising_unit and self.supervising_unit == self.name:
			frappe.throw(_("A unit cannot be its own supervising unit"))
