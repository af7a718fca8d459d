import datetime

from zhicheng_app.documents import catalogue, contexts
from zhicheng_app.documents.registry import REGISTRY
from zhicheng_app.documents.render import get_compiled


class Record(dict):
	"""A stand-in for a Frappe document: fields as attributes (None when unset), tables via get()."""

	def __getattr__(self, name):
		return self.get(name)


def _application(**fields) -> Record:
	values = {
		"name": "ZC-2024-00001",
		"applicant_name": "欧阳明华",
		"gender": "Male",
		"ethnicity": "汉族",
		"political_status": "CPC Member",
		"id_number": "652901198503121010",
		"series": "工程系列",
		"profession": "建筑专业",
		"route": "Directed Evaluation",
		"target_level": "Intermediate",
		"first_work_date": "2010-07-01",
		"publicity_start": "2024-08-01",
		"publicity_end": "2024-08-07",
		"education": [
			Record(education="Bachelor", school="新疆大学", major="土木工程", graduation_date="2010-06-30"),
			Record(education="Master", school="长安大学", major="道路工程", graduation_date="2013-06-30"),
		],
		"work_history": [
			Record(start_date="2016-01-01", unit_name="阿克苏测试单位", position="工程师"),
			Record(
				start_date="2010-07-01", end_date="2015-12-31", unit_name="阿克苏某公司", position="技术员"
			),
		],
		"achievements": [
			Record(achieved_on="2023-05-01", kind="Award", title="科技进步奖"),
			Record(achieved_on="2015-05-01", kind="Award", title="优秀设计"),
		],
		"assessments": [Record(year=2023, result="Competent"), Record(year=2022, result="Excellent")],
	}
	return Record({**values, **fields})


UNIT = Record(unit_name="阿克苏测试单位", phone="0997-2123456", hr_contact="王建")
NOTICE = Record(
	code="001",
	routes=[
		Record(route="Directed Evaluation", level="Intermediate", committee="阿克苏地区工程系列评审委员会")
	],
	extra_holidays=[],
	extra_workdays=[],
)
TODAY = datetime.date(2024, 8, 20)


def test_application_context_maps_the_records():
	ctx = contexts.application_context(
		_application(), unit=UNIT, notice=NOTICE, competent_unit=None, today=TODAY
	)
	assert ctx["applicant_name"] == ctx["name"] == "欧阳明华"
	assert ctx["series"] == "工程" and ctx["profession"] == "建筑"
	assert ctx["unit_name"] == ctx["current_unit"] == "阿克苏测试单位"
	assert ctx["supervision_phone"] == ctx["unit_contact_phone"] == "0997-2123456"
	assert ctx["graduation_text"] == "2013年6月毕业于长安大学道路工程专业"  # the latest graduation
	assert ctx["work_history_text"].splitlines() == [
		"2010.07—2015.12 阿克苏某公司 技术员",
		"2016.01至今 阿克苏测试单位 工程师",
	]
	assert ctx["achievements_text"].count("\n") == 1
	assert "优秀设计" not in ctx["achievements_5y_text"] and "科技进步奖" in ctx["achievements_5y_text"]
	assert [y["year"] for y in ctx["years"]] == ["2022年", "2023年"]
	assert ctx["publicity_start"] == datetime.date(2024, 8, 1)
	assert ctx["publicity_days"] == 5  # 1–7 August 2024: five working days
	assert ctx["committee_name"] == "阿克苏地区工程系列评审委员会"
	assert ctx["unit_opinion_hint"] == contexts.UNIT_OPINION_HINT["001"]
	assert ctx["fingerprint"] is False
	assert ctx["work_start"] == "2010-07" and ctx["doc_date"] is None


def test_application_context_serves_every_per_person_template():
	ctx = contexts.application_context(
		_application(), unit=UNIT, notice=NOTICE, competent_unit=None, today=TODAY
	)
	for kind, source in catalogue.KIND_SOURCE.items():
		if source == catalogue.APPLICATION:
			assert set(REGISTRY[kind].variables) <= set(ctx), kind
			assert get_compiled(kind).variables - {"barcode_text"} <= set(ctx), kind


def test_application_context_without_unit_or_notice():
	ctx = contexts.application_context(
		_application(education=[]), unit=None, notice=None, competent_unit=None, today=TODAY
	)
	assert ctx["unit_name"] == ctx["graduation_text"] == ctx["committee_name"] == ""
	assert ctx["publicity_days"] == 5


