"""The applicant's portal: the web form and the submit method, with the server-side guards."""

import json

import frappe
import pytest
from frappe.website.doctype.web_form.web_form import accept

from tests.integration.factories import make_user
from tests.integration.workflow_support import NOW, chain_notice, make_actors, make_chain_application, state
from zhicheng_app.api import portal as portal_api
from zhicheng_app.api.application import submit
from zhicheng_app.rules.model import seed_notice_dict
from zhicheng_app.services import portal
from zhicheng_app.services.precheck import FORM_FIELDS, application_profile


@pytest.fixture
def actors():
	frappe.flags.zhicheng_now = NOW
	yield make_actors()  # rolled back with the test
	frappe.flags.zhicheng_now = None


def test_the_web_form_is_published_for_logged_in_applicants():
	form = frappe.get_doc("Web Form", "title-application")
	assert form.published and form.login_required and form.apply_document_permissions
	assert form.doc_type == "Title Application"
	fields = {f.fieldname for f in form.web_form_fields}
	assert {"notice", "route", "id_number", "employer_unit", "personal_summary", "attachments"} <= fields
	assert not fields & {"workflow_state", "fee_amount", "evaluation_result", "return_reasons"}


def test_portal_submit_runs_the_workflow_and_its_guards(actors):
	notice = chain_notice("000")
	blocked = make_chain_application(
		actors, notice, "prefecture", "Directed Evaluation", "Intermediate", ethnicity=""
	)
	clean = make_chain_application(actors, notice, "prefecture", "Directed Evaluation", "Intermediate")
	frappe.set_user(actors["applicant"])
	with pytest.raises(frappe.ValidationError, match="民族"):
		submit(blocked.name)
	assert submit(clean.name)["workflow_state"] == "Unit Review"
	with pytest.raises(frappe.ValidationError):
		submit(clean.name)  # already submitted
	frappe.set_user("Administrator")
	assert state(blocked.name) == "Draft"


def test_web_form_edits_follow_the_state(actors):
	doc = make_chain_application(
		actors, chain_notice("000"), "prefecture", "Directed Evaluation", "Intermediate"
	)
	frappe.set_user(actors["applicant"])
	fields = [f.fieldname for f in frappe.get_doc("Web Form", "title-application").web_form_fields]
	data = {k: v for k, v in doc.as_dict(convert_dates_to_str=True).items() if k in fields}
	data.update({"doctype": "Title Application", "name": doc.name, "personal_summary": "通过网页表单填写"})
	accept("title-application", json.dumps(data))
	assert frappe.db.get_value("Title Application", doc.name, "personal_summary") == "通过网页表单填写"
	submit(doc.name)
	data["personal_summary"] = "提交后通过网页表单修改"
	with pytest.raises(frappe.PermissionError):
		accept("title-application", json.dumps(data))
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Title Application", doc.name, "personal_summary") == "通过网页表单填写"


# ----------------------------------------------------------------- the portal pages' methods


def test_every_profile_field_points_at_a_field_of_the_form_or_of_the_unit(actors):
	doc = make_chain_application(
		actors, chain_notice("000"), "prefecture", "Directed Evaluation", "Intermediate"
	)
	assert set(application_profile(doc)) <= set(FORM_FIELDS)
	meta = frappe.get_meta("Title Application")
	form = {f.fieldname for f in frappe.get_doc("Web Form", "title-application").web_form_fields}
	for field in filter(None, FORM_FIELDS.values()):
		level = meta.get_field(field).permlevel
		# the applicant's fields are in the form; the unit's publicity is the unit's to fill in
		assert (field in form) == (level == 0), field


def test_the_portal_reads_and_submits_only_the_applicants_own_applications(actors):
	notice = chain_notice("000")
	own = make_chain_application(actors, notice, "prefecture", "Directed Evaluation", "Intermediate")
	other_applicant = make_user("Title Applicant")
	frappe.set_user(other_applicant)
	assert [row["name"] for row in portal.my_applications()] == []
	for call in (
		lambda: portal_api.application(own.name),
		lambda: portal_api.precheck(own.name),
		lambda: portal_api.submit(own.name),
	):
		with pytest.raises(frappe.PermissionError):
			call()
	frappe.set_user(actors["applicant"])
	assert [row["name"] for row in portal.my_applications()] == [own.name]
	assert portal_api.application(own.name)["state"]["label"] == "填报中"


def test_submit_answers_the_findings_with_their_form_fields_while_the_precheck_blocks(actors):
	doc = make_chain_application(
		actors, chain_notice("000"), "prefecture", "Directed Evaluation", "Intermediate", ethnicity=""
	)
	frappe.set_user(actors["applicant"])
	answer = portal_api.submit(doc.name)
	assert answer["ok"] is False
	ethnicity = next(f for f in answer["findings"] if f["rule_id"] == "INPUT-MISSING")
	assert ethnicity["form_field"] == "ethnicity" and ethnicity["severity_label"] == "阻止提交"
	frappe.set_user("Administrator")
	assert state(doc.name) == "Draft"
	frappe.set_user(actors["applicant"])
	doc = frappe.get_doc("Title Application", doc.name)
	doc.ethnicity = "汉族"
	doc.save()
	answer = portal_api.submit(doc.name)
	assert answer["ok"] and answer["workflow_state_label"] == "用人单位审核公示"


def test_the_checklist_leaves_out_what_the_unit_makes_after_the_submission(actors):
	materials = seed_notice_dict("000")["materials"]
	notice = chain_notice("000", materials=materials)
	codes = {m["code"] for m in portal.material_options(notice.name)}
	unit_made = {m["code"] for m in materials if m.get("provided_by_unit")}
	assert unit_made == {"unit_publicity", "publicity_result", "recommendation_report"}
	assert codes == {m["code"] for m in materials} - unit_made


def test_the_applicant_downloads_the_review_form_only_once_accepted(actors):
	doc = make_chain_application(
		actors, chain_notice("000"), "prefecture", "Directed Evaluation", "Intermediate"
	)
	assert [d["kind"] for d in portal.documents(doc)] == ["commitment"]
	doc.workflow_state = "Accepted"
	assert [d["kind"] for d in portal.documents(doc)] == ["commitment", "qualification_review_form"]
	doc.workflow_state = "Not Accepted"
	assert [d["kind"] for d in portal.documents(doc)] == ["commitment"]


def test_a_notice_is_cited_by_its_own_document_number_only():
	"""000 has no 文号 of its own; the transmitting document's number is not shown as if it were."""
	from tests.integration.factories import make_notice

	issued_under = make_notice(doc_no="", parent_doc_no="测人社传〔2024〕9号", title="传达通知")
	assert portal.notice_heading(issued_under.name)["doc_no"] == ""
	own = make_notice(doc_no="测人社发〔2024〕3号", parent_doc_no="测人社传〔2024〕9号")
	assert portal.notice_heading(own.name)["doc_no"] == "测人社发〔2024〕3号"
