# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class EvaluationCommittee(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from zhicheng_app.zhicheng.doctype.committee_scope.committee_scope import CommitteeScope

		address: DF.SmallText | None
		code: DF.Data | None
		committee_kind: DF.Literal["Evaluation Committee", "HR Bureau Confirmation"]
		committee_name: DF.Data
		contact_person: DF.Data | None
		contact_phone: DF.Data | None
		fee_office: DF.Data | None
		host_body: DF.Data | None
		paper_office: DF.Data | None
		region: DF.Link | None
		scope: DF.Table[CommitteeScope]
		signature: DF.Data | None
	# end: auto-generated types
	pass
