"""Defense Sessions: the notices stored before them learn whether an exempt applicant's defense
score is averaged, and the applications accepted before them whether they are exempt.

- A notice whose exempt scoring rule is still the shipped 003 wording (the average of that year's
  defense scores) gets the new switch, unless it was set already.
- An accepted application without a defense gets ``defense_exempt`` from the precheck, as an
  acceptance now records it; applications that must defend, and those whose notice exempts no
  county, are left as they are.
"""

import frappe

from zhicheng_app.rules.model import SEED_NOTICE_CODES, load_seed_notice
from zhicheng_app.rules.vocabulary import ACCEPTED_STATES
from zhicheng_app.services.precheck import run_precheck


def execute():
	averaging = {
		load_seed_notice(code).defense_exempt_scoring
		for code in SEED_NOTICE_CODES
		if load_seed_notice(code).defense_exempt_averaged
	}
	for wording in averaging:
		frappe.db.set_value(
			"Title Notice",
			{"defense_exempt_scoring": wording, "defense_exempt_averaged": 0},
			"defense_exempt_averaged",
			1,
			update_modified=False,
		)
	frappe.clear_cache(doctype="Title Notice")
	notices = frappe.get_all(
		"Notice County",
		filters={"parenttype": "Title Notice", "parentfield": "defense_exempt_counties"},
		pluck="parent",
		distinct=True,
	)
	if not notices:
		return
	for name in frappe.get_all(
		"Title Application",
		filters={
			"notice": ("in", notices),
			"defense_required": 0,
			"defense_exempt": 0,
			"workflow_state": ("in", sorted(ACCEPTED_STATES)),
		},
		pluck="name",
	):
		if run_precheck(frappe.get_doc("Title Application", name)).defense.get("exempt"):
			frappe.db.set_value("Title Application", name, "defense_exempt", 1, update_modified=False)
