"""The applicant's portal: the list 我的职称申报 (/my-applications), one application
(/my-applications/<name>) and what the web form (/title-application) needs beyond Frappe's.

Applicants have no desk; these pages are only another client. Every read goes through the record
scope (``frappe.get_list`` and ``check_permission`` apply ``permissions``); every change goes
through the web form (Frappe's permission levels, then ``services.editability``), the workflow
(``api.application.submit``) or the documents API (print permission).
"""

import frappe
from frappe.utils import cstr, get_datetime, getdate

from zhicheng_app.i18n import _
from zhicheng_app.rules.deadlines import closing_deadlines
from zhicheng_app.rules.vocabulary import APPLICANT_STATES, WindowKind, WorkflowState
from zhicheng_app.services import clock, results
from zhicheng_app.services.defense import defense_view
from zhicheng_app.services.documents.contexts import offered_kinds
from zhicheng_app.services.editability import FIXED_AFTER_SUBMISSION, editing_role
from zhicheng_app.services.precheck import notice_config
from zhicheng_app.services.transitions import CLOSING_STATES

APPLICATION = "Title Application"
WEB_FORM = "title-application"
LIST_ROUTE = "/my-applications"
FORM_ROUTE = "/" + WEB_FORM
RESUBMISSION = "Resubmission"
SUBMIT_ACTIONS = {WorkflowState.DRAFT: "Submit", WorkflowState.RETURNED: "Resubmit"}

DEADLINE_LABELS = {
	WindowKind.APPLICATION: "Submit by",
	RESUBMISSION: "Resubmit by",
	WindowKind.PAPER: "Paper materials by",
	WindowKind.FEE: "Fee payment by",
}
# the documents an applicant downloads from the portal (those of them that their application's
# state opens, see documents.catalogue)
# the applicant's download of the 任职资格文件 their certified application is listed in
QUALIFICATION_DOCUMENT_URL = "/api/method/zhicheng_app.api.results.qualification_document?application={0}"
APPLICANT_DOCUMENTS = frozenset({"commitment", "exemption_form", "qualification_review_form"})
# Workflow State style -> the colour of its badge
STATE_COLOURS = {"Primary": "blue", "Info": "blue", "Success": "green", "Warning": "orange", "Danger": "red"}


def application_url(name: str) -> str:
	return f"{LIST_ROUTE}/{name}"


def edit_url(name: str) -> str:
	return f"{FORM_ROUTE}/{name}/edit"


def beijing(moment) -> str:
	"""A stored (naive Beijing) or aware moment as the pages print it, e.g. 2024-08-30 18:00."""
	return clock.fmt(get_datetime(moment)) if moment else ""


def state_badge(state: str | None) -> dict:
	style = frappe.get_cached_value("Workflow State", state, "style") if state else None
	return {"state": state or "", "label": _(state or "Draft"), "colour": STATE_COLOURS.get(style, "gray")}


def notice_heading(notice: str | None) -> dict:
	"""The notice as the pages cite it: its title and document number (文号)."""
	if not notice:
		return {"name": "", "title": "", "doc_no": ""}
	row = frappe.get_cached_value("Title Notice", notice, ["title", "doc_no"], as_dict=True)
	row = row or frappe._dict()
	# only its own 文号: a notice issued under another document (000 under 阿地人社传〔2024〕13号) has none
	return {"name": notice, "title": row.title or notice, "doc_no": row.doc_no or ""}


def can_edit(doc) -> bool:
	"""The applicant may change the application now (its state's editing role, write permission)."""
	return (
		doc.workflow_state in APPLICANT_STATES
		and editing_role(doc.workflow_state) in frappe.get_roles()
		and bool(doc.has_permission("write"))
	)


def _deadline(kind: str, end, consequence: str = "") -> dict:
	end = clock.to_shanghai(get_datetime(end))
	return {
		"kind": kind,
		"label": _(DEADLINE_LABELS.get(kind, kind)),
		"at": end.isoformat(),
		"text": clock.fmt(end),
		"passed": end < clock.now(),
		"consequence": consequence or "",
	}


