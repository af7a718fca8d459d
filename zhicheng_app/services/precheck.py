"""Map a Title Application to the rules engine's input and run the precheck.

The engine (``zhicheng_app.rules``) knows nothing of Frappe; this module reads the records it
needs (the unit, the region tree, the notice, the applicant's other applications and
sanctions) and hands plain dicts over.
"""

import frappe
from frappe import _

from zhicheng_app.roles import APPLICANT
from zhicheng_app.rules.model import NoticeConfig
from zhicheng_app.rules.precheck import PrecheckResult, precheck
from zhicheng_app.services import clock

MASKING = {"Masked": True, "Nothing to Mask": False}


def _region_levels(region: str | None) -> dict[str, str]:
	"""{region_level: region name} for the region and its ancestors."""
	if not region:
		return {}
	bounds = frappe.db.get_value("Region", region, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return {}
	rows = frappe.get_all(
		"Region",
		filters={"lft": ("<=", bounds.lft), "rgt": (">=", bounds.rgt)},
		fields=["name", "region_level"],
	)
	return {row.region_level: row.name for row in rows}


def unit_facts(unit_name: str | None) -> dict:
	if not unit_name or not frappe.db.exists("Employer Unit", unit_name):
		return {}
	unit = frappe.get_cached_doc("Employer Unit", unit_name)
	levels = _region_levels(unit.region)
	return {
		"unit_name": unit.unit_name,
		"aliases": [a.strip() for a in (unit.short_names or "").replace("，", ",").split(",") if a.strip()],
		"credit_code": unit.credit_code,
		"ownership": unit.ownership,
		"category": unit.unit_category,
		"location": unit.location,
		"prefecture": levels.get("Prefecture", ""),
		"county": levels.get("County", ""),
		"licence_region": unit.licence_registration_place or "",
		"in_xinjiang": not unit.out_of_xinjiang,
		"posted_since": unit.in_xinjiang_since,
	}


def _applicant_of(doc) -> str | None:
	if doc.get("applicant_user"):
		return doc.applicant_user
	return frappe.session.user if APPLICANT in frappe.get_roles() else None


def id_number_of_another_account(id_number: str | None, applicant_user: str | None) -> bool:
	"""Whether applications of another applicant account carry ``id_number``. An ID number
	belongs to one account: its history (earlier applications, sanctions) is that person's."""
	if not id_number or not applicant_user:
		return False
	return bool(
		frappe.get_all(
			"Title Application",
			filters=[
				["id_number", "=", id_number],
				["applicant_user", "is", "set"],
				["applicant_user", "!=", applicant_user],
			],
			limit=1,
		)
	)


def _history_id_number(doc) -> str | None:
	"""The ID number whose history the precheck reads: none when it is another account's, so
	an applicant cannot learn someone else's earlier routes or sanctions by typing their number
	(saving such an application is refused, see the Title Application controller)."""
	if id_number_of_another_account(doc.id_number, _applicant_of(doc)):
		return None
	return doc.id_number


def _other_applications(doc, id_number: str | None) -> list[dict]:
	if not id_number:
		return []
	rows = frappe.get_all(
		"Title Application",
		filters={"id_number": id_number, "name": ("!=", doc.name or "")},
		fields=["notice", "route", "series", "target_level", "workflow_state"],
	)
	notices = {
		n.name: n
		for n in frappe.get_all(
			"Title Notice",
			filters={"name": ("in", list({r.notice for r in rows}))},
			fields=["name", "code", "campaign_year"],
		)
	}
	return [
		{
			"year": (notices.get(r.notice) or {}).get("campaign_year") or 0,
			"notice_code": (notices.get(r.notice) or {}).get("code") or r.notice,
			"route": r.route,
			"series": r.series,
			"level": r.target_level,
			"status": r.workflow_state or "",
		}
		for r in rows
	]


def _sanctions(id_number: str | None) -> list[dict]:
	if not id_number:
		return []
	rows = frappe.get_all(
		"Title Sanction", filters={"id_number": id_number}, fields=["decided_on", "reason", "ban_until"]
	)
	return [
		{
			"kind": "Fraud",
			"decided_on": r.decided_on,
			"application_year": r.decided_on.year if r.decided_on else 0,
			"description": r.reason,
		}
		for r in rows
	]


def application_profile(doc) -> dict:
	"""The engine's ApplicationProfile (as a dict) for a Title Application document."""
	history_id = _history_id_number(doc)
	title = {
		"level": doc.current_level,
		"title_name": doc.current_title or "",
		"obtained_date": doc.current_title_date,
		"origin": doc.current_title_origin or "Xinjiang",
		"has_qualification_document": bool(doc.has_qualification_document),
		"has_certificate": bool(doc.has_certificate),
		"has_evaluation_form": bool(doc.has_evaluation_form),
	}
	exam_replaced = bool(
		doc.target_title and frappe.db.get_value("Title Name", doc.target_title, "exam_replaces_evaluation")
	)
	returns = [r.returned_at for r in doc.get("returns") or [] if r.returned_at]
	return {
		"applicant_name": doc.applicant_name,
		"id_number": doc.id_number,
		"gender": doc.gender,
		"birth_date": doc.birth_date,
		"ethnicity": doc.ethnicity,
		"political_status": doc.political_status,
		"occupation": doc.occupation or "Other Occupation",
		"putonghua_level": doc.putonghua_level or "No Certificate",
		"employment_status": doc.employment_status or "Serving",
		"personnel_agency_filed": bool(doc.personnel_agency_filed),
		"transferred_from_agency": bool(doc.transferred_from_agency),
		"aid_staff": bool(doc.aid_staff),
		"aid_report_date": doc.aid_report_date,
		"aid_posting_end": doc.aid_posting_end,
		"aid_serving": bool(doc.aid_serving),
		"unit": unit_facts(doc.employer_unit),
		"route": doc.route,
		"series": doc.series,
		"profession": doc.profession or "",
		"target_level": doc.target_level,
		"module": doc.module or "",
		"profession_exam_replaced": exam_replaced,
		"first_time_private": bool(doc.first_time_private),
		"via_skill_integration": bool(doc.skill_integration),
		"work_start_date": doc.first_work_date,
		"professional_start_date": doc.professional_start_date,
		"education": [
			{
				"education": r.education,
				"degree": r.degree or "None",
				"full_time": bool(r.full_time),
				"party_school": bool(r.party_school),
				"tech_school_class": r.tech_school_class or "",
				"institution": r.school,
				"major": r.major,
				"start_date": r.start_date,
				"graduation_date": r.graduation_date,
			}
			for r in doc.get("education") or []
		],
		"work_history": [
			{
				"start_date": r.start_date,
				"end_date": r.end_date,
				"unit_name": r.unit_name,
				"position": r.position,
				"professional": bool(r.in_profession),
			}
			for r in doc.get("work_history") or []
		],
		"titles": [title] if doc.current_level else [],
		"continuing_education": [
			{
				"year": r.year,
				"professional_hours": r.professional_hours or 0,
				"general_hours": r.public_hours or 0,
				"professional_certificate": bool(r.professional_certificate),
				"general_certificate": bool(r.public_certificate),
				"professional_source": r.professional_source or "System",
				"general_source": r.public_source or "System",
			}
			for r in doc.get("continuing_education") or []
		],
		"ce_exemption": bool(doc.ce_exemption),
		"ce_exemption_reason": doc.ce_exemption_reason or "",
		"assessments": [{"year": r.year, "result": r.result} for r in doc.get("assessments") or []],
		"skills": [{"skill_level": doc.skill_level, "obtained_date": doc.skill_level_date}]
		if doc.skill_level
		else [],
		"exam_scores": [
			{
				"exam": doc.exam_name or "",
				"exam_year": doc.exam_year or 0,
				"score": doc.exam_score,
				"passed": bool(doc.exam_passed),
			}
		]
		if doc.exam_name or doc.exam_score
		else [],
		"service": [
			{
				"kind": r.service_kind,
				"start_date": r.start_date,
				"end_date": None if r.still_serving else r.end_date,
				"place": r.place or "",
			}
			for r in doc.get("grassroots_service") or []
		],
		"summary": doc.personal_summary or "",
		"attachments": [
			{
				"code": r.material_code,
				"present": bool(r.file),
				"masked": MASKING.get(r.masking),
				"file_name": (r.file or "").rsplit("/", 1)[-1],
				"caption": r.description or "",
			}
			for r in doc.get("attachments") or []
		],
		"other_applications": _other_applications(doc, history_id),
		"sanctions": _sanctions(history_id),
		"submissions_made": doc.submission_count or 0,
		"last_returned_at": max(returns) if returns else None,
		"publicity_start": doc.publicity_start,
		"publicity_end": doc.publicity_end,
		"publicity_objection": bool(doc.publicity_objection),
	}


# The application's field behind each profile field a finding names (the reverse of
# application_profile); None: the finding concerns the application as a whole (its other
# applications, sanctions, submissions) and is shown above the form.
FORM_FIELDS = {
	"applicant_name": "applicant_name",
	"id_number": "id_number",
	"gender": "id_number",  # both derived from the ID number
	"birth_date": "id_number",
	"ethnicity": "ethnicity",
	"political_status": "political_status",
	"occupation": "occupation",
	"putonghua_level": "putonghua_level",
	"employment_status": "employment_status",
	"personnel_agency_filed": "personnel_agency_filed",
	"transferred_from_agency": "transferred_from_agency",
	"aid_staff": "aid_staff",
	"aid_report_date": "aid_report_date",
	"aid_posting_end": "aid_posting_end",
	"aid_serving": "aid_serving",
	"unit": "employer_unit",
	"route": "route",
	"series": "series",
	"profession": "profession",
	"target_level": "target_level",
	"module": "route",  # the platform module follows from the route and level (the notice's routes)
	"profession_exam_replaced": "target_title",
	"first_time_private": "first_time_private",
	"via_skill_integration": "skill_integration",
	"work_start_date": "first_work_date",
	"professional_start_date": "professional_start_date",
	"education": "education",
	"work_history": "work_history",
	"titles": "current_title",
	"continuing_education": "continuing_education",
	"ce_exemption": "ce_exemption",
	"ce_exemption_reason": "ce_exemption_reason",
	"assessments": "assessments",
	"skills": "skill_level",
	"exam_scores": "exam_score",
	"service": "grassroots_service",
	"summary": "personal_summary",
	"attachments": "attachments",
	"other_applications": None,
	"sanctions": None,
	"submissions_made": None,
	"last_returned_at": None,
	"publicity_start": "publicity_start",
	"publicity_end": "publicity_end",
	"publicity_objection": "publicity_objection",
}


def form_field(path: str | None) -> str | None:
	"""The Title Application field a finding's profile path (``unit.credit_code``,
	``attachments[2]``) points at, None when it names none."""
	if not path:
		return None
	head = path.split(".", 1)[0].split("[", 1)[0]
	return FORM_FIELDS.get(head)


# Parsed notices, one per stored version: reading a Title Notice with its child tables costs more
# than a precheck.
_CONFIGS: dict[tuple, NoticeConfig] = {}


def notice_config(notice: str) -> NoticeConfig:
	doc = frappe.get_cached_doc("Title Notice", notice)
	key = (frappe.local.site, doc.name, str(doc.modified))
	config = _CONFIGS.get(key)
	if config is None:
		data = doc.as_dict()
		# A Currency column cannot hold "not stated": the desk stores it as 0 (see the field's description)
		for row in data.get("fees") or []:
			if not row.get("amount"):
				row["amount"] = None
		if len(_CONFIGS) >= 64:
			_CONFIGS.clear()
		config = _CONFIGS[key] = NoticeConfig.from_dict(data)
	return config


def run_precheck(doc, now=None) -> PrecheckResult:
	"""The precheck of a Title Application at ``now`` (default: the campaign clock)."""
	if not doc.notice:
		frappe.throw(_("Choose the notice you are applying under first"))
	return precheck(application_profile(doc), notice_config(doc.notice), now=now or clock.now())


def blocking_message(result: PrecheckResult) -> str:
	items = "".join(
		f"<li>{frappe.utils.escape_html(f.message)} <small>（{frappe.utils.escape_html(f.seed_ref)}）</small></li>"
		for f in result.blocking
	)
	return _("Fix these problems before submitting:") + f"<ul>{items}</ul>"
