"""Documents on a real site: generation, supersession, /verify, print permission, templates,
paper intake and batch jobs (issue 5)."""

import datetime
import io
import json
import re
import zipfile
from unittest import mock

import frappe
import pytest

from tests.integration.factories import make_application, make_notice, make_unit
from tests.integration.rest import BASE_URL, require_server, session
from zhicheng_app.documents import tokens
from zhicheng_app.documents.catalogue import available_kinds
from zhicheng_app.documents.registry import get_spec
from zhicheng_app.services.documents import batch_jobs, contexts, files, paper_intake, verification
from zhicheng_app.services.documents.generation import generate

DEMO_PASSWORD = "Zhicheng@2024"
COMMITTEE = "zc.committee@example.com"  # Committee Office: prints applications and notices
EXPERT = "zc.expert@example.com"  # Review Expert: no access to applications
UNIT_HR = "zc.unit.hr@example.com"  # not a paper intake role; reads notices without printing them
DEMO_ID = "652901198503121010"  # 张伟, Directed Evaluation under notice 000


def _body_text(docx: bytes) -> str:
	with zipfile.ZipFile(io.BytesIO(docx)) as zf:
		xml = zf.read("word/document.xml").decode("utf-8")
	return re.sub(r"<[^>]+>", "", xml)


def _file_bytes(file_url: str) -> bytes:
	return files.file_content(file_url)


def _application(**kw):
	unit = make_unit(unit_name=f"阿克苏测试单位{frappe.generate_hash(length=6)}", phone="0997-2123456")
	defaults = {
		"applicant_name": "欧阳明华",
		"ethnicity": "汉族",
		"political_status": "CPC Member",
		"first_work_date": "2010-07-01",
		"education": [
			{
				"education": "Bachelor",
				"school": "新疆大学",
				"major": "土木工程",
				"graduation_date": "2010-06-30",
				"degree": "Bachelor Degree",
			}
		],
		"work_history": [
			{
				"start_date": "2010-07-01",
				"end_date": "2015-12-31",
				"unit_name": "阿克苏某公司",
				"position": "技术员",
			},
			{"start_date": "2016-01-01", "unit_name": "阿克苏测试单位", "position": "工程师"},
		],
		"assessments": [{"year": 2022, "result": "Excellent"}, {"year": 2023, "result": "Competent"}],
	}
	return make_application(unit=unit, **{**defaults, **kw})


# ----------------------------------------------------------------- contexts


def test_application_context_maps_the_record_to_template_variables():
	app = _application()
	ctx = contexts.application_context(app)
	assert ctx["application_no"] == app.name
	assert ctx["applicant_name"] == ctx["name"] == "欧阳明华"
	assert ctx["gender"] == {"Male": "男", "Female": "女"}[app.gender]  # derived from the ID number
	assert ctx["political_status"] == "中共党员"
	assert ctx["series"] == "工程" and ctx["profession"] == "建筑"  # the templates add 系列 / 专业
	assert ctx["unit_name"] == frappe.db.get_value("Employer Unit", app.employer_unit, "unit_name")
	assert ctx["supervision_phone"] == "0997-2123456"
	assert ctx["education"] == "大学本科" and ctx["degree"] == "学士学位"
	assert ctx["graduation_text"] == "2010年6月毕业于新疆大学土木工程专业"
	assert ctx["work_start"] == "2010-07"
	assert ctx["work_history_text"].splitlines() == [
		"2010.07—2015.12 阿克苏某公司 技术员",
		"2016.01至今 阿克苏测试单位 工程师",
	]
	assert ctx["appraisal_text"] == "2022年优秀，2023年合格（称职）"
	assert [y["year"] for y in ctx["years"]] == ["2022年", "2023年"]
	assert ctx["political_conditions_text"] == ""  # no field yet: a gap filled by hand


