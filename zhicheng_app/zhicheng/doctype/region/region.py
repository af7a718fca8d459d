# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

import frappe
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

	def validate(self):
		keep_tree_fields(self)


# the nested set's own bookkeeping: Frappe's tree code writes these (on_update, rebuild, move)
TREE_FIELDS = ("lft", "rgt", "old_parent")


def keep_tree_fields(doc):
	"""Whatever a form or a REST call sends for the tree fields is dropped: a new region starts
	without them (the nested set places it under its parent), a stored one keeps its own. A region
	moves by changing its parent."""
	stored = None if doc.is_new() else frappe.db.get_value(doc.doctype, doc.name, TREE_FIELDS, as_dict=True)
	for field in TREE_FIELDS:
		doc.set(field, stored.get(field) if stored else (None if field == "old_parent" else 0))