def deadlines(doc) -> list[dict]:
	"""The deadlines that close the application in its state (the notice's windows that govern
	the state, as the deadline job reads them; the resubmission deadline of a returned one), in
	Beijing time."""
	if not doc.notice:
		return []
	found = [
		_deadline(d.kind, d.at, d.consequence)
		for d in closing_deadlines(notice_config(doc.notice))
		if d.governs(doc.workflow_state)
	]
	if doc.workflow_state == WorkflowState.RETURNED and doc.resubmit_deadline:
		found.append(_deadline(RESUBMISSION, doc.resubmit_deadline))
	return found


def my_applications() -> list[dict]:
	"""The user's applications for the list page: number, notice, route and level, state, the
	next deadline and where to go."""
	rows = frappe.get_list(
		APPLICATION,
		fields=[
			"name",
			"notice",
			"route",
			"target_level",
			"series",
			"profession",
			"workflow_state",
			"resubmit_deadline",
			"modified",
		],
		order_by="creation desc",
	)
	result = []
	for row in rows:
		doc = frappe.get_doc(APPLICATION, row.name)
		upcoming = [d for d in deadlines(doc) if not d["passed"]] or deadlines(doc)
		result.append(
			{
				**_heading(doc),
				"deadline": upcoming[0] if upcoming else None,
				"url": application_url(row.name),
				"edit_url": edit_url(row.name) if can_edit(doc) else "",
			}
		)
	return result


def _heading(doc) -> dict:
	"""What the list and the page show at the top of an application: number, notice, route,
	level, series, profession and state."""
	return {
		"name": doc.name,
		"notice": notice_heading(doc.notice),
		"route": _(doc.route or ""),
		"level": _(doc.target_level or ""),
		"series": doc.series or "",
		"profession": doc.profession or "",
		"state": state_badge(doc.workflow_state or WorkflowState.DRAFT),
	}


def open_notices() -> list[dict]:
	"""Notices whose application window is open now, newest first."""
	now = clock.now()
	found = []
	for name in frappe.get_list("Title Notice", pluck="name", order_by="creation desc"):
		notice = frappe.get_cached_doc("Title Notice", name)
		window = clock.window(notice, WindowKind.APPLICATION)
		if not window or (window[0] and window[0] > now) or (window[1] and window[1] < now):
			continue
		found.append(
			{
				**notice_heading(name),
				"deadline": _deadline(WindowKind.APPLICATION, window[1], window[2]) if window[1] else None,
				"new_url": f"{FORM_ROUTE}/new?notice={name}",
			}
		)
	return found


def material_options(notice: str | None) -> list[dict]:
	"""The checklist an applicant uploads from: the notice's materials the applicant provides
	(the unit's own are left out), as ``{code, label, clause}``."""
	if not notice or not frappe.db.exists("Title Notice", notice):
		return []
	if not frappe.has_permission("Title Notice", "read", notice):
		frappe.throw(_("You cannot read this notice"), frappe.PermissionError)
	return [
		{"code": row.code, "label": row.label or row.code, "clause": row.seed_ref or ""}
		for row in notice_config(notice).materials
		if row.code and not row.provided_by_unit
	]


def documents(doc) -> list[dict]:
	"""The documents of their own the applicant may download now, ``[{kind, title}]``."""
	return [entry for entry in offered_kinds(doc) if entry["kind"] in APPLICANT_DOCUMENTS]


def results_view(doc) -> dict:
	"""The results publicity, the certificate and its 任职资格文件 (a download link once issued),
	and a revocation, for the applicant's page."""
	certified = doc.workflow_state == WorkflowState.CERTIFIED
	revoked = doc.workflow_state == WorkflowState.REVOKED
	return {
		"results_publicity": results.publicity_view(doc),
		"certificate_no": (doc.certificate_no or "") if certified or revoked else "",
		"qualification_document_url": QUALIFICATION_DOCUMENT_URL.format(doc.name)
		if certified and doc.qualification_document
		else "",
		"qualification_document_no": doc.qualification_document_no or "",
		"revoked": {"reason": doc.revocation_reason or "", "at": beijing(doc.revoked_at)}
		if revoked
		else None,
	}


