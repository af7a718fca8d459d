"""The campaign after the review meeting: the results publicity (会议公示) of the applications that
passed, their certification by the body the notice names with a certificate number, and the
revocation (取消资格) of a title obtained by fraud with the ban it brings.

The rules are in ``rules.certification``; this module reads the records, asks the rules and
records what the server owns (the publicity window, who certified and when, the certificate
number, the revocation and its Title Sanction). The workflow (``workflows``) decides who may click
Certify or Revoke; ``on_certify`` and ``on_revoke`` (called from ``services.transitions``) decide
whether the facts allow it.
"""

import frappe
from frappe.model.naming import getseries

from zhicheng_app.documents.contexts import committee_name
from zhicheng_app.i18n import _
from zhicheng_app.roles import COMMITTEE_OFFICE, COUNTY_HRSS, PREFECTURE_HRSS, TITLE_ADMINISTRATOR
from zhicheng_app.rules.calendar import earliest_period_end
from zhicheng_app.rules.certification import (
	ban_until,
	certificate_series,
	certifier_refusal,
	results_publicity_refusal,
)
from zhicheng_app.rules.registry import cite, notice_citation
from zhicheng_app.rules.vocabulary import ObjectionStage, WorkflowState
from zhicheng_app.services import clock
from zhicheng_app.services.precheck import notice_config
from zhicheng_app.services.publicity_objections import has_standing_objection

APPLICATION = "Title Application"
NOTICE = "Title Notice"
SANCTION = "Title Sanction"
CERTIFICATE_DIGITS = 5
# who starts the results publicity (the committee office; administrators too)
PUBLICITY_ROLES = frozenset({COMMITTEE_OFFICE, TITLE_ADMINISTRATOR, "System Manager"})


def _citation(notice, clause_field: str) -> str:
	config = notice_config(notice.name)
	return cite(config, notice.get(clause_field) or "") or notice_citation(config)


def certifying_role(notice) -> str:
	return notice.get("certifying_role") or TITLE_ADMINISTRATOR


def certifying_body(notice) -> str:
	"""The issuer of the notice's qualification document (the body that certifies)."""
	return (notice.get("certifying_body") or "").strip() or notice.get("issuer") or ""


# ---------------------------------------------------------------- results publicity
def publicity_end(notice_name: str, start):
	"""The last day of a results publicity that begins on ``start`` under the notice."""
	notice = frappe.get_cached_doc(NOTICE, notice_name)
	config = notice_config(notice_name)
	days = notice.get("results_publicity_working_days")
	days = 5 if days is None else int(days)
	return earliest_period_end(start, days, config.extra_holidays, config.extra_workdays)


def start_results_publicity(notice: str, applications: list[str] | None = None) -> dict:
	"""Start the results publicity of the notice's applications that passed the meeting (of
	``applications`` when given) and are not publicised yet: from today for the notice's working
	days. Returns ``{"started": [names], "start", "end"}``."""
	if not PUBLICITY_ROLES & set(frappe.get_roles()):
		frappe.throw(_("Only the committee office starts the results publicity"), frappe.PermissionError)
	notice_doc = frappe.get_doc(NOTICE, notice)
	notice_doc.check_permission("read")
	filters = {
		"notice": notice,
		"workflow_state": WorkflowState.PASSED_PUBLICITY,
		"results_publicity_start": ("is", "not set"),
	}
	if applications:
		filters["name"] = ("in", list(applications))
	names = frappe.get_list(APPLICATION, filters=filters, pluck="name", order_by="creation asc")
	if not names:
		frappe.throw(
			_("No application of this notice has passed the meeting without a results publicity"),
			title=_("Nothing to Do"),
		)
	start = clock.now().date()
	end = publicity_end(notice, start)
	for name in names:
		doc = frappe.get_doc(APPLICATION, name)
		doc.check_permission("write")
		doc.results_publicity_start = start
		doc.results_publicity_end = end
		doc.results_publicity_by = frappe.session.user
		# fields of the server's permission level: set here, never by the request
		doc.save(ignore_permissions=True)
	return {"started": names, "start": str(start), "end": str(end)}


def publicity_view(doc) -> dict | None:
	"""The application's results publicity for the portals, None before it started."""
	if not doc.get("results_publicity_start"):
		return None
	notice = frappe.get_cached_doc(NOTICE, doc.notice)
	today = clock.now().date()
	end = frappe.utils.getdate(doc.results_publicity_end)
	return {
		"start": str(doc.results_publicity_start),
		"end": str(doc.results_publicity_end),
		"place": notice.get("results_publicity_place") or "",
		"running": end >= today,
		"objection": has_standing_objection(doc.name, ObjectionStage.RESULTS),
		"citation": _citation(notice, "results_publicity_clause"),
	}