def test_available_kinds_follow_the_route():
	app = _application()
	kinds = [k["kind"] for k in available_kinds("Title Application", app)]
	assert "unit_publicity_001" in kinds and "publicity_002" not in kinds
	assert "exemption_form" not in kinds
	app.db_set("ce_exemption", 1)
	app.reload()
	assert "exemption_form" in [k["kind"] for k in available_kinds("Title Application", app)]
	grant = _application(route="Grant by Degree", target_level="Intermediate")
	assert [k["kind"] for k in available_kinds("Title Application", grant)] == ["grant_report_form"]


def _publicity_result_material(annex: str = "") -> list[dict]:
	"""The notice's checklist row of the unit's 公示结果, with the annex giving its template."""
	return [{"code": "publicity_result", "label": "公示结果", "provided_by_unit": 1, "template_annex": annex}]


def test_a_000_application_gets_its_units_publicity_result_and_a_001_one_none():
	from zhicheng_app.services.documents import unit_documents

	notice_000 = make_notice(materials=_publicity_result_material("附件1"))  # 推荐单位公示及公示结果
	notice_001 = make_notice(materials=_publicity_result_material())  # asks for it, gives no template
	app = _application(notice=notice_000, publicity_start="2024-08-01", publicity_end="2024-08-07")
	other = _application(notice=notice_001)
	assert "publicity_result_000" in [k["kind"] for k in contexts.offered_kinds(app)]
	assert "publicity_result_000" not in [k["kind"] for k in contexts.offered_kinds(other)]

	made = unit_documents.generate_for_applications("publicity_result", [app.name])
	assert [m.kind for m in made] == ["publicity_result_000"]
	body = _body_text(made[0].content)
	unit_name = frappe.db.get_value("Employer Unit", app.employer_unit, "unit_name")
	assert "推荐单位公示结果" in body and f"{unit_name}（公章）" in body
	assert "欧阳明华同志申报材料已在本单位公示5个工作日" in body  # 2024-08-01 Thu to 08-07 Wed
	assert "同意推荐欧阳明华同志申报工程系列建筑专业中级专业技术任职资格" in body
	assert f"申报编号：{app.name}" in body

	with pytest.raises(frappe.ValidationError, match="公示结果"):
		unit_documents.generate_for_applications("publicity_result", [other.name])
	with pytest.raises(frappe.ValidationError):
		generate("publicity_result_000", "Title Application", other.name)
	assert not frappe.db.exists(
		"Generated Document", {"reference_name": other.name, "kind": "publicity_result_000"}
	)


# ----------------------------------------------------------------- generation


def test_generation_is_recorded_and_attached_privately():
	app = _application()
	with pytest.raises(frappe.PermissionError, match="接收"):  # the 评审表 once accepted
		generate("qualification_review_form", "Title Application", app.name)
	app.db_set("workflow_state", "Accepted")
	made = generate("qualification_review_form", "Title Application", app.name)
	record = frappe.get_doc("Generated Document", made.name)
	assert (record.kind, record.reference_doctype, record.reference_name) == (
		"qualification_review_form",
		"Title Application",
		app.name,
	)
	assert record.version == 1 and not record.superseded
	assert record.generated_by == "Administrator" and record.generated_at
	assert record.subject == "欧阳**" and record.subject_id.startswith(app.id_number[:6])
	assert app.id_number not in (record.subject_id or "")
	files = frappe.get_all(
		"File",
		filters={"file_url": record.file},
		fields=["is_private", "attached_to_doctype", "attached_to_name"],
	)
	assert files == [
		{"is_private": 1, "attached_to_doctype": "Title Application", "attached_to_name": app.name}
	]
	content = _file_bytes(record.file)
	import hashlib

	assert record.content_hash == hashlib.sha256(content).hexdigest()
	text = _body_text(content)
	assert "欧阳明华" in text and app.name in text  # barcode_text printed under the Code128
	payload = tokens.verify_token(verification.signing_secret(), record.token)
	assert payload == tokens.TokenPayload(made.name, "qualification_review_form", 1)


