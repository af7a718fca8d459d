"""取消资格 (001 附件3 "取消已确认的资格"; 000 五、（二） "三年内取消参评资格"): a certified title is
revoked by the title administrator or the body that certified it, with a reason; a fraud records
the Title Sanction with its three-year ban, which the precheck of a later application by the same
person refuses; /verify says the document's qualification was revoked."""

import datetime

import frappe
import pytest

from tests.integration.results_support import (
	AFTER_PUBLICITY,
	DOC_NO,
	as_user,
	certified,
	make_committee,
	results_notice,
)
from tests.integration.workflow_support import act, chain_notice, edit, make_chain_application, state
from zhicheng_app.services.documents import batch_jobs, generation
from zhicheng_app.services.documents.verification import verify
from zhicheng_app.services.precheck import run_precheck

APPLICATION = "Title Application"
REASON = "经查实，申报人提交的业绩证明材料系伪造"

pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture
def notice(actors):
	committee, _code = make_committee()
	return results_notice(committee)


def revoke(
	user: str, name: str, fraud: int = 1, reason: str = REASON, document_no: str = "阿地人社函〔2024〕9号"
):
	edit(
		user,
		name,
		revocation_reason=reason,
		revocation_for_fraud=fraud,
		revocation_document_no=document_no,
	)
	return act(user, name, "Revoke")


def test_a_revocation_needs_the_right_body_and_a_reason_and_records_the_fraud_ban(actors, notice):
	(name,) = certified(actors, notice)
	with pytest.raises(frappe.ValidationError):
		act(actors["hr"], name, "Revoke")  # the unit cannot take a title back
	with pytest.raises(frappe.ValidationError, match="原因"):
		act(actors["admin"], name, "Revoke")
	assert state(name) == "Certified"
	revoke(actors["admin"], name)
	doc = frappe.get_doc(APPLICATION, name)
	assert doc.workflow_state == "Revoked" and doc.revoked_by == actors["admin"] and doc.revoked_at
	assert doc.closed_reason == REASON
	sanction = frappe.get_doc("Title Sanction", doc.sanction)
	assert (sanction.id_number, sanction.person_name) == (doc.id_number, doc.applicant_name)
	assert sanction.decided_on == AFTER_PUBLICITY.date()
	assert sanction.ban_until == datetime.date(2027, 8, 8)  # three years after the decision
	assert sanction.document_no == "阿地人社函〔2024〕9号" and sanction.reason == REASON


def test_the_certifying_bureau_revokes_without_a_sanction_when_no_fraud(actors, notice):
	(name,) = certified(actors, notice)
	revoke(actors["prefecture"], name, fraud=0, reason="任职资格文件信息有误，予以撤回")
	doc = frappe.get_doc(APPLICATION, name)
	assert doc.workflow_state == "Revoked" and not doc.sanction
	assert not frappe.db.exists("Title Sanction", {"id_number": doc.id_number})


def test_a_later_application_by_the_same_person_is_refused_by_the_precheck(actors, notice):
	(name,) = certified(actors, notice)
	revoke(actors["admin"], name)
	id_number = frappe.db.get_value(APPLICATION, name, "id_number")
	next_year = chain_notice("000", campaign_year=2025)
	again = make_chain_application(
		actors, next_year, "prefecture", "Directed Evaluation", "Intermediate", id_number=id_number
	)
	findings = {f.rule_id: f for f in run_precheck(again).findings}
	assert "BAN-FRAUD" in findings and findings["BAN-FRAUD"].severity == "Blocking"
	with pytest.raises(frappe.ValidationError):
		act(actors["applicant"], again.name, "Submit")
	assert state(again.name) == "Draft"
	# someone else is not affected
	other = make_chain_application(actors, next_year, "prefecture", "Directed Evaluation", "Intermediate")
	assert "BAN-FRAUD" not in {f.rule_id for f in run_precheck(other).findings}


def test_verify_says_a_revoked_document_is_revoked(actors, notice):
	names = certified(actors, notice, 2)
	form = as_user(actors["admin"], generation.generate, "qualification_review_form", APPLICATION, names[0])
	doc_no = DOC_NO.format(frappe.generate_hash(length=4))
	made = as_user(
		actors["prefecture"], batch_jobs.run_batch, "qualification_document", notice.name, doc_no=doc_no
	)
	document_token = frappe.db.get_value("Generated Document", made["documents"][0], "token")
	assert not verify(form.token).revoked
	before = verify(document_token)
	assert not before.revoked and [c["revoked"] for c in before.certificates] == [False, False]
	revoke(actors["admin"], names[0])
	assert verify(form.token).revoked
	after = verify(document_token)
	numbers = {c["certificate_no"]: c["revoked"] for c in after.certificates}
	assert numbers == {
		frappe.db.get_value(APPLICATION, names[0], "certificate_no"): True,
		frappe.db.get_value(APPLICATION, names[1], "certificate_no"): False,
	}
	assert not after.revoked  # one of its two certificates stands
	# the public page says so
	from zhicheng_app.www import verify as page

	frappe.form_dict.t = form.token
	try:
		context = page.get_context(frappe._dict())
	finally:
		frappe.form_dict.pop("t", None)
	assert context.document["revoked"] and "取消" in context.labels["revoked"]
