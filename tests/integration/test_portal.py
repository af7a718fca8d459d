"""The applicant's portal: the web form and the submit method, with the server-side guards."""

import json

import frappe
import pytest
from frappe.website.doctype.web_form.web_form import accept

from tests.integration.workflow_support import NOW, chain_notice, make_actors, make_chain_application, state
from zhicheng_app.api.application import submit


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