def _state_of(content: str) -> str | None:
	"""The workflow state a Workflow comment names (Frappe writes it in the actor's language)."""
	text = cstr(content).strip()
	for state in WorkflowState:
		if text in (state.value, _(state.value)):
			return state.value
	return None


def timeline(doc) -> list[dict]:
	"""What happened to the application, oldest first: its creation, every change of state, each
	return with its reasons and resubmission deadline, and its closure."""
	events = [{"at": beijing(doc.creation), "title": _("Application created"), "detail": ""}]
	comments = frappe.get_all(
		"Comment",
		filters={"reference_doctype": APPLICATION, "reference_name": doc.name, "comment_type": "Workflow"},
		fields=["creation", "content"],
		order_by="creation asc",
	)
	for comment in comments:
		state = _state_of(comment.content)
		# the return log and the closure below carry the reasons; other comments (the deadline
		# job's) say again what the closure says
		if state and state != WorkflowState.RETURNED:
			title = _("State: {0}").format(state_badge(state)["label"])
			events.append({"at": beijing(comment.creation), "title": title, "detail": ""})
	for row in doc.get("returns") or []:
		detail = row.reasons or ""
		if row.deadline:
			detail += "\n" + _("Resubmit by {0} (Beijing time)").format(beijing(row.deadline))
		events.append({"at": beijing(row.returned_at), "title": _("Returned for revision"), "detail": detail})
	if doc.closed_at and doc.workflow_state in CLOSING_STATES:
		events.append(
			{"at": beijing(doc.closed_at), "title": _(doc.workflow_state), "detail": doc.closed_reason or ""}
		)
	return sorted(events, key=lambda event: event["at"])


def _value(df, value, doc=None) -> str:
	"""A field's value as the read-only page prints it."""
	if df.fieldtype == "Check":
		return _("Yes") if value else _("No")
	if value in (None, ""):
		return ""
	if df.fieldtype == "Select":
		return _(cstr(value))
	if df.fieldtype == "Date":
		return getdate(value).isoformat()
	if df.fieldtype == "Datetime":
		return beijing(value)
	if df.fieldtype == "Link" and df.options == "Title Notice":
		return notice_heading(value)["title"]
	if df.fieldtype == "Link":
		meta = frappe.get_meta(df.options)
		if meta.title_field and meta.show_title_field_in_link:
			return cstr(frappe.db.get_value(df.options, value, meta.title_field) or value)
	if df.fieldtype in ("Int", "Float", "Currency"):
		return frappe.format_value(value, df)
	return cstr(value)


def _row_fields(child_doctype: str) -> list:
	return [
		df
		for df in frappe.get_meta(child_doctype).fields
		if df.fieldtype not in frappe.model.no_value_fields and not df.permlevel and not df.hidden
	]


def sections(doc, materials: dict[str, str]) -> list[dict]:
	"""The application section by section as the web form lays it out, read-only."""
	meta = frappe.get_meta(APPLICATION)
	found: list[dict] = []
	for wf in frappe.get_cached_doc("Web Form", WEB_FORM).web_form_fields:
		if wf.fieldtype == "Section Break":
			found.append({"label": _(wf.label or ""), "fields": []})
			continue
		df = meta.get_field(wf.fieldname)
		if not df or wf.fieldtype == "Column Break":
			continue
		if not found:
			found.append({"label": "", "fields": []})
		entry = {
			"label": _(df.label),
			"fieldname": df.fieldname,
			"long": df.fieldtype in ("Long Text", "Small Text"),
		}
		if df.fieldtype == "Table":
			columns = _row_fields(df.options)
			entry["columns"] = [_(c.label) for c in columns]
			entry["rows"] = [
				[
					{
						"text": materials.get(row.get(c.fieldname), _value(c, row.get(c.fieldname)))
						if c.fieldname == "material_code"
						else _value(c, row.get(c.fieldname)),
						"file_url": row.get(c.fieldname) if c.fieldtype == "Attach" else "",
					}
					for c in columns
				]
				for row in doc.get(df.fieldname) or []
			]
		else:
			entry["text"] = _value(df, doc.get(df.fieldname), doc)
		found[-1]["fields"].append(entry)
	return [section for section in found if section["fields"]]


