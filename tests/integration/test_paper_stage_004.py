"""The paper stage of 阿地人社传〔2024〕6号 四、（二） on a real site, with the campaign clock frozen at
moments of the notice's own 2024 timetable (Beijing time): a 地直 unit's applications go to the
地区人社局, a county unit's to its county bureau (初定初级) or through it to the 地区人社局 (授予).

After the bureau's review passes, each unit publicises the passed applicants again, sends its
公示情况报告 and 呈报表 inside 05-22 → 05-31; the county bureau forwards its county's inside
05-22 → 06-05; the bureau that confirms the route confirms. The generated documents are read back
and checked against the records.
"""

import datetime
import io
import zipfile

import docx
import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError

from tests.integration.factories import make_unit, make_user
from tests.integration.workflow_support import act, chain_notice, make_chain_application, state
from zhicheng_app.rules.model import seed_notice_dict
from zhicheng_app.services import paper_stage
from zhicheng_app.services.documents import paper_stage as paper_documents

D = datetime.datetime
SUBMIT_AT = D(2024, 5, 8, 10, 0)  # inside the application window (04-15 → 05-10 19:00)
REVIEW_AT = D(2024, 5, 20, 10, 0)  # the bureaus' online review (05-10 → 05-22)
# the unit's publicity of the passed applicants: Tue 05-21 to Mon 05-27, five working days
REPUBLICITY = {"republicity_start": "2024-05-21", "republicity_end": "2024-05-27"}
PAPER_AT = D(2024, 5, 28, 10, 0)
GRANT, JUNIOR = ("Grant by Degree", "Intermediate"), ("Initial Junior", "Assistant")


def frozen(moment):
	frappe.flags.zhicheng_now = moment


@pytest.fixture
def campaign(frappe_site):
	"""Units, users and applications of one 004 notice with the seed's windows (rolled back)."""
	frappe.set_user("Administrator")
	frozen(SUBMIT_AT)
	notice = chain_notice(
		"004", now=SUBMIT_AT, title="关于开展阿克苏地区2024年上半年职称授予、初定、“访惠聚”三年高定工作的通知"
	)
	notice.doc_no = "阿地人社传〔2024〕6号"
	notice.set("windows", seed_notice_dict("004")["windows"])
	notice.save(ignore_permissions=True)
	units = {
		"prefecture": make_unit(unit_name="阿克苏地区测试农业技术推广中心"),
		"prefecture2": make_unit(unit_name="阿克苏地区测试人民医院"),
		"county": make_unit(unit_name="温宿县测试第一中学", location="County", region="温宿县"),
		"other_county": make_unit(unit_name="沙雅县测试水利站", location="County", region="沙雅县"),
	}
	actors = {"units": {k: u.name for k, u in units.items()}, "notice": notice}
	actors["applicant"] = make_user("Title Applicant")
	actors["hr"] = make_user("Unit HR", ("Employer Unit", units["prefecture"].name))
	actors["hr2"] = make_user("Unit HR", ("Employer Unit", units["prefecture2"].name))
	actors["county_hr"] = make_user("Unit HR", ("Employer Unit", units["county"].name))
	actors["other_hr"] = make_user("Unit HR", ("Employer Unit", units["other_county"].name))
	actors["county"] = make_user("County HRSS Officer", ("Region", "温宿县"))
	actors["other_county_officer"] = make_user("County HRSS Officer", ("Region", "沙雅县"))
	actors["prefecture"] = make_user("Prefecture HRSS Officer", ("Region", "阿克苏地区"))
	hr_of = {"prefecture": "hr", "prefecture2": "hr2", "county": "county_hr", "other_county": "other_hr"}

	apps = {}

	def application(key, unit, route_level, recommend=True):
		doc = make_chain_application(
			actors,
			notice,
			unit,
			*route_level,
			applicant_name=key,
		)
		apps[key] = doc.name
		# 申报前公示 (附件1), entered by the unit, ended before the application
		frappe.db.set_value(
			"Title Application", doc.name, {"publicity_start": "2024-04-22", "publicity_end": "2024-04-26"}
		)
		if recommend:
			act(actors["applicant"], doc.name, "Submit")
			act(actors[hr_of[unit]], doc.name, "Recommend")
		return doc.name

	application("甲", "prefecture", GRANT)
	application("乙", "prefecture", JUNIOR)
	application("丙", "prefecture", GRANT)  # still at the 地区人社局's review
	application("丁", "prefecture", JUNIOR, recommend=False)  # a draft
	application("子", "prefecture2", JUNIOR)
	application("戊", "county", JUNIOR)  # → 县人社局审核确认
	application("己", "county", GRANT)  # → 县人社局审核推荐 → 地区人社局审核确认
	application("庚", "county", JUNIOR)  # refused by the county bureau
	application("辛", "other_county", JUNIOR)
	frozen(REVIEW_AT)
	act(actors["county"], apps["己"], "Recommend")
	for key in ("甲", "乙", "己", "子"):
		act(actors["prefecture"], apps[key], "Pass Review")
	act(actors["county"], apps["戊"], "Pass Review")
	act(actors["county"], apps["庚"], "Reject")
	act(actors["other_county_officer"], apps["辛"], "Pass Review")
	actors["apps"] = apps
	yield actors
	frappe.flags.zhicheng_now = None