# ---------------------------------------------------------------- certification
def on_certify(doc, now):
	"""Passed Publicity → Certified: the certifying body of the notice, after a results publicity
	that has ended with no objection standing; the certificate number is given once."""
	notice = frappe.get_cached_doc(NOTICE, doc.notice)
	refusal = certifier_refusal(
		set(frappe.get_roles()),
		certifying_role(notice),
		certifying_body(notice),
		_citation(notice, "certifying_clause"),
	)
	if refusal:
		frappe.throw(refusal, frappe.PermissionError, title=_("Not the certifying body"))
	start = frappe.utils.getdate(doc.results_publicity_start) if doc.results_publicity_start else None
	end = frappe.utils.getdate(doc.results_publicity_end) if doc.results_publicity_end else None
	refusal = results_publicity_refusal(
		start,
		end,
		has_standing_objection(doc.name, ObjectionStage.RESULTS),
		now.date(),
		_citation(notice, "results_publicity_clause"),
	)
	if refusal:
		frappe.throw(refusal, title=_("Results publicity"))
	doc.certified_by = frappe.session.user
	if not doc.certificate_no:
		doc.certificate_no = next_certificate_no(notice, doc, now.year)


def committee_code(notice, doc) -> str:
	"""The certificate prefix of the committee that evaluated the application (else the notice's code)."""
	committee = committee_name(notice, doc.route, doc.target_level)
	code = frappe.db.get_value("Evaluation Committee", committee, "code") if committee else None
	return code or f"ZC{notice.code or ''}"


def next_certificate_no(notice, doc, year: int) -> str:
	"""The next number of the committee's series of ``year`` (Frappe's naming series, one counter per
	prefix, taken under a row lock)."""
	prefix = certificate_series(committee_code(notice, doc), year)
	return prefix + getseries(prefix, CERTIFICATE_DIGITS)


# ---------------------------------------------------------------- revocation
def revoking_roles(notice, doc) -> set[str]:
	"""Who takes a title back: the title administrator and the body that certified or confirmed it."""
	roles = {TITLE_ADMINISTRATOR, "System Manager"}
	if doc.get("to_county_confirmation"):
		roles.add(COUNTY_HRSS)
	elif doc.get("to_prefecture_confirmation") or doc.get("to_county_review"):
		roles.add(PREFECTURE_HRSS)
	else:
		roles.add(certifying_role(notice))
	return roles


def on_revoke(doc, now):
	"""Certified or Confirmed → Revoked: a reason is required; for a fraud a Title Sanction with the
	ban of the notice's years (3 by default) is recorded for the ID number."""
	notice = frappe.get_cached_doc(NOTICE, doc.notice)
	if not revoking_roles(notice, doc) & set(frappe.get_roles()):
		frappe.throw(
			_("Only the title administrator or the body that certified the title may revoke it"),
			frappe.PermissionError,
		)
	reason = (doc.revocation_reason or "").strip()
	if not reason:
		frappe.throw(_("State the reason for revoking the qualification before revoking it"))
	today = now.date()
	doc.revoked_at = clock.wall(now)
	doc.revoked_by = frappe.session.user
	doc.closed_at = clock.wall(now)
	doc.closed_reason = reason
	if doc.revocation_for_fraud and not doc.sanction:
		sanction = frappe.get_doc(
			{
				"doctype": SANCTION,
				"id_number": doc.id_number,
				"person_name": doc.applicant_name,
				"reason": reason,
				"decided_on": today,
				"ban_until": ban_until(today, notice.get("fraud_ban_years")),
				"document_no": doc.revocation_document_no or "",
			}
		).insert(ignore_permissions=True)
		doc.sanction = sanction.name


def applicant_document(name: str):
	"""The 任职资格文件 the applicant's certified application is listed in: ``(file name, bytes)``.
	Raises (zh) unless the user reads the application and it is certified and issued."""
	from zhicheng_app.services.documents.files import file_content

	doc = frappe.get_doc(APPLICATION, name)
	doc.check_permission("read")
	if doc.workflow_state != WorkflowState.CERTIFIED or not doc.qualification_document:
		frappe.throw(
			_("The qualification document is available once it has been issued for a certified application"),
			frappe.PermissionError,
			title=_("Not Available Yet"),
		)
	generated = frappe.db.get_value(
		"Generated Document", doc.qualification_document, ["file", "superseded_by"], as_dict=True
	)
	while generated and generated.superseded_by:
		generated = frappe.db.get_value(
			"Generated Document", generated.superseded_by, ["file", "superseded_by"], as_dict=True
		)
	if not generated or not generated.file:
		frappe.throw(
			_("The file {0} was not found").format(doc.qualification_document), title=_("Missing File")
		)
	file_name = frappe.db.get_value("File", {"file_url": generated.file}, "file_name") or "任职资格文件.docx"
	return file_name, file_content(generated.file)