def _latest_return(doc) -> dict | None:
	"""The latest return's reasons, time and resubmission deadline (Beijing time)."""
	rows = doc.get("returns") or []
	if not rows:
		return None
	row = rows[-1]
	return {"reasons": row.reasons or "", "at": beijing(row.returned_at), "deadline": beijing(row.deadline)}


def application_view(name: str) -> dict:
	"""One application for its page: heading, state, return and closure, deadlines, timeline,
	documents and content."""
	doc = frappe.get_doc(APPLICATION, name)
	doc.check_permission("read")
	state = doc.workflow_state or WorkflowState.DRAFT
	editable = can_edit(doc)
	materials = {m["code"]: m["label"] for m in material_options(doc.notice)}
	return {
		**_heading(doc),
		"applicant_name": doc.applicant_name,
		"returned": _latest_return(doc) if state == WorkflowState.RETURNED else None,
		"closed": {"reason": doc.closed_reason or "", "at": beijing(doc.closed_at)}
		if state in CLOSING_STATES
		else None,
		"deadlines": deadlines(doc),
		"defense": defense_view(doc),
		"timeline": timeline(doc),
		"documents": documents(doc),
		**results_view(doc),
		"sections": sections(doc, materials),
		"can_edit": editable,
		"edit_url": edit_url(doc.name) if editable else "",
		"submit_action": _(SUBMIT_ACTIONS[state]) if editable and state in SUBMIT_ACTIONS else "",
		"submissions": doc.submission_count or 0,
		"returns": doc.return_count or 0,
	}


# ----------------------------------------------------------------- the web form
# Strings of Frappe's form controls the web form shows; Frappe sends a web form only the
# translations of its own labels.
CONTROL_STRINGS = (
	"Begin typing for results.",
	"No Data",
	"Add Row",
	"Sr",
	"No.",
	"Delete",
	"Delete All",
	"Duplicate",
	"Insert Above",
	"Insert Below",
	"Insert Top",
	"Insert Bottom",
	"Move",
	"Edit",
	"Editing Row",
	"Shortcuts",
	"Ctrl + Up",
	"Ctrl + Down",
	"ESC",
	"Today",
	"Now",
	"Not Saved",
	"Discard",
	"Discard?",
	"Are you sure you want to discard the changes?",
	"Mandatory fields required:",
	"Invalid values for fields:",
	"Error",
	"Close",
	"Yes",
	"No",
	"Loading...",
	"Clear",
	"Attach",
	"Upload",
	"Uploading...",
	"Drag and drop files here or upload from",
	"My Device",
	"Link",
	"Camera",
	"Library",
	"Private",
	"Public",
	"Set all private",
	"Set all public",
	"Remove",
	"Validation Error",
	"Couldn't save, please check the data you have entered",
	"Message",
	"Not Permitted",
	"Reload",
	"Ok",
	"Cancel",
	"Confirm",
	"Select",
	"Search",
)
# Strings of the web form's own script (title_application.js)
SCRIPT_STRINGS = (
	"Precheck",
	"Submit Application",
	"Resubmit Application",
	"Save the changes first",
	"Saved as a draft; not submitted yet.",
	"Nothing blocks the submission.",
	"{0} blocking, {1} warnings, {2} notes",
	"Blocking",
	"Warning",
	"Info",
	"About the application as a whole",
	"Go to the field",
	"Submitted: {0}",
	"The precheck found problems",
	"Fix the problems marked beside the fields, then submit again.",
	"Materials to upload",
	"Required",
	"Uploaded",
	"Not uploaded",
	"If applicable",
	"Choose the notice first",
	"Back to my applications",
	"Returned for revision",
	"Resubmit by {0} (Beijing time)",
	"Checking...",
	"Submitting...",
)