def as_user(user, fn, *args):
	frappe.set_user(user)
	try:
		return fn(*args)
	finally:
		frappe.set_user("Administrator")


def republicise(actors, unit, hr, **values):
	values = {**REPUBLICITY, **values}
	return as_user(
		actors[hr], paper_stage.save_republicity, actors["units"][unit], actors["notice"].name, values
	)


def send_paper(actors, unit, hr):
	return as_user(actors[hr], paper_stage.submit_paper, actors["units"][unit], actors["notice"].name)


def text_of(content: bytes) -> str:
	document = docx.Document(io.BytesIO(content))
	parts = [p.text for p in document.paragraphs]
	parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
	return "\n".join(parts)


def test_a_prefecture_direct_unit_through_the_paper_stage_at_the_windows_edges(campaign):
	apps = campaign["apps"]
	assert {state(apps[k]) for k in ("甲", "乙")} == {"Unit Results Publicity"}
	doc = frappe.get_doc("Title Application", apps["甲"])
	assert doc.review_passed_at == D(2024, 5, 20, 10, 0)
	# confirmed only once the paper has reached the bureau (004 四、（二）); the online step passes
	with pytest.raises(frappe.ValidationError):
		act(campaign["prefecture"], apps["甲"], "Confirm")
	# the unit's window opens 05-22 00:00 (Beijing time): one minute before is too early
	frozen(D(2024, 5, 21, 23, 59))
	with pytest.raises(frappe.ValidationError) as refused:
		send_paper(campaign, "prefecture", "hr")
	assert "阿地人社传〔2024〕6号 四、（二）1" in str(refused.value) and "2024-05-22 00:00" in str(
		refused.value
	)
	# inside it, the publicity of the passed applicants must be entered, over and without objection
	frozen(D(2024, 5, 22, 0, 1))
	with pytest.raises(frappe.ValidationError, match="请先填写通过人员再次公示的起止日期"):
		send_paper(campaign, "prefecture", "hr")
	assert (
		republicise(campaign, "prefecture", "hr", republicity_objection=1, republicity_notes="收到一件举报")
		== 2
	)
	frozen(PAPER_AT)
	with pytest.raises(frappe.ValidationError, match="再次公示期间收到异议"):
		send_paper(campaign, "prefecture", "hr")
	republicise(campaign, "prefecture", "hr")
	frozen(D(2024, 5, 27, 16, 0))  # the publicity's last day
	with pytest.raises(frappe.ValidationError, match="公示期满后方可报送"):
		send_paper(campaign, "prefecture", "hr")
	# the window ends 05-31 23:59:59: a minute after it is too late, a minute before it is not
	frozen(D(2024, 6, 1, 0, 0, 59))
	with pytest.raises(frappe.ValidationError, match="2024-05-31 23:59"):
		send_paper(campaign, "prefecture", "hr")
	assert {state(apps[k]) for k in ("甲", "乙")} == {"Unit Results Publicity"}
	frozen(D(2024, 5, 31, 23, 58, 59))
	assert sorted(send_paper(campaign, "prefecture", "hr")) == sorted([apps["甲"], apps["乙"]])
	doc = frappe.get_doc("Title Application", apps["甲"])
	assert doc.workflow_state == "Paper Submitted" and doc.paper_submitted_by == campaign["hr"]
	assert doc.paper_submitted_at == D(2024, 5, 31, 23, 58, 59)
	# the 地区人社局 confirms within the unit window
	frozen(D(2024, 5, 31, 23, 59, 30))
	act(campaign["prefecture"], apps["甲"], "Confirm")
	doc = frappe.get_doc("Title Application", apps["甲"])
	assert doc.workflow_state == "Confirmed" and doc.confirmed_by == campaign["prefecture"]
	frozen(D(2024, 6, 1, 0, 0, 59))
	with pytest.raises(frappe.ValidationError, match="2024-05-31 23:59"):
		act(campaign["prefecture"], apps["乙"], "Confirm")
	assert state(apps["乙"]) == "Paper Submitted"
	# a county bureau does not confirm a 地直 unit's application
	with pytest.raises(frappe.PermissionError):
		act(campaign["county"], apps["乙"], "Confirm")