def test_a_new_generation_supersedes_the_older_one():
	app = _application()
	first = generate("commitment", "Title Application", app.name)
	again = generate("commitment", "Title Application", app.name)  # the same data: the same document
	assert (again.name, again.version, again.token) == (first.name, 1, first.token)
	assert not frappe.db.get_value("Generated Document", first.name, "superseded")
	app.db_set("applicant_name", "欧阳明辉")
	second = generate("commitment", "Title Application", app.name)
	assert (first.version, second.version) == (1, 2)
	old = frappe.db.get_value("Generated Document", first.name, ["superseded", "superseded_by"], as_dict=True)
	assert old.superseded == 1 and old.superseded_by == second.name
	assert verification.verify(first.token).status == "superseded"
	current = verification.verify(second.token)
	assert current.status == "valid" and current.version == 2 and current.latest_version == 2
	# another kind of the same record keeps its own numbering
	app.db_set("workflow_state", "Accepted")
	assert generate("qualification_review_form", "Title Application", app.name).version == 1


def test_the_pdf_of_a_printed_docx_is_the_same_version():
	app = _application()
	docx = generate("commitment", "Title Application", app.name)
	try:
		pdf = generate("commitment", "Title Application", app.name, "pdf")
	except frappe.ValidationError as exc:
		pytest.skip(f"no LibreOffice on this machine: {exc}")
	assert (pdf.name, pdf.version, pdf.token) == (docx.name, 1, docx.token) and pdf.content[:4] == b"%PDF"
	assert verification.verify(docx.token).status == "valid"
	assert frappe.db.count("Generated Document", {"reference_name": app.name, "kind": "commitment"}) == 1


def test_verify_rejects_altered_forged_and_unknown_tokens():
	app = _application()
	made = generate("commitment", "Title Application", app.name)
	assert verification.verify(made.token).status == "valid"
	payload, mac = made.token.split(".")
	altered = payload + "." + ("A" if mac[0] != "A" else "B") + mac[1:]
	forged = tokens.sign_token("another-secret", made.name, "commitment", 1)
	wrong_version = tokens.sign_token(verification.signing_secret(), made.name, "commitment", 7)
	unknown = tokens.sign_token(verification.signing_secret(), "nosuchrecord", "commitment", 1)
	for token in (altered, forged, wrong_version, unknown, "", None, "garbage"):
		result = verification.verify(token)
		assert result.status == "invalid" and result.subject == "" and result.issuer == ""


def test_batch_kinds_are_not_generated_from_an_application():
	app = _application()
	with pytest.raises(frappe.ValidationError):
		generate("qualification_document", "Title Application", app.name)
	with pytest.raises(frappe.ValidationError):
		generate("no_such_kind", "Title Application", app.name)


def test_download_needs_print_permission():
	notice = make_notice()
	frappe.set_user(UNIT_HR)  # reads notices, may not print them
	assert frappe.has_permission("Title Notice", "read", notice.name)
	before = frappe.db.count("Generated Document")
	with pytest.raises(frappe.PermissionError) as raised:
		generate("qualification_document", "Title Notice", notice.name)
	assert "没有打印" in str(raised.value)
	with pytest.raises(frappe.PermissionError):
		batch_jobs.enqueue_batch("qualification_document", notice.name)
	frappe.set_user("Administrator")
	assert frappe.db.count("Generated Document") == before


def test_pdf_without_libreoffice_says_so_and_stores_nothing(monkeypatch):
	app = _application()
	monkeypatch.setenv("ZHICHENG_SOFFICE", "/nonexistent/soffice")
	monkeypatch.delenv("ZHICHENG_UNOSERVER", raising=False)
	before = frappe.db.count("Generated Document")
	with pytest.raises(frappe.ValidationError) as raised:
		generate("commitment", "Title Application", app.name, "pdf")
	assert "LibreOffice" in str(raised.value) and ".docx" in str(raised.value)
	assert frappe.db.count("Generated Document") == before
	# the .docx still works
	assert generate("commitment", "Title Application", app.name, "docx").content[:2] == b"PK"


