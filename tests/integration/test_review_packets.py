"""Review packets: built when the committee accepts an application, anonymous, and read through
REST only by the experts of a meeting that has them on its agenda (their redacted files too)."""

import json
import re

import frappe
import pytest

from tests.integration.meeting_support import meeting, remove_sitting, under_evaluation, world
from tests.integration.rest import BASE_URL, require_server, session
from tests.integration.workflow_support import (
	act,
	actors,  # noqa: F401  (fixture)
	chain_notice,
	frozen_clock,  # noqa: F401  (fixture)
	make_chain_application,
	publicise,
	state,
)
from zhicheng_app.services import review_packets
from zhicheng_app.services.documents.files import save_private_file

PASSWORD = "Integration-Test-2024!"
REDACTED_BYTES = b"redacted scan " + frappe.generate_hash().encode()
RUN = frappe.generate_hash().encode()
CODE = re.compile(r"^P-\d{4}-[A-Z2-9]{6}$")


def _secrets(app) -> list[str]:
	values = [app.name, app.applicant_name, app.id_number, app.employer_unit, app.supervising_unit]
	values += [row.file for row in app.attachments]
	return [v for v in values if v]


def _packet_text(name: str) -> str:
	doc = frappe.get_doc("Review Packet", name)
	return json.dumps(doc.as_dict(), default=str, ensure_ascii=False)


@pytest.mark.usefixtures("frozen_clock")
def test_the_committees_acceptance_queues_an_anonymous_packet(actors, monkeypatch):  # noqa: F811
	notice = chain_notice("000")
	doc = make_chain_application(
		actors,
		notice,
		"prefecture",
		"Directed Evaluation",
		"Intermediate",
		first_work_date="2012-07-01",
		current_title="工程系列-助理工程师",
		current_title_date="2019-12-01",
		personal_summary="流程测试在本单位负责道路设计，手机13912345678。",
	)
	act(actors["applicant"], doc.name, "Submit")
	publicise(actors, doc.name)
	act(actors["hr"], doc.name, "Recommend")
	assert state(doc.name) == "Committee Review"
	queued = []
	real = frappe.enqueue
	monkeypatch.setattr(
		frappe,
		"enqueue",
		lambda method, **kw: (
			queued.append((method, kw)) if method == review_packets.BUILD_ONE else real(method, **kw)
		),
	)
	act(actors["committee"], doc.name, "Accept")
	assert state(doc.name) == "Accepted"
	assert [(m, kw["application"], kw["enqueue_after_commit"]) for m, kw in queued] == [
		(review_packets.BUILD_ONE, doc.name, True)
	]
	# the job
	packet = review_packets.build_packet(doc.name)
	assert CODE.match(packet) and doc.name not in packet
	app = frappe.get_doc("Title Application", doc.name)
	text = _packet_text(packet)
	leaks = [s for s in [*_secrets(app), "13912345678"] if s in text]
	assert leaks == []
	stored = frappe.get_doc("Review Packet", packet)
	assert (stored.route, stored.series, stored.target_level) == (
		"Directed Evaluation",
		"工程系列",
		"Intermediate",
	)
	assert stored.years_in_current_title >= 4 and stored.years_of_work >= 11
	assert "×××" in stored.personal_summary and "道路设计" in stored.personal_summary
	assert review_packets.application_of(packet) == doc.name
	# stable: a rebuild keeps the code
	assert review_packets.build_packet(doc.name) == packet
	assert frappe.db.count("Review Packet Source", {"application": doc.name}) == 1


def test_packets_carry_only_the_redacted_copies_under_neutral_names(monkeypatch):
	w = world(experts=1)
	app = under_evaluation(w["notice"], w["unit"])
	original = save_private_file(
		b"original scan " + RUN, f"{app.applicant_name}-学历证书.png", "Title Application", app.name
	)
	redacted = save_private_file(
		REDACTED_BYTES, f"{app.applicant_name}-学历证书-遮盖.png", "Title Application", app.name
	)
	app.append(
		"attachments",
		{
			"material_code": "education",
			"description": f"{app.applicant_name}学历证书",
			"file": original.file_url,
		},
	)
	app.db_update_all()
	row = frappe.get_doc("Title Application", app.name).attachments[0].name
	from zhicheng_app.services import masking

	monkeypatch.setattr(
		masking,
		"confirmed_redactions",
		lambda application: [
			{"material_code": "education", "redacted_file": redacted.file_url, "attachment_row": row}
		],
	)
	packet = review_packets.build_packet(app.name)
	doc = frappe.get_doc("Review Packet", packet)
	assert len(doc.materials) == 1
	material = doc.materials[0]
	assert material.file != redacted.file_url and material.file.startswith("/private/files/")
	assert app.applicant_name not in material.file and app.applicant_name not in (material.description or "")
	copy = frappe.get_doc("File", {"file_url": material.file})
	assert (
		copy.attached_to_doctype == "Review Packet"
		and copy.is_private
		and copy.get_content() in (REDACTED_BYTES, REDACTED_BYTES.decode())
	)
	assert original.file_url not in _packet_text(packet)
	# a rebuild (a redaction changed) replaces the copies
	review_packets.build_packet(app.name)
	assert frappe.db.count("File", {"attached_to_doctype": "Review Packet", "attached_to_name": packet}) == 1