def test_a_county_unit_through_the_paper_stage_and_the_county_window(campaign):
	apps = campaign["apps"]
	frozen(PAPER_AT)
	republicise(campaign, "county", "county_hr")
	assert sorted(send_paper(campaign, "county", "county_hr")) == sorted([apps["戊"], apps["己"]])
	# 初定初级: the county bureau confirms (004 三、（二）2); it cannot forward it
	act(campaign["county"], apps["戊"], "Confirm")
	assert state(apps["戊"]) == "Confirmed"
	# 授予: the county bureau forwards it to the 地区人社局, inside 05-22 → 06-05 (四、（二）2)
	with pytest.raises(WorkflowTransitionError):
		act(campaign["prefecture"], apps["己"], "Confirm")  # the paper is still at the county
	frozen(D(2024, 6, 6, 0, 0, 59))
	with pytest.raises(frappe.ValidationError) as refused:
		act(campaign["county"], apps["己"], "Forward Paper Materials")
	assert "阿地人社传〔2024〕6号 四、（二）2" in str(refused.value) and "2024-06-05 23:59" in str(
		refused.value
	)
	frozen(D(2024, 6, 5, 23, 58, 59))
	with pytest.raises(frappe.PermissionError):
		act(campaign["other_county_officer"], apps["己"], "Forward Paper Materials")
	act(campaign["county"], apps["己"], "Forward Paper Materials")
	doc = frappe.get_doc("Title Application", apps["己"])
	assert doc.workflow_state == "County Paper Submitted" and doc.county_paper_submitted_at
	act(campaign["prefecture"], apps["己"], "Confirm")
	assert state(apps["己"]) == "Confirmed"


def test_the_units_publicity_situation_report_lists_and_counts_the_records(campaign):
	unit = campaign["units"]["prefecture"]
	notice = campaign["notice"]
	frozen(PAPER_AT)
	republicise(campaign, "prefecture", "hr")
	content = as_user(
		campaign["hr"], paper_documents.download_unit_paper, unit, notice.name, "publicity_report"
	)[1]
	text = text_of(content)
	unit_name = frappe.db.get_value("Employer Unit", unit, "unit_name")
	records = frappe.get_all(
		"Title Application",
		filters={"employer_unit": unit, "notice": notice.name},
		fields=["applicant_name", "workflow_state", "route"],
	)
	passed = [r for r in records if r.workflow_state == "Unit Results Publicity"]
	recommended = [r for r in records if r.workflow_state not in ("Draft", "Unit Review")]
	assert len(passed) == 2 and len(recommended) == 3  # 甲, 乙 passed; 丙 under review; 丁 a draft
	assert f"{unit_name}严格履行" in text
	assert f"此次推荐{len(recommended)}人，通过审核{len(passed)}人" in text
	grants = sum(1 for r in passed if r.route == "Grant by Degree")
	juniors = sum(1 for r in passed if r.route == "Initial Junior")
	assert f"申报授予{grants}人" in text and f"初定初级{juniors}人" in text
	assert f"{unit_name}职称授予、初定、“访惠聚”三年高定通过审核人员名单" in text
	assert f"{unit_name}：甲" in text and f"{unit_name}：乙" in text
	assert "丙" not in text and "丁" not in text  # under review, and a draft: not listed
	assert "公示期为2024年5月21日至5月27日" in text  # the publicity of the passed applicants
	assert "公示期间未收到异议和举报" in text
	# the 公示结果 and 推荐报告 of the passed applicants, and their 呈报表 (one per person)
	for document in ("publicity_result", "recommendation"):
		made = as_user(campaign["hr"], paper_documents.generate_unit_paper, unit, notice.name, document)
		body = "\n".join(text_of(g.content) for g in made)
		assert "甲" in body and "丙" not in body, document
	name, forms = as_user(
		campaign["hr"], paper_documents.download_unit_paper, unit, notice.name, "report_forms"
	)
	with zipfile.ZipFile(io.BytesIO(forms)) as archive:
		names = archive.namelist()
	assert name.endswith(".zip") and len(names) == 2
	assert any("授予专业技术职务呈报表" in text_of(archive_bytes) for archive_bytes in _members(forms))


