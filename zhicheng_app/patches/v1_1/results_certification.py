"""The campaign after the meeting, on a site installed before: the Revoked state (取消资格) and its
Revoke transitions, Certify for the prefecture HR and social security bureau, the publicity stage
of the objections recorded so far (the unit's), and the certifying body of the seed notices and
of their copies.

Nothing an administrator set is overwritten: a workflow row the site has stays as it is, and a
notice's field is filled only while it is empty (its certifying role only while no certifying
body was entered and the role is still the default).
"""

import frappe

from zhicheng_app.demo import CERTIFICATION_SETTINGS
from zhicheng_app.rules.vocabulary import ObjectionStage, WorkflowState
from zhicheng_app.workflows import add_shipped_actions, add_shipped_states

DEFAULT_ROLE = "Title Administrator"
CERTIFY = "Certify"


def execute():
	add_shipped_states([WorkflowState.REVOKED])
	add_shipped_actions([CERTIFY])  # Certify for the prefecture HR and social security bureau
	frappe.db.sql(
		"update `tabPublicity Objection` set stage = %s where ifnull(stage, '') = ''", ObjectionStage.UNIT
	)
	for code, settings in CERTIFICATION_SETTINGS.items():
		for name in notices_of_seed(code):
			fill_notice(name, settings)


def notices_of_seed(code: str) -> list[str]:
	"""The seed notice of ``code`` and the notices copied from it (the demo's current campaign)."""
	names = frappe.get_all("Title Notice", filters={"code": code}, pluck="name")
	if names:
		names += frappe.get_all("Title Notice", filters={"copied_from": ("in", names)}, pluck="name")
	return names


def fill_notice(name: str, settings: dict):
	current = frappe.db.get_value(
		"Title Notice", name, sorted({*settings, "certifying_role", "certifying_body"}), as_dict=True
	)
	values = {}
	for field, value in settings.items():
		if field == "certifying_role":
			if (current.certifying_role or DEFAULT_ROLE) == DEFAULT_ROLE and not current.get(
				"certifying_body"
			):
				values[field] = value
		elif not current.get(field):
			values[field] = value
	if values:
		frappe.db.set_value("Title Notice", name, values, update_modified=False)
