# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document

from zhicheng_app.services import fees


class FeePayment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		applicant_name: DF.Data | None
		application: DF.Link
		committee: DF.Data | None
		employer_unit: DF.Link | None
		level_tier: DF.Literal["", "Senior", "Intermediate", "Junior"]
		method: DF.Literal["QR Payment", "Bank Transfer", "Cash"]
		notice: DF.Link | None
		paid_at: DF.Datetime | None
		payer_kind: DF.Literal["Applicant", "Employer Unit"]
		payer_unit: DF.Link | None
		receipt_number: DF.Data
		recorded_by: DF.Link | None
		refund_reason: DF.SmallText | None
		refunded_at: DF.Datetime | None
		refunded_by: DF.Link | None
		status: DF.Literal["Paid", "Refunded"]

	# end: auto-generated types
	def validate(self):
		fees.validate(self)

	def after_insert(self):
		fees.after_insert(self)