def test_pdf_through_libreoffice():
	from zhicheng_app.documents.pdf import pdf_available

	if not pdf_available():
		pytest.skip("LibreOffice is not installed on this machine")
	app = _application()
	made = generate("commitment", "Title Application", app.name, "pdf")
	assert made.content.startswith(b"%PDF")
	assert frappe.db.get_value("Generated Document", made.name, "file_format") == "pdf"


# ----------------------------------------------------------------- templates


def _template_upload(kind: str, replace: tuple[str, str] | None = None) -> str:
	"""The shipped template of ``kind``, optionally with one piece of document.xml replaced."""
	with open(get_spec(kind).path, "rb") as f:
		data = f.read()
	if replace:
		src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
		with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
			for item in src.infolist():
				payload = src.read(item.filename)
				if item.filename == "word/document.xml":
					text = payload.decode("utf-8")
					assert replace[0] in text
					payload = text.replace(replace[0], replace[1], 1).encode("utf-8")
				zf.writestr(item, payload)
		data = out.getvalue()
	file = frappe.get_doc(
		{"doctype": "File", "file_name": f"{kind}-upload.docx", "is_private": 1, "content": data}
	).insert(ignore_permissions=True)
	return file.file_url


def round_trip_document_template():
	"""Round trip of the Document Template DocType (used by test_foundation.ROUND_TRIPS)."""
	frappe.db.delete("Document Template", {"kind": "commitment"})
	values = {"kind": "commitment", "template_file": _template_upload("commitment"), "enabled": 0}
	doc = frappe.get_doc({"doctype": "Document Template", **values}).insert(ignore_permissions=True)
	return doc, {"kind": "commitment", "enabled": 0}


def round_trip_generated_document():
	"""Round trip of the Generated Document DocType (used by test_foundation.ROUND_TRIPS)."""
	app = make_application()
	made = generate("commitment", "Title Application", app.name)
	doc = frappe.get_doc("Generated Document", made.name)
	return doc, {"kind": "commitment", "reference_name": app.name, "version": 1}


def test_an_uploaded_template_is_validated_and_used():
	frappe.db.delete("Document Template", {"kind": "commitment"})
	marker = "本人郑重承诺（自定义模板）"
	url = _template_upload("commitment", ("本人承诺以上填报的内容", marker + "本人承诺以上填报的内容"))
	doc = frappe.get_doc(
		{"doctype": "Document Template", "kind": "commitment", "template_file": url}
	).insert()
	assert doc.validated_at and "doc_date" in doc.variables
	sample = frappe.db.get_value("Document Template", doc.name, "sample_file")
	assert sample and marker in _body_text(_file_bytes(sample))
	app = _application()
	made = generate("commitment", "Title Application", app.name)
	assert marker in _body_text(made.content)
	doc.db_set("enabled", 0)
	again = generate("commitment", "Title Application", app.name)
	assert marker not in _body_text(again.content)


def test_a_template_with_unknown_variables_is_refused_with_them_listed():
	frappe.db.delete("Document Template", {"kind": "commitment"})
	url = _template_upload("commitment", ("{{ barcode_text }}", "{{ barcode_text }}{{ secret_salary }}"))
	with pytest.raises(frappe.ValidationError) as raised:
		frappe.get_doc({"doctype": "Document Template", "kind": "commitment", "template_file": url}).insert()
	assert "secret_salary" in str(raised.value)
	assert not frappe.db.exists("Document Template", "commitment")