# ---------------------------------------------------------------- REST, as the meeting's expert and an outsider
@pytest.fixture(scope="module")
def on_site(frappe_site):
	require_server()
	frappe.set_user("Administrator")
	w = world(experts=1)
	apps, packets, files = [], [], []
	for i in range(2):
		app = under_evaluation(
			w["notice"],
			w["unit"],
			achievements=[
				{"kind": "Achievement", "title": f"在{w['unit'].name}主持道路工程{i}", "witness": "证明人"}
			],
		)
		original = save_private_file(
			b"original %d " % i + RUN, f"orig-{i}.png", "Title Application", app.name
		)
		app.append(
			"attachments", {"material_code": "education", "description": "学历", "file": original.file_url}
		)
		app.db_update_all()
		app = frappe.get_doc("Title Application", app.name)
		packet = review_packets.build_packet(app.name)
		files.append(
			save_private_file(
				b"redacted %d " % i + RUN, f"{packet}-01-education.png", "Review Packet", packet
			).file_url
		)
		apps.append(app)
		packets.append(packet)
	expert = w["experts"][0]
	m = meeting(
		w["notice"].name,
		w["committee"],
		[{"expert": expert, "unit_name": "专家所在单位某研究院"}],
		packets[:1],
	)
	frappe.db.commit()
	secrets = sorted({s for a in apps for s in _secrets(a)} | {"专家所在单位某研究院"})
	yield {
		"world": w,
		"apps": apps,
		"packets": packets,
		"files": files,
		"meeting": m.name,
		"secrets": secrets,
	}
	remove_sitting([m.name], packets, [a.name for a in apps], w)


def _responses(s, site):
	packet, other = site["packets"]
	for doctype in (
		"Review Packet",
		"Review Packet Source",
		"Review Meeting",
		"Review Vote",
		"File",
		"Comment",
	):
		yield (
			f"list {doctype}",
			s.get(
				f"{BASE_URL}/api/resource/{doctype}",
				params={"fields": '["*"]', "limit_page_length": 500},
				timeout=30,
			),
		)
		yield (
			f"report {doctype}",
			s.post(
				f"{BASE_URL}/api/method/frappe.desk.reportview.get",
				data={"doctype": doctype, "fields": json.dumps([f"`tab{doctype}`.`name`"])},
				timeout=30,
			),
		)
		yield (
			f"search {doctype}",
			s.get(
				f"{BASE_URL}/api/method/frappe.desk.search.search_link",
				params={"doctype": doctype, "txt": ""},
				timeout=30,
			),
		)
	for name in (packet, other):
		yield f"get {name}", s.get(f"{BASE_URL}/api/resource/Review Packet/{name}", timeout=30)
		yield (
			f"getdoc {name}",
			s.get(
				f"{BASE_URL}/api/method/frappe.desk.form.load.getdoc",
				params={"doctype": "Review Packet", "name": name},
				timeout=30,
			),
		)
		yield f"source {name}", s.get(f"{BASE_URL}/api/resource/Review Packet Source/{name}", timeout=30)
	yield "meeting", s.get(f"{BASE_URL}/api/resource/Review Meeting/{site['meeting']}", timeout=30)
	yield (
		"getdoc meeting",
		s.get(
			f"{BASE_URL}/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "Review Meeting", "name": site["meeting"]},
			timeout=30,
		),
	)
	yield (
		"ballots",
		s.get(f"{BASE_URL}/api/method/zhicheng_app.services.review_meeting.my_ballots", timeout=30),
	)


