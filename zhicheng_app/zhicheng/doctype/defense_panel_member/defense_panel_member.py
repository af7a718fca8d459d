# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from zhicheng_app.zhicheng.application_row import ApplicationRow


class DefensePanelMember(ApplicationRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		expert: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		role_in_panel: DF.Literal["Member", "Chair"]
	# end: auto-generated types
	# a row read on its own is read within its session's scope (ApplicationRow)
