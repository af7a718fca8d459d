"""The workspace's number cards and charts (Number Card and Dashboard Chart Source methods), each
counting only the applications the user may read (services/bureau_reports)."""

import frappe

from zhicheng_app.services import bureau_reports


@frappe.whitelist()
def stage_count(filters=None) -> dict:
	"""A number card: the current campaign's applications in the stage ``filters["stage"]``."""
	filters = frappe.parse_json(filters) or {}
	return bureau_reports.stage_count(filters.get("stage") or "")


def _notice(filters) -> str | None:
	filters = frappe.parse_json(filters) if filters else None
	return filters.get("notice") or None if isinstance(filters, dict) else None


@frappe.whitelist()
def applications_by_state(chart_name=None, filters=None, **kwargs) -> dict:
	"""A chart: the applications per workflow state, of the notice in ``filters`` or the current
	campaign."""
	return bureau_reports.chart_by_state(_notice(filters))


@frappe.whitelist()
def applications_by_notice_and_route(chart_name=None, filters=None, **kwargs) -> dict:
	"""A chart: the applications per notice and route, of the notice in ``filters`` or the
	current campaign."""
	return bureau_reports.chart_by_notice_and_route(_notice(filters))


@frappe.whitelist()
def abandoned_count(filters=None) -> dict:
	"""A number card: the current campaign's applications closed as 视为放弃 by a deadline."""
	return bureau_reports.abandoned_count()


@frappe.whitelist()
def due_today_count(filters=None) -> dict:
	"""A number card: the applications whose state a deadline closes before today ends."""
	return bureau_reports.due_today_count()


@frappe.whitelist()
def applications_by_committee(chart_name=None, filters=None, **kwargs) -> dict:
	"""A chart: the applications per evaluation committee, of the notice in ``filters`` or the
	current campaign."""
	return bureau_reports.chart_by_committee(_notice(filters))


@frappe.whitelist()
def applications_by_level(chart_name=None, filters=None, **kwargs) -> dict:
	"""A chart: the applications per level applied for, of the notice in ``filters`` or the
	current campaign."""
	return bureau_reports.chart_by_level(_notice(filters))


@frappe.whitelist()
def applications_by_county(chart_name=None, filters=None, **kwargs) -> dict:
	"""A chart: the applications per county (地直 units apart), of the notice in ``filters`` or the
	current campaign."""
	return bureau_reports.chart_by_county(_notice(filters))