def test_the_meetings_expert_reads_its_packet_and_nothing_that_names_the_applicant(on_site):
	s = session(on_site["world"]["experts"][0], PASSWORD)
	packet, other = on_site["packets"]
	hits, bodies = [], {}
	for what, response in _responses(s, on_site):
		assert response.status_code < 500, f"{what}: {response.status_code}"
		bodies[what] = response
		hits += [f"{what}: {v}" for v in on_site["secrets"] if v in response.text]
	assert hits == []
	listed = [r["name"] for r in bodies["list Review Packet"].json()["data"]]
	assert listed == [packet]
	assert bodies[f"get {packet}"].status_code == 200
	assert bodies[f"get {other}"].status_code == 403
	assert bodies[f"source {packet}"].status_code == 403
	assert bodies["meeting"].status_code == 200
	files = [r["file_url"] for r in bodies["list File"].json()["data"]]
	assert on_site["files"][0] in files and on_site["files"][1] not in files
	# the redacted copy downloads; the other packet's and the original do not
	assert s.get(f"{BASE_URL}{on_site['files'][0]}", timeout=30).content == b"redacted 0 " + RUN
	assert s.get(f"{BASE_URL}{on_site['files'][1]}", timeout=30).status_code == 403
	original = on_site["apps"][0].attachments[0].file
	assert s.get(f"{BASE_URL}{original}", timeout=30).status_code == 403


def test_an_expert_not_on_the_meeting_reads_nothing(on_site):
	s = session(on_site["world"]["outsider"], PASSWORD)
	packet, _other = on_site["packets"]
	bodies = dict(_responses(s, on_site))
	assert bodies["list Review Packet"].json()["data"] == []
	assert bodies["list Review Meeting"].json()["data"] == []
	assert bodies[f"get {packet}"].status_code == 403
	assert bodies["meeting"].status_code == 403
	assert s.get(f"{BASE_URL}{on_site['files'][0]}", timeout=30).status_code == 403
	assert [v for v in on_site["secrets"] if any(v in r.text for r in bodies.values())] == []
	# nor the rows of a packet's or a meeting's tables, listed or one by one
	for child, parent in (
		("Review Packet Achievement", "Review Packet"),
		("Review Meeting Expert", "Review Meeting"),
		("Review Meeting Packet", "Review Meeting"),
	):
		listed = s.get(
			f"{BASE_URL}/api/resource/{child}", params={"parent": parent, "fields": '["name"]'}, timeout=30
		)
		assert listed.status_code == 403 or listed.json()["data"] == [], child
		row = frappe.db.get_value(
			child, {"parenttype": parent, "parent": ("in", [packet, on_site["meeting"]])}
		)
		assert row, child
		assert s.get(f"{BASE_URL}/api/resource/{child}/{row}", timeout=30).status_code == 403, child


def test_the_committee_office_reads_the_mapping(on_site):
	s = session(on_site["world"]["office"], PASSWORD)
	packet, _other = on_site["packets"]
	body = s.get(f"{BASE_URL}/api/resource/Review Packet Source/{packet}", timeout=30)
	assert body.status_code == 200 and body.json()["data"]["application"] == on_site["apps"][0].name


def test_a_changed_redaction_queues_the_rebuild_of_its_packet(monkeypatch):
	w = world(experts=0)
	app = under_evaluation(w["notice"], w["unit"])
	other = under_evaluation(w["notice"], w["unit"])
	review_packets.build_packet(app.name)
	queued = []
	monkeypatch.setattr(
		frappe, "enqueue", lambda method, **kw: queued.append((method, kw.get("application")))
	)
	review_packets.on_redaction_update(frappe._dict(application=app.name))
	review_packets.on_redaction_update(frappe._dict(application=other.name))  # no packet yet: nothing
	assert queued == [(review_packets.BUILD_ONE, app.name)]
	assert "Material Redaction" in frappe.get_hooks("doc_events")
	hooked = frappe.get_hooks("doc_events")["Material Redaction"]["on_update"]
	assert "zhicheng_app.services.review_packets.on_redaction_update" in hooked


def test_the_notice_batch_builds_every_packet_with_progress(monkeypatch):
	w = world(experts=0)
	apps = [under_evaluation(w["notice"], w["unit"]) for _i in range(3)]
	frappe.db.set_value("Title Application", apps[2].name, "workflow_state", "Committee Review")
	steps = []
	monkeypatch.setattr(frappe, "publish_progress", lambda percent, **kw: steps.append(percent))
	monkeypatch.setattr(frappe.db, "commit", lambda: None)  # the test's transaction is rolled back
	result = review_packets.build_notice_packets(w["notice"].name)
	assert (result["built"], result["failed"], result["total"]) == (2, 0, 2)
	assert steps == [50, 100]
	assert review_packets.packet_of(apps[0].name) and not review_packets.packet_of(apps[2].name)
	# only a committee office (or an administrator) starts it
	frappe.set_user(w["outsider"])
	try:
		with pytest.raises(frappe.PermissionError):
			review_packets.start_notice_packets(w["notice"].name)
	finally:
		frappe.set_user("Administrator")
