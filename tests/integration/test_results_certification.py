"""After the review meeting (000 三、（四）, 四、（九）): the committee office starts the results
publicity of the passed applications; an objection during it blocks the certification until
dismissed; the body the notice names (the 地区人社局) certifies, the title administrator is refused;
each certification takes the next number of the committee's series; the 任职资格文件 carries its
文号, addressees and issuer; the applicant downloads it, another applicant cannot."""

import frappe
import pytest

from tests.integration import rest
from tests.integration.results_support import (
	AFTER_PUBLICITY,
	DOC_NO,
	PASSWORD,
	PUBLICITY_END,
	as_user,
	cleanup,
	docx_text,
	make_committee,
	results_notice,
	second_applicant,
	to_passed,
)
from tests.integration.workflow_support import NOW, act, state
from zhicheng_app.services import results
from zhicheng_app.services.documents import batch_jobs
from zhicheng_app.services.documents.files import file_content

APPLICATION = "Title Application"
ISSUER_OF_THE_NOTICE = "阿克苏地区住房和城乡建设局"
PREFECTURE_BUREAU = "阿克苏地区人力资源和社会保障局"

pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture
def campaign(actors):
	committee, code = make_committee()
	notice = results_notice(committee, issuer=ISSUER_OF_THE_NOTICE)
	return {"notice": notice, "committee": committee, "code": code}


def publicise_results(actors, notice, names=None) -> dict:
	return as_user(actors["committee"], results.start_results_publicity, notice.name, names)


def objection(user: str, name: str, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Publicity Objection",
			"application": name,
			"stage": "Results Publicity",
			"received_on": "2024-08-01",
			"content": "反映其业绩材料与实际不符",
			**values,
		}
	)
	return as_user(user, doc.insert)


def certify(user: str, name: str):
	return act(user, name, "Certify")


def test_the_committee_office_starts_the_results_publicity_of_the_passed(actors, campaign):
	notice = campaign["notice"]
	first, second = to_passed(actors, notice), to_passed(actors, notice)
	with pytest.raises(frappe.PermissionError):
		as_user(actors["hr"], results.start_results_publicity, notice.name)
	started = publicise_results(actors, notice)
	assert sorted(started["started"]) == sorted([first, second])
	# five working days from Thursday 2024-08-01, the notice's default (it names no duration)
	assert (started["start"], started["end"]) == ("2024-08-01", str(PUBLICITY_END))
	doc = frappe.get_doc(APPLICATION, first)
	assert (doc.results_publicity_start, doc.results_publicity_end) == (NOW.date(), PUBLICITY_END)
	assert doc.results_publicity_by == actors["committee"]
	with pytest.raises(frappe.ValidationError, match="尚未进行评审结果公示"):
		publicise_results(actors, notice)

	# the window is the server's: a save that sends another end keeps the stored one
	def forge():
		forged = frappe.get_doc(APPLICATION, first)
		forged.results_publicity_end = "2024-08-02"
		forged.save()

	as_user(actors["committee"], forge)
	assert frappe.db.get_value(APPLICATION, first, "results_publicity_end") == PUBLICITY_END


def test_certification_waits_for_the_end_and_for_a_standing_objection(actors, campaign):
	notice = campaign["notice"]
	name = to_passed(actors, notice)
	with pytest.raises(frappe.ValidationError, match="评审结果公示"):
		certify(actors["prefecture"], name)  # no results publicity yet
	publicise_results(actors, notice, [name])
	with pytest.raises(frappe.ValidationError, match=str(PUBLICITY_END)):
		certify(actors["prefecture"], name)  # the publicity runs
	raised = objection(actors["committee"], name)
	# an objection of the unit's own publicity cannot be recorded now, nor by the committee office
	with pytest.raises(frappe.PermissionError):
		objection(actors["committee"], name, stage="Unit Publicity")
	frappe.flags.zhicheng_now = AFTER_PUBLICITY
	with pytest.raises(frappe.ValidationError, match="异议"):
		certify(actors["prefecture"], name)
	assert state(name) == "Passed Publicity"

	def dismiss():
		doc = frappe.get_doc("Publicity Objection", raised.name)
		doc.status = "Dismissed"
		doc.handling = "经核查，业绩材料真实，异议不成立"
		doc.save()

	as_user(actors["committee"], dismiss)
	certify(actors["prefecture"], name)
	doc = frappe.get_doc(APPLICATION, name)
	assert doc.workflow_state == "Certified" and doc.certified_by == actors["prefecture"]
	assert doc.certificate_no == f"{campaign['code']}-2024-00001"