def _members(zipped: bytes):
	with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
		return [archive.read(n) for n in archive.namelist()]


def test_a_unit_cannot_make_another_units_paper(campaign):
	notice = campaign["notice"].name
	for other in ("prefecture2", "county"):
		with pytest.raises(frappe.PermissionError):
			as_user(
				campaign["hr"],
				paper_documents.generate_unit_paper,
				campaign["units"][other],
				notice,
				"publicity_report",
			)
		with pytest.raises(frappe.PermissionError):
			as_user(
				campaign["hr"], paper_stage.save_republicity, campaign["units"][other], notice, REPUBLICITY
			)
	with pytest.raises(frappe.PermissionError):
		as_user(campaign["hr"], paper_documents.generate_county_paper, "温宿县", notice, "publicity_report")


def test_the_county_bureau_reports_its_county_only(campaign):
	notice = campaign["notice"].name
	counties = as_user(campaign["county"], paper_documents.counties_of_user)
	assert [c.name for c in counties] == ["温宿县"]
	with pytest.raises(frappe.PermissionError):
		as_user(
			campaign["other_county_officer"],
			paper_documents.generate_county_paper,
			"温宿县",
			notice,
			"publicity_report",
		)
	made = as_user(
		campaign["county"], paper_documents.generate_county_paper, "温宿县", notice, "publicity_report"
	)
	text = text_of(made[0].content)
	unit_name = frappe.db.get_value("Employer Unit", campaign["units"]["county"], "unit_name")
	# 戊 and 己 passed; 庚 was recommended and refused; 辛 is another county's, 甲 a 地直 unit's
	assert "温宿县人力资源和社会保障局严格履行" in text
	assert "此次推荐3人，通过审核2人" in text
	assert f"{unit_name}：戊" in text and f"{unit_name}：己" in text
	for name in ("庚", "辛", "甲", "乙"):
		assert name not in text.split("通过审核人员名单")[1], name
	# the county's generated document is read by its own bureau only
	generated = made[0].name
	assert as_user(campaign["county"], frappe.get_list, "Generated Document", {"name": generated}) != []
	assert (
		as_user(campaign["other_county_officer"], frappe.get_list, "Generated Document", {"name": generated})
		== []
	)
	for user in ("other_county_officer", "hr", "county_hr"):
		assert not frappe.has_permission("Generated Document", "read", generated, user=campaign[user]), user


def test_the_portal_and_desk_methods_answer_within_the_users_scope(campaign):
	from zhicheng_app.api import documents, unit_portal

	notice = campaign["notice"].name
	options = as_user(campaign["county"], documents.county_paper_options)
	assert [c.name for c in options["counties"]] == ["温宿县"]
	assert [d["document"] for d in options["documents"]] == ["publicity_report", "report_forms"]
	assert as_user(campaign["hr"], documents.county_paper_options)["counties"] == []
	frappe.local.response = frappe._dict()
	as_user(campaign["county"], documents.download_county_paper, "温宿县", notice, "report_forms")
	assert frappe.local.response.type == "download" and frappe.local.response.filename.endswith(".zip")
	forms = _members(frappe.local.response.filecontent)
	assert len(forms) == 2  # 戊 and 己 passed; 庚 was refused
	with pytest.raises(frappe.PermissionError):
		as_user(
			campaign["hr"],
			unit_portal.download_paper,
			campaign["units"]["county"],
			notice,
			"publicity_report",
		)
	with pytest.raises(frappe.PermissionError):
		as_user(campaign["county_hr"], unit_portal.submit_paper, campaign["units"]["prefecture"], notice)