def test_a_template_escaping_the_sandbox_is_refused():
	frappe.db.delete("Document Template", {"kind": "commitment"})
	attack = "{{ barcode_text.__class__.__mro__[1].__subclasses__() }}"
	url = _template_upload("commitment", ("{{ barcode_text }}", attack))
	with pytest.raises(frappe.ValidationError) as raised:
		frappe.get_doc({"doctype": "Document Template", "kind": "commitment", "template_file": url}).insert()
	assert "禁止" in str(raised.value) or "forbidden" in str(raised.value).lower()


# ----------------------------------------------------------------- paper intake


def _paper_notice(start, end):
	return make_notice(
		windows=[
			{"kind": "Application", "start": "2024-07-22 00:00:00", "end": "2024-08-30 18:00:00"},
			{"kind": "Paper Submission", "start": start, "end": end},
		]
	)


def test_paper_intake_marks_received_once_and_moves_the_workflow(monkeypatch):
	notice = _paper_notice("2024-09-01 00:00:00", "2024-09-10 23:59:59")
	app = _application(notice=notice)
	app.db_set("workflow_state", "Accepted")
	inside = datetime.datetime(2024, 9, 5, 10, 0)
	monkeypatch.setitem(frappe.flags, "zhicheng_now", inside)  # the campaign clock, for the workflow too
	frappe.set_user(COMMITTEE)
	first = paper_intake.receive_paper(f"  {app.name.lower()}\n")
	assert first["status"] == "received" and first["application"] == app.name
	assert first["status_label"] == "已接收" and "纸质材料" in first["message"]
	row = frappe.db.get_value(
		"Title Application",
		app.name,
		["paper_received_at", "paper_received_by", "workflow_state"],
		as_dict=True,
	)
	assert row.paper_received_by == COMMITTEE and row.paper_received_at == inside
	assert row.workflow_state == "Paper Received"
	second = paper_intake.receive_paper(app.name)
	assert second["status"] == "already_received" and "请勿重复登记" in second["message"]
	assert frappe.db.get_value("Title Application", app.name, "paper_received_at") == row.paper_received_at


def test_paper_intake_refuses_files_not_accepted_outside_the_window_and_unknown_codes(monkeypatch):
	notice = _paper_notice("2024-09-01 00:00:00", "2024-09-10 23:59:59")
	app = _application(notice=notice)
	inside = datetime.datetime(2024, 9, 5, 10, 0)
	draft = paper_intake.receive_paper(app.name, now=inside)
	assert draft["status"] == "not_accepted" and "尚未经评审委员会网上接收" in draft["message"]
	assert not frappe.db.get_value("Title Application", app.name, "paper_received_at")
	app.db_set("workflow_state", "Accepted")
	late = paper_intake.receive_paper(app.name, now=datetime.datetime(2024, 9, 11, 0, 0, 1))
	assert late["status"] == "outside_window" and "不在纸质材料报送时间内" in late["message"]
	# an aware time is compared in Asia/Shanghai: 2024-09-10 16:00 UTC is 09-11 00:00 there
	utc = datetime.datetime(2024, 9, 10, 16, 0, 1, tzinfo=datetime.timezone.utc)
	assert paper_intake.receive_paper(app.name, now=utc)["status"] == "outside_window"
	assert not frappe.db.get_value("Title Application", app.name, "paper_received_at")
	unknown = paper_intake.receive_paper("ZC-1999-99999")
	assert unknown["status"] == "unknown" and "ZC-1999-99999" in unknown["message"]
	assert paper_intake.receive_paper("")["status"] == "unknown"
	last_minute = datetime.datetime(2024, 9, 10, 23, 59)
	monkeypatch.setitem(frappe.flags, "zhicheng_now", last_minute)
	ok = paper_intake.receive_paper(app.name, now=last_minute)
	assert ok["status"] == "received"
	assert frappe.db.get_value("Title Application", app.name, "workflow_state") == "Paper Received"


def test_paper_intake_is_for_the_intake_roles_only():
	app = _application()
	frappe.set_user(UNIT_HR)
	with pytest.raises(frappe.PermissionError):
		paper_intake.receive_paper(app.name)