def test_unit_batch_context_groups_one_route_label():
	apps = [
		_application(name="A1", applicant_name="李明", route="Initial Junior", target_level="Assistant"),
		_application(
			name="A2",
			applicant_name="周敏",
			route="Township Initial Intermediate",
			target_level="Intermediate",
			publicity_objection=1,
			publicity_notes="收到一件举报，已核实不实",
		),
	]
	ctx = contexts.unit_batch_context(UNIT, Record(title=" 通知 ", doc_no="阿地人社传〔2024〕6号"), apps)
	assert ctx["route_label"] == "初定" and ctx["level_label"] == ""  # 初 and 中
	assert [p["name"] for p in ctx["persons"]] == ["李明", "周敏"]
	assert ctx["persons"][0]["current"] == {"from_ym": "2016-01", "to_ym": "", "unit": "阿克苏测试单位"}
	assert ctx["objection_text"] == "收到一件举报，已核实不实"
	assert ctx["notice_title"] == "通知" and ctx["applicant_count"] == 2


def test_available_kinds_follow_the_route_and_the_requests():
	kinds = [k["kind"] for k in catalogue.available_kinds(catalogue.APPLICATION, _application())]
	assert kinds == [
		"unit_publicity_001",
		"recommendation_unit_000",
		"commitment",
		"appraisal_form",
	]  # no 评审表 yet
	accepted = catalogue.available_kinds(catalogue.APPLICATION, _application(workflow_state="Accepted"))
	assert [k["kind"] for k in accepted][-1] == "qualification_review_form"
	assert not catalogue.open_in_state("qualification_review_form", "Committee Review")
	exempt = catalogue.available_kinds(catalogue.APPLICATION, _application(ce_exemption=1))
	assert "exemption_form" in [k["kind"] for k in exempt]
	assert catalogue.available_kinds(catalogue.APPLICATION, _application(route="")) == []
	notice_kinds = [k["kind"] for k in catalogue.available_kinds(catalogue.NOTICE, Record())]
	assert notice_kinds == list(catalogue.NOTICE_KINDS)


def test_publicity_report_lists_the_batch_routes_that_passed_the_review_only():
	# 通过审核人员 (阿地人社传〔2024〕6号 附件4): through the bureau's review, not still under it
	for state in ("Unit Results Publicity", "Paper Submitted", "County Paper Submitted", "Confirmed"):
		assert catalogue.in_publicity_report(state, "Grant by Degree"), state
	for state in ("Draft", "Unit Review", "County Review", "Prefecture Confirmation", "Failed", "Abandoned"):
		assert not catalogue.in_publicity_report(state, "Grant by Degree"), state
	assert not catalogue.in_publicity_report("Confirmed", "Directed Evaluation")


def test_publicity_report_counts_as_recommended_what_the_unit_sent_on():
	for state in (
		"County Review",
		"Prefecture Confirmation",
		"Unit Results Publicity",
		"Confirmed",
		"Failed",
	):
		assert catalogue.recommended_in_report(state, "Initial Junior"), state
	for state in ("Draft", "Unit Review", "Returned", "Abandoned", "Not Accepted"):
		assert not catalogue.recommended_in_report(state, "Initial Junior"), state
	assert not catalogue.recommended_in_report("County Review", "Directed Evaluation")


def test_file_names_hold_no_path_characters():
	assert catalogue.file_name("个人承诺书", "ZC/1", "", 2, "docx") == "个人承诺书-ZC1-v2.docx"
	assert catalogue.file_name("公示", "U1", "N1|初定|初", 1, "pdf") == "公示-U1-N1-初定-初-v1.pdf"
	assert catalogue.slug(' :*?"<>| ') == "document"


def test_verification_shows_masked_subjects():
	app = _application()
	ctx = {"unit_name": "阿克苏测试单位", "competent_unit_name": "自治区住建厅"}
	issuer, subject, subject_id = contexts.verification_fields("commitment", catalogue.APPLICATION, app, ctx)
	assert (issuer, subject) == ("阿克苏测试单位", "欧阳**")
	assert subject_id.startswith("652901") and app.id_number not in subject_id
	issuer, *_rest = contexts.verification_fields(
		"recommendation_competent_002", catalogue.APPLICATION, app, ctx
	)
	assert issuer == "自治区住建厅"
	batch = {"persons": [{"name": "李明"}, {"name": "王芳"}]}
	assert contexts.verification_fields("publicity_batch_004", catalogue.UNIT, UNIT, batch) == (
		"阿克苏测试单位",
		"李*等2人",
		"",
	)
