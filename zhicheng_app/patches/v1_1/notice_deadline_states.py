"""Each window of a seed notice names the workflow states its deadline closes, the state they end
in and the clause; the seed notices stored before that get them.

For each stored notice with a seed code, a window row still equal to the shipped one (kind, start,
end and consequence) and without states, outcome or clause of its own gets the shipped ones; a
row an administrator changed is left as it is. The 002 notice's outcome of a late resubmission
gets the shipped 视为自动放弃 (Abandoned) while it still is the field's former default.
"""

import frappe
from frappe.utils import get_datetime

from zhicheng_app.rules.model import SEED_NOTICE_CODES, NoticeConfig, load_seed_notice

NEW_FIELDS = ("closes_states", "closes_as", "clause")
FORMER_DEFAULT_OUTCOME = "Not Accepted"


def execute():
	for code in SEED_NOTICE_CODES:
		shipped = load_seed_notice(code)
		for name in frappe.get_all("Title Notice", filters={"code": code}, pluck="name"):
			refresh(frappe.get_doc("Title Notice", name), shipped)
	frappe.clear_cache(doctype="Title Notice")


def _same(value, shipped) -> bool:
	if value in (None, "") or shipped is None:
		return value in (None, "") and shipped is None
	return get_datetime(value) == shipped


def refresh(doc, shipped: NoticeConfig) -> bool:
	"""Fill the shipped deadline data into ``doc``'s unchanged window rows; saves and returns
	True when anything changed."""
	changed = False
	for row in doc.get("windows") or []:
		if any(row.get(field) for field in NEW_FIELDS):
			continue
		window = next((w for w in shipped.windows if w.kind == row.kind), None)
		if (
			window is None
			or not _same(row.start, window.start)
			or not _same(row.end, window.end)
			or (row.consequence or "") != window.consequence
		):
			continue
		for field in NEW_FIELDS:
			if getattr(window, field):
				row.set(field, getattr(window, field))
				changed = True
	if (
		doc.late_resubmission_outcome == FORMER_DEFAULT_OUTCOME
		and shipped.late_resubmission_outcome != FORMER_DEFAULT_OUTCOME
	):
		doc.late_resubmission_outcome = shipped.late_resubmission_outcome
		changed = True
	if changed:
		doc.save(ignore_permissions=True)
	return changed