# ----------------------------------------------------------------- batch jobs


@pytest.fixture
def progress():
	calls = []
	with mock.patch.object(frappe, "publish_progress", side_effect=lambda *a, **kw: calls.append((a, kw))):
		with mock.patch.object(frappe, "publish_realtime"):
			yield calls


def _percents(calls):
	return [a[0] if a else kw["percent"] for a, kw in calls]


def test_publicity_report_job_reports_progress_and_attaches_its_file(progress):
	notice = make_notice(title="关于开展2024年职称授予、初定工作的通知", doc_no="阿地人社传〔2024〕6号")
	unit = make_unit(unit_name=f"阿克苏市第一中学{frappe.generate_hash(length=4)}")
	apps = [
		make_application(
			unit, notice, route="Initial Junior", target_level="Assistant", applicant_name="李明"
		),
		make_application(
			unit, notice, route="Grant by Degree", target_level="Intermediate", applicant_name="王芳"
		),
		make_application(
			unit, notice, route="Grant by Degree", target_level="Intermediate", applicant_name="草稿"
		),
	]
	for app in apps[:2]:  # through the bureau's review (阿地人社传〔2024〕6号 附件4: 通过审核人员)
		app.db_set("workflow_state", "Unit Results Publicity")
	result = batch_jobs.run_batch("publicity_report", notice.name)
	percents = _percents(progress)
	assert percents == sorted(percents) and percents[-1] == 100 and len(percents) >= 3
	assert all(
		kw.get("doctype") == "Title Notice" and kw.get("docname") == notice.name for _a, kw in progress
	)
	file = frappe.get_doc("File", {"file_url": result["file_url"]})
	# a notice's documents are attached to their Generated Document, which only the bureaus read
	assert file.is_private and (file.attached_to_doctype, file.attached_to_name) == (
		"Generated Document",
		result["documents"][0],
	)
	text = _body_text(_file_bytes(result["file_url"]))
	assert "李明" in text and "王芳" in text and "草稿" not in text  # a draft has not passed review
	assert f"{unit.unit_name}严格履行" in text  # the unit reports (a 地直 unit), not a blank
	subject = frappe.db.get_value("Generated Document", result["documents"][0], "subject")
	assert subject == "王*等2人"  # the roster lists grants first


def test_unit_publicity_job_bundles_every_publicity_notice_of_the_unit(progress):
	notice = make_notice()
	unit = make_unit()
	directed = make_application(unit, notice, applicant_name="张三")
	make_application(unit, notice, route="Initial Junior", target_level="Assistant", applicant_name="李四")
	make_application(unit, notice, route="Initial Junior", target_level="Assistant", applicant_name="王五")
	result = batch_jobs.run_batch("unit_publicity", unit.name, notice.name)
	assert len(result["documents"]) == 2  # one per-person notice, one batch notice of two
	assert _percents(progress)[-1] == 100
	file = frappe.get_doc("File", {"file_url": result["file_url"]})
	assert file.is_private and file.attached_to_name == unit.name and file.file_name.endswith(".zip")
	with zipfile.ZipFile(io.BytesIO(_file_bytes(result["file_url"]))) as zf:
		texts = [_body_text(zf.read(n)) for n in zf.namelist()]
	assert any("张三" in t and "李四" not in t for t in texts)
	assert any("李四" in t and "王五" in t for t in texts)
	assert frappe.db.exists("File", {"attached_to_name": directed.name, "is_private": 1})


