"""Whitelisted methods of a Defense Session (答辩场次): the committee office schedules the
applications listed and records their results (services/defense.py)."""

import frappe

from zhicheng_app.services import defense


@frappe.whitelist(methods=["POST"])
def schedule(session: str) -> dict:
	"""Schedule the listed applications not scheduled yet; ``refused`` names each one that could
	not be, with the reason."""
	return defense.schedule(session)


@frappe.whitelist(methods=["POST"])
def record_results(session: str) -> dict:
	"""Record the defense result of each scheduled application from its score or the panel's
	decision; ``refused`` names each one that could not be recorded, with the reason."""
	return defense.record_results(session)


@frappe.whitelist(methods=["POST"])
def cancel_session(session: str, reason: str | None = None) -> dict:
	"""Cancel the session: its scheduled applications go back to 已缴费 and their applicants are
	told, with the reason; refused once a score or result is entered."""
	return defense.cancel_session(session, reason)


@frappe.whitelist(methods=["POST"])
def remove_application(session: str, application: str, reason: str | None = None) -> dict:
	"""Take one application out of the session (back to 已缴费 if scheduled; its applicant told)."""
	return defense.remove_application(session, application, reason)


@frappe.whitelist()
def default_mode(notice: str) -> str:
	"""The mode the notice gives its defense (Online Video or On-site)."""
	frappe.has_permission("Title Notice", "read", notice, throw=True)
	return defense.default_mode(notice)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def panel_experts(doctype, txt, searchfield, start, page_len, filters):
	"""The review experts a committee office may put on a panel (the user list is otherwise
	closed to it): enabled users with the Review Expert role, by e-mail or name."""
	frappe.has_permission("Defense Session", "write", throw=True)
	return defense.panel_experts(txt, int(start or 0), int(page_len or 20))