def _child_strings(child_doctype: str) -> list[str]:
	strings = []
	for df in _row_fields(child_doctype):
		strings += [df.label, df.description]
		if df.fieldtype == "Select":
			strings += (df.options or "").split("\n")
	return strings


def form_messages(web_form) -> dict[str, str]:
	"""zh of every string the web form's controls, rows and script show."""
	strings = [*CONTROL_STRINGS, *SCRIPT_STRINGS, "Material Name"]
	for wf in web_form.web_form_fields:
		if wf.fieldtype == "Table":
			strings += _child_strings(wf.options)
	return {s: _(s) for s in strings if s}


def _table_fields(child_doctype: str, materials: list[dict]) -> list[dict]:
	"""Every field of a child table the applicant fills in (Frappe sends only its list columns);
	the material of an attachment is chosen from the notice's checklist."""
	fields = []
	for df in _row_fields(child_doctype):
		field = df.as_dict()
		if df.fieldname == "material_code":
			field.update(
				label="Material Name",
				fieldtype="Select",
				options=[
					{"value": "", "label": ""},
					*({"value": m["code"], "label": m["label"]} for m in materials),
				],
			)
		fields.append(field)
	return fields


def web_form_context(context):
	"""The context the web form adds to Frappe's: the list and the read-only page instead of
	Frappe's, zh captions, every column of the child tables and the material checklist."""
	if frappe.session.user == "Guest":
		return
	if frappe.form_dict.is_list:
		frappe.redirect(LIST_ROUTE)
	name = frappe.form_dict.name
	doc = frappe.get_doc(APPLICATION, name) if name and frappe.db.exists(APPLICATION, name) else None
	if doc and not can_edit(doc):
		frappe.redirect(application_url(doc.name))
	notice = doc.notice if doc else frappe.form_dict.notice
	materials = material_options(notice) if notice else []
	web_form = frappe.get_cached_doc("Web Form", WEB_FORM)
	submitted = doc is not None and doc.workflow_state not in (None, "", WorkflowState.DRAFT)
	for field in context.web_form_doc.web_form_fields:
		if field.fieldtype == "Table":
			field.fields = _table_fields(field.options, materials)
		if submitted and field.fieldname in FIXED_AFTER_SUBMISSION:
			field.read_only = 1
		if field.fieldname == "notice" and not doc:
			# a new application is made under a notice open for applications
			field.options = frappe.as_json(
				[{"value": n["name"], "label": n["title"]} for n in open_notices()]
			)
	context.parents = [{"route": LIST_ROUTE.lstrip("/"), "title": _("My Title Applications")}]
	context.title = (
		f"{doc.name} · {state_badge(doc.workflow_state)['label']}" if doc else _("New Title Application")
	)
	context.introduction_text = _(web_form.introduction_text or "")
	context.portal_messages = frappe.as_json(form_messages(web_form))
	context.portal_settings = frappe.as_json(
		{
			"materials": materials,
			"list_url": LIST_ROUTE,
			"application_url": application_url(doc.name) if doc else "",
			"submit_action": SUBMIT_ACTIONS.get(doc.workflow_state) if doc else "",
			"returned": _latest_return(doc) if doc and doc.workflow_state == WorkflowState.RETURNED else None,
			"notice_title": notice_heading(notice)["title"] if notice else "",
		}
	)


# ----------------------------------------------------------------- the portal pages
# Strings of the portal pages' script (templates/includes/portal_script.html)
PAGE_SCRIPT_STRINGS = (
	"Deadline passed",
	"{0} days {1} hours left",
	"{0} hours {1} minutes left",
	"Submitting...",
	"The precheck found problems",
	"Edit the application",
	"The document could not be downloaded",
	"Close",
	"Message",
	"Error",
	"Not Permitted",
)


def page_messages() -> str:
	"""zh of the portal pages' script strings, as JSON for the page."""
	return frappe.as_json({s: _(s) for s in PAGE_SCRIPT_STRINGS})


def require_login():
	"""Send a guest to the login page and back here afterwards."""
	if frappe.session.user == "Guest":
		frappe.redirect("/login?redirect-to=" + frappe.utils.quote(frappe.local.request.path))