def test_unit_publicity_job_skips_an_application_it_cannot_render_and_logs_it(progress):
	notice = make_notice()
	unit = make_unit()
	good = make_application(unit, notice, applicant_name="张三")
	bad = make_application(unit, notice, applicant_name="李四")
	real_generate = batch_jobs.generate

	def failing_for_bad(kind, doctype, name, *args, **kwargs):
		if name == bad.name:
			raise RuntimeError("template broken for this record")
		return real_generate(kind, doctype, name, *args, **kwargs)

	# the Error Log survives a rollback, and a rolled-back application's number comes back
	earlier = set(frappe.get_all("Error Log", filters={"reference_name": bad.name}, pluck="name"))
	with mock.patch.object(batch_jobs, "generate", side_effect=failing_for_bad):
		result = batch_jobs.run_batch("unit_publicity", unit.name, notice.name)
	logs = set(frappe.get_all("Error Log", filters={"reference_name": bad.name}, pluck="name")) - earlier
	frappe.db.delete("Error Log", {"name": ("in", list(logs) or [""])})
	assert result["skipped"] == [bad.name] and len(result["documents"]) == 1
	assert frappe.db.get_value("Generated Document", result["documents"][0], "reference_name") == good.name
	assert len(logs) == 1


def test_a_failing_batch_job_tells_its_user_why_in_chinese():
	notice = make_notice()
	with (
		mock.patch.object(frappe, "publish_progress"),
		mock.patch.object(frappe, "publish_realtime") as realtime,
		mock.patch.object(batch_jobs, "notice_reports", side_effect=RuntimeError("worker broke")),
	):
		with pytest.raises(RuntimeError):
			batch_jobs.run_batch("publicity_report", notice.name)
	event, data = realtime.call_args.args[:2]
	assert event == "zhicheng_batch_failed" and data["name"] == notice.name
	assert "文书未能生成" in data["message"] and "worker" not in data["message"]
	logs = frappe.get_all("Error Log", filters={"reference_name": notice.name}, pluck="name")
	assert len(logs) == 1
	frappe.db.delete("Error Log", {"name": ("in", logs)})
	with (
		mock.patch.object(frappe, "publish_progress"),
		mock.patch.object(frappe, "publish_realtime") as realtime,
	):
		with pytest.raises(frappe.ValidationError):  # nothing to report: the refusal itself is shown
			batch_jobs.run_batch("publicity_report", notice.name)
	assert "没有" in realtime.call_args.args[1]["message"]


def test_qualification_document_job_lists_the_certified_applications(progress):
	notice = make_notice(issuer="阿克苏地区人力资源和社会保障局")
	unit = make_unit()
	passed = make_application(unit, notice, applicant_name="通过者")
	failed = make_application(unit, notice, applicant_name="未通过者")
	passed.db_set("workflow_state", "Certified")  # certified after the results publicity
	failed.db_set("evaluation_result", "Passed")  # a field alone does not put anyone on the list
	result = batch_jobs.run_batch("qualification_document", notice.name, doc_no="阿地人社发〔2024〕1号")
	text = _body_text(_file_bytes(result["file_url"]))
	assert "通过者" in text and "未通过者" not in text and "阿克苏地区人力资源和社会保障局" in text
	record = frappe.get_doc("Generated Document", result["documents"][0])
	assert record.issuer == "阿克苏地区人力资源和社会保障局" and record.reference_name == notice.name
	assert "阿地人社发〔2024〕1号" in text
	assert _percents(progress)[-1] == 100


def test_start_batch_queues_on_the_long_queue():
	notice = make_notice()
	with mock.patch.object(frappe, "enqueue") as enqueue:
		batch_jobs.enqueue_batch("publicity_report", notice.name)
	args, kwargs = enqueue.call_args
	assert args[0] == "zhicheng_app.services.documents.batch_jobs.run_batch"
	assert kwargs["queue"] == "long" and kwargs["job"] == "publicity_report" and kwargs["name"] == notice.name


# ----------------------------------------------------------------- over HTTP


def _session(email=None):
	return session(email, DEMO_PASSWORD if email else None)


