# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.utils.nestedset import NestedSet


class Region(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_region: DF.Link | None
		region_code: DF.Data | None
		region_level: DF.Literal["Autonomous Region", "Prefecture", "County", "Township"]
		region_name: DF.Data
		rgt: DF.Int
	# end: auto-generated types
	nsm_parent_field = "parent_region"
