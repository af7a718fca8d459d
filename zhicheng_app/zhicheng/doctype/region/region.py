# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.utils.nestedset import NestedSet


class Region(NestedSet):
	nsm_parent_field = "parent_region"