def test_the_title_administrator_is_refused_where_the_notice_names_the_prefecture_bureau(actors, campaign):
	notice = campaign["notice"]
	name = to_passed(actors, notice)
	publicise_results(actors, notice, [name])
	frappe.flags.zhicheng_now = AFTER_PUBLICITY
	with pytest.raises(frappe.PermissionError, match=PREFECTURE_BUREAU):
		certify(actors["admin"], name)
	assert state(name) == "Passed Publicity"
	assert not frappe.db.get_value(APPLICATION, name, "certificate_no")
	# a notice that names no issuing body: the title administrator certifies, the bureau is refused
	other = results_notice(campaign["committee"], certifying_role="Title Administrator", certifying_body="")
	frappe.flags.zhicheng_now = NOW
	second = to_passed(actors, other)
	publicise_results(actors, other, [second])
	frappe.flags.zhicheng_now = AFTER_PUBLICITY
	with pytest.raises(frappe.PermissionError):
		certify(actors["prefecture"], second)
	certify(actors["admin"], second)
	assert state(second) == "Certified"


def test_certificate_numbers_follow_the_committee_series_and_are_given_once(actors, campaign):
	notice = campaign["notice"]
	names = [to_passed(actors, notice) for _ in range(2)]
	publicise_results(actors, notice)
	frappe.flags.zhicheng_now = AFTER_PUBLICITY
	for name in names:
		certify(actors["prefecture"], name)
	numbers = [frappe.db.get_value(APPLICATION, n, "certificate_no") for n in names]
	prefix = f"{campaign['code']}-2024-"
	assert numbers == [f"{prefix}00001", f"{prefix}00002"]
	# a later save does not renumber; the number is the server's
	doc = frappe.get_doc(APPLICATION, names[0])
	doc.certificate_no = "FORGED-1"
	as_user(actors["prefecture"], doc.save)
	assert frappe.db.get_value(APPLICATION, names[0], "certificate_no") == numbers[0]


def _certified(actors, notice, count: int) -> list[str]:
	names = [to_passed(actors, notice) for _ in range(count)]
	publicise_results(actors, notice)
	frappe.flags.zhicheng_now = AFTER_PUBLICITY
	for name in names:
		certify(actors["prefecture"], name)
	return names


def test_the_qualification_document_has_its_number_addressees_issuer_and_certificates(actors, campaign):
	notice = campaign["notice"]
	names = _certified(actors, notice, 2)
	with pytest.raises(frappe.ValidationError, match="文号"):
		as_user(actors["prefecture"], batch_jobs.enqueue_batch, "qualification_document", notice.name)
	doc_no = DOC_NO.format(frappe.generate_hash(length=4))
	made = as_user(
		actors["prefecture"], batch_jobs.run_batch, "qualification_document", notice.name, doc_no=doc_no
	)
	text = docx_text(file_content(made["file_url"]))
	unit_name = frappe.db.get_value("Employer Unit", actors["units"]["prefecture"], "unit_name")
	assert doc_no in text
	assert f"{unit_name}：" in text  # 主送: the units of the certified applicants
	assert PREFECTURE_BUREAU in text and ISSUER_OF_THE_NOTICE not in text
	for name in names:
		app = frappe.get_doc(APPLICATION, name)
		assert app.certificate_no in text
		assert (app.qualification_document, app.qualification_document_no) == (made["documents"][0], doc_no)
	# a second document lists only the applications no document has issued yet
	later = to_passed(actors, notice)
	frappe.flags.zhicheng_now = NOW
	publicise_results(actors, notice, [later])
	frappe.flags.zhicheng_now = AFTER_PUBLICITY
	certify(actors["prefecture"], later)
	second_no = DOC_NO.format(frappe.generate_hash(length=4))
	second = as_user(
		actors["prefecture"], batch_jobs.run_batch, "qualification_document", notice.name, doc_no=second_no
	)
	second_text = docx_text(file_content(second["file_url"]))
	assert frappe.db.get_value(APPLICATION, later, "certificate_no") in second_text
	assert frappe.db.get_value(APPLICATION, names[0], "certificate_no") not in second_text


