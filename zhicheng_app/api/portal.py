"""Whitelisted methods of the applicant's portal pages (我的职称申报) and web form.

Applicants have no desk: these methods are what their pages call, and they are only another
REST client. Reads go through the record scope (``permissions``); the precheck and the
submission are the ones the desk uses (``api.precheck``, ``api.application``), with the same
permission checks and the workflow's guards.
"""

import frappe

from zhicheng_app.api import application as application_api
from zhicheng_app.api import precheck as precheck_api
from zhicheng_app.i18n import _
from zhicheng_app.services import portal
from zhicheng_app.services.precheck import form_field, run_precheck


@frappe.whitelist()
def applications() -> list[dict]:
	"""The user's applications: number, notice, route, level, state (zh) and next deadline."""
	return portal.my_applications()


@frappe.whitelist()
def application(name: str) -> dict:
	"""One application as its page shows it (read permission on it is required)."""
	return portal.application_view(name)


@frappe.whitelist()
def materials(notice: str) -> list[dict]:
	"""The checklist of a notice an applicant uploads from: ``[{code, label, clause}]``."""
	return portal.material_options(notice)


def _findings(result: dict) -> dict:
	for finding in result["findings"]:
		finding["form_field"] = form_field(finding.get("field"))
		finding["severity_label"] = _(finding["severity"])
	return result


@frappe.whitelist()
def precheck(application: str | dict) -> dict:
	"""The precheck of a saved application (its name) or of the unsaved form (a dict), each
	finding with the form field it concerns (``form_field``) and its severity in zh."""
	return _findings(precheck_api.precheck(application))


@frappe.whitelist(methods=["POST"])
def submit(application: str) -> dict:
	"""Submit (or resubmit after a return) through the workflow.

	While the precheck blocks, answers ``{"ok": False, "findings": [...]}`` for the form to show
	beside its fields (the workflow's guard would refuse the same); otherwise
	``{"ok": True, "name", "workflow_state", "workflow_state_label", "url"}``.
	"""
	doc = frappe.get_doc("Title Application", application)
	doc.check_permission("write")
	if doc.workflow_state in portal.SUBMIT_ACTIONS:
		result = run_precheck(doc)
		if not result.ok:
			return {"ok": False, **_findings(result.to_dict())}
	submitted = application_api.submit(application)
	return {
		"ok": True,
		**submitted,
		"workflow_state_label": _(submitted["workflow_state"]),
		"url": portal.application_url(submitted["name"]),
	}