@pytest.fixture(scope="module")
def committed(frappe_site):
	"""Two committed generations of a demo application (v1 superseded by v2); removed afterwards."""
	require_server()
	frappe.set_user("Administrator")
	app = frappe.db.get_value("Title Application", {"id_number": DEMO_ID}, "name")
	if not app:
		pytest.skip("the demo data is not loaded (bench execute zhicheng_app.demo.load)")
	before = set(frappe.get_all("Generated Document", pluck="name"))
	state = frappe.db.get_value("Title Application", app, "workflow_state")
	frappe.db.set_value("Title Application", app, "workflow_state", "Accepted")  # 评审表 downloads
	v1 = generate("commitment", "Title Application", app)
	changed = {
		**contexts.application_context(frappe.get_doc("Title Application", app)),
		"doc_date": "2024-08-02",
	}
	v2 = generate("commitment", "Title Application", app, context=changed)  # new data: a new version
	frappe.db.commit()
	yield {"app": app, "v1": v1, "v2": v2, "before": before}
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.db.set_value("Title Application", app, "workflow_state", state)
	for name in set(frappe.get_all("Generated Document", pluck="name")) - before:
		url = frappe.db.get_value("Generated Document", name, "file")
		frappe.delete_doc("Generated Document", name, ignore_permissions=True, force=True)
		file = frappe.db.get_value("File", {"file_url": url})
		if file:
			frappe.delete_doc("File", file, ignore_permissions=True, force=True)
	frappe.db.commit()


def _verify_page(token):
	r = _session().get(f"{BASE_URL}/verify", params={"t": token} if token is not None else None, timeout=30)
	assert r.status_code == 200, r.text[:500]
	return r.text


def test_verify_page_as_guest(committed):
	demo_name = frappe.db.get_value("Title Application", committed["app"], ["applicant_name", "id_number"])
	valid = _verify_page(committed["v2"].token)
	assert 'data-status="valid"' in valid and "个人承诺书" in valid and "张*" in valid
	assert demo_name[0] not in valid and demo_name[1] not in valid
	superseded = _verify_page(committed["v1"].token)
	assert 'data-status="superseded"' in superseded and "已被新版本替代" in superseded
	payload, mac = committed["v2"].token.split(".")
	altered = _verify_page(payload[:-1] + ("A" if payload[-1] != "A" else "B") + "." + mac)
	assert 'data-status="invalid"' in altered and "张*" not in altered and "个人承诺书" not in altered


def test_rest_download_with_and_without_print_permission(committed):
	url = f"{BASE_URL}/api/method/zhicheng_app.api.documents.download"
	args = {"kind": "qualification_review_form", "doctype": "Title Application", "name": committed["app"]}
	ok = _session(COMMITTEE).post(url, data=args, timeout=60)
	assert ok.status_code == 200, ok.text[:500]
	assert ok.content[:2] == b"PK" and committed["app"] in _body_text(ok.content)
	assert "attachment" in ok.headers.get("Content-Disposition", "")
	denied = _session(EXPERT).post(url, data=args, timeout=60)
	assert denied.status_code == 403
	notice = frappe.db.get_value("Title Application", committed["app"], "notice")
	no_print = _session(UNIT_HR).post(  # reads notices, may not print them
		url, data={"kind": "qualification_document", "doctype": "Title Notice", "name": notice}, timeout=60
	)
	body = no_print.json()
	messages = json.loads(body.get("_server_messages") or "[]")
	assert no_print.status_code == 403 and any("没有打印" in json.loads(m)["message"] for m in messages)
	assert _session(COMMITTEE).get(url, params=args, timeout=60).status_code in (403, 405)


def test_the_paper_intake_page_is_for_the_intake_roles():
	from frappe.desk.desk_page import get as get_page

	frappe.set_user(COMMITTEE)
	page = get_page("paper-intake")
	assert "zhicheng_app.api.documents.receive_paper" in page.script
	frappe.set_user(UNIT_HR)
	with pytest.raises(frappe.PermissionError):
		get_page("paper-intake")