@pytest.fixture
def issued(actors):
	"""A certified application of the module's applicant with its 任职资格文件, committed for the
	web server; removed afterwards."""
	rest.require_server()
	committee, _code = make_committee()
	notice = results_notice(committee)
	other = second_applicant()
	(name,) = _certified(actors, notice, 1)
	doc_no = DOC_NO.format(frappe.generate_hash(length=4))
	made = as_user(
		actors["prefecture"], batch_jobs.run_batch, "qualification_document", notice.name, doc_no=doc_no
	)
	frappe.db.commit()
	yield {"name": name, "notice": notice.name, "other": other, "made": made}
	cleanup([notice.name], [committee], [other])


def test_the_applicant_downloads_their_qualification_document_another_applicant_cannot(actors, issued):
	url = f"{rest.BASE_URL}/api/method/zhicheng_app.api.results.qualification_document"
	mine = rest.session(actors["applicant"], PASSWORD).get(
		url, params={"application": issued["name"]}, timeout=60
	)
	assert mine.status_code == 200, mine.text[:300]
	assert mine.content[:2] == b"PK"
	certificate_no = frappe.db.get_value(APPLICATION, issued["name"], "certificate_no")
	assert certificate_no in docx_text(mine.content)
	stranger = rest.session(issued["other"], PASSWORD)
	refused = stranger.get(url, params={"application": issued["name"]}, timeout=60)
	assert refused.status_code == 403 and refused.content[:2] != b"PK"
	# the file itself stays with the bureaus: neither applicant opens it by its address
	for session in (rest.session(actors["applicant"], PASSWORD), stranger):
		direct = session.get(f"{rest.BASE_URL}{issued['made']['file_url']}", timeout=60)
		assert direct.status_code in (403, 404) and direct.content[:2] != b"PK"
	# the applicant's page links the download
	page = rest.session(actors["applicant"], PASSWORD).get(
		f"{rest.BASE_URL}/my-applications/{issued['name']}", timeout=60
	)
	assert "zhicheng_app.api.results.qualification_document" in page.text and certificate_no in page.text


def test_an_application_not_certified_has_no_qualification_document(actors, campaign):
	name = to_passed(actors, campaign["notice"])
	with pytest.raises(frappe.PermissionError):
		as_user(actors["applicant"], results.applicant_document, name)


def test_the_results_publicity_shows_on_the_unit_and_applicant_portals(actors, campaign):
	from zhicheng_app.services import portal, unit_review

	notice = campaign["notice"]
	name = to_passed(actors, notice)
	publicise_results(actors, notice, [name])
	view = as_user(actors["applicant"], portal.application_view, name)
	assert view["results_publicity"]["end"] == str(PUBLICITY_END) and view["results_publicity"]["running"]
	unit_view = as_user(actors["hr"], unit_review.application_view, name)
	assert "会议公示" in unit_view["results_publicity"]["place"]
	rows = as_user(actors["hr"], unit_review.list_applications)
	assert str(PUBLICITY_END) in next(r for r in rows if r.name == name).results_publicity


def test_apply_workflow_offers_certify_to_both_roles_but_the_rule_decides(actors, campaign):
	"""The shipped workflow lets both certifying roles click Certify; services.results refuses the one
	the notice does not name (the workflow cannot read the notice)."""
	from frappe.model.workflow import get_transitions

	name = to_passed(actors, campaign["notice"])
	for user in (actors["admin"], actors["prefecture"]):
		actions = as_user(user, get_transitions, frappe.get_doc(APPLICATION, name))
		assert "Certify" in [t.action for t in actions]
