"""The committee meeting: quorum, the two-thirds pass mark, recusal, the secret ballot, closing
through the workflow and the 评审表决结果 (《职称评审管理暂行规定》人社部令第40号)."""

import io

import frappe
import pytest
from docx import Document as Docx

from tests.integration.meeting_support import meeting, packet_of, under_evaluation, world
from zhicheng_app.services import review_meeting
from zhicheng_app.services.documents.files import file_content


def _vote(user, meeting_name, packet, vote, score=None):
	frappe.set_user(user)
	try:
		return review_meeting.cast_vote(meeting_name, packet, vote, score)
	finally:
		frappe.set_user("Administrator")


def _as(user, fn, *args):
	frappe.set_user(user)
	try:
		return fn(*args)
	finally:
		frappe.set_user("Administrator")


@pytest.fixture
def nine():
	"""Nine experts, six present; two applications under evaluation."""
	w = world(experts=9)
	apps = [under_evaluation(w["notice"], w["unit"]) for _i in range(2)]
	packets = [packet_of(a) for a in apps]
	experts = [
		{"expert": e, "attendance": "Present" if i < 6 else "Absent", "unit_name": f"专家单位{i}"}
		for i, e in enumerate(w["experts"])
	]
	m = meeting(w["notice"].name, w["committee"], experts, packets)
	return w, apps, packets, m


def test_nine_members_six_present_four_agree_passes_three_does_not(nine):
	w, apps, packets, m = nine
	_as(w["office"], review_meeting.open_meeting, m.name)
	present = w["experts"][:6]
	for i, e in enumerate(present):
		_vote(e, m.name, packets[0], "Agree" if i < 4 else "Disagree")
		_vote(e, m.name, packets[1], "Agree" if i < 3 else ("Disagree" if i < 5 else "Abstain"))
	# an absent expert does not vote
	with pytest.raises(frappe.ValidationError):
		_vote(w["experts"][7], m.name, packets[0], "Agree")
	result = _as(w["office"], review_meeting.close_meeting, m.name)
	assert (result["passed"], result["failed"]) == (1, 1)
	closed = frappe.get_doc("Review Meeting", m.name)
	assert closed.status == "Closed" and closed.closed_by == w["office"]
	rows = {r.packet: r for r in closed.agenda}
	assert (rows[packets[0]].voters, rows[packets[0]].agree, rows[packets[0]].disagree) == (6, 4, 2)
	assert rows[packets[0]].result == "Passed"
	assert (rows[packets[1]].agree, rows[packets[1]].disagree, rows[packets[1]].abstain) == (3, 2, 1)
	assert rows[packets[1]].result == "Failed"
	# through the workflow: Under Evaluation → Passed Publicity / Failed, with the result recorded
	first = frappe.get_doc("Title Application", apps[0].name)
	second = frappe.get_doc("Title Application", apps[1].name)
	assert (first.workflow_state, first.evaluation_result) == ("Passed Publicity", "Passed")
	assert (second.workflow_state, second.evaluation_result) == ("Failed", "Failed")
	# a closed meeting takes no more votes and no edits
	with pytest.raises(frappe.ValidationError):
		_vote(present[0], m.name, packets[0], "Disagree")


def test_tally_document_counts_match_and_name_no_voter(nine):
	w, _apps, packets, m = nine
	_as(w["office"], review_meeting.open_meeting, m.name)
	for i, e in enumerate(w["experts"][:6]):
		_vote(e, m.name, packets[0], "Agree" if i < 5 else "Abstain")
	_as(w["office"], review_meeting.close_meeting, m.name)
	closed = frappe.get_doc("Review Meeting", m.name)
	generated = frappe.get_doc("Generated Document", closed.tally_document)
	assert generated.reference_doctype == "Review Meeting" and generated.token
	text = "\n".join(
		cell.text
		for table in Docx(io.BytesIO(file_content(generated.file))).tables
		for row in table.rows
		for cell in row.cells
	)
	assert packets[0] in text and packets[1] in text
	tables = Docx(io.BytesIO(file_content(generated.file))).tables
	counts = next(t for t in tables if t.rows[0].cells[1].text == "材料包编号")
	row = next(r for r in counts.rows if r.cells[1].text == packets[0])
	cells = [c.text for c in row.cells]
	assert cells[4:10] == ["6", "5", "0", "1", "0", "通过"], cells
	unvoted = [c.text for c in next(r for r in counts.rows if r.cells[1].text == packets[1]).cells]
	assert unvoted[4:10] == ["6", "0", "0", "6", "0", "未通过"], unvoted
	for e in w["experts"]:
		assert e not in text


def test_quorum_missing_cannot_close(frappe_test_context):
	w = world(experts=3)
	app = under_evaluation(w["notice"], w["unit"])
	packet = packet_of(app)
	experts = [
		{"expert": e, "attendance": "Present" if i < 1 else "Absent"} for i, e in enumerate(w["experts"])
	]
	m = meeting(w["notice"].name, w["committee"], experts, [packet])
	_as(w["office"], review_meeting.open_meeting, m.name)
	with pytest.raises(frappe.ValidationError) as refused:
		_as(w["office"], review_meeting.close_meeting, m.name)
	assert "法定人数" in str(refused.value) or "出席" in str(refused.value)
	assert frappe.db.get_value("Review Meeting", m.name, "status") == "Open"
	assert frappe.db.get_value("Title Application", app.name, "workflow_state") == "Under Evaluation"


def test_an_expert_of_the_applicants_unit_or_its_supervising_unit_is_recused(frappe_test_context):
	w = world(experts=3)
	app = under_evaluation(w["notice"], w["unit"])
	packet = packet_of(app)
	own, supervising, other = w["experts"]
	m = meeting(
		w["notice"].name,
		w["committee"],
		[
			{"expert": own, "expert_unit": w["unit"].name},
			{"expert": supervising, "unit_name": w["supervising"].name},
			{"expert": other, "unit_name": "无关单位"},
		],
		[packet],
	)
	recusals = {(r.packet, r.expert): r.note for r in m.recusals}
	assert recusals == {(packet, own): "回避", (packet, supervising): "回避"}
	_as(w["office"], review_meeting.open_meeting, m.name)
	with pytest.raises(frappe.ValidationError):
		_vote(own, m.name, packet, "Agree")
	# the recused expert does not read the packet; the others do
	assert not frappe.has_permission("Review Packet", "read", packet, user=own)
	assert frappe.has_permission("Review Packet", "read", packet, user=other)
	ballots = _as(own, review_meeting.my_ballots, m.name)
	assert ballots == [{**ballots[0], "recused": True, "vote": None}] and set(ballots[0]) >= {
		"meeting",
		"packet",
		"recused",
	}
	# a recused expert is not a voter: 2 present and voting, one agrees → 1/1? no, 1 of 1 voter
	_vote(other, m.name, packet, "Agree")
	_as(w["office"], review_meeting.close_meeting, m.name)
	row = frappe.get_doc("Review Meeting", m.name).agenda[0]
	assert (row.voters, row.agree, row.recused, row.result) == (1, 1, 2, "Passed")


def test_votes_are_secret_and_an_outsider_reads_nothing(frappe_test_context):
	w = world(experts=3)
	app = under_evaluation(w["notice"], w["unit"])
	packet = packet_of(app)
	m = meeting(w["notice"].name, w["committee"], [{"expert": e} for e in w["experts"]], [packet])
	_as(w["office"], review_meeting.open_meeting, m.name)
	for e in w["experts"]:
		_vote(e, m.name, packet, "Agree")
	a = w["experts"][0]
	own = _as(a, frappe.get_list, "Review Vote", {}, ["expert", "vote"])
	assert [v.expert for v in own] == [a]
	assert len(frappe.get_all("Review Vote", filters={"meeting": m.name})) == 3
	# the administrator reads every vote (the audit), the committee office none
	assert frappe.has_permission("Review Vote", "read", user=w["admin"])
	assert not frappe.has_permission("Review Vote", "read", user=w["office"])
	assert len(_as(w["admin"], frappe.get_list, "Review Vote", {"meeting": m.name})) == 3
	# an expert does not read the units of the meeting's experts (permission level 1)
	expert_view = _as(a, frappe.get_doc, "Review Meeting", m.name)
	expert_view.apply_fieldlevel_read_permissions()
	assert all(not r.get("expert_unit") and not r.get("unit_name") for r in expert_view.experts)
	# an expert not on the meeting reads nothing of it
	outsider = w["outsider"]
	assert _as(outsider, frappe.get_list, "Review Packet") == []
	assert _as(outsider, frappe.get_list, "Review Meeting") == []
	assert _as(outsider, frappe.get_list, "Review Vote") == []
	assert not frappe.has_permission("Review Packet", "read", packet, user=outsider)
	assert not frappe.has_permission("Review Meeting", "read", m.name, user=outsider)
	with pytest.raises(frappe.PermissionError):
		_vote(outsider, m.name, packet, "Agree")
	# no expert reads the packet → application mapping
	assert not frappe.has_permission("Review Packet Source", "read", user=a)
	assert frappe.has_permission("Review Packet Source", "read", packet, user=w["office"])


def test_status_is_the_actions_and_fractions_are_checked(frappe_test_context):
	w = world(experts=1)
	app = under_evaluation(w["notice"], w["unit"])
	packet = packet_of(app)
	m = meeting(w["notice"].name, w["committee"], [{"expert": w["experts"][0]}], [packet])
	m.status = "Closed"
	m.closed_by = "Administrator"
	m.agenda[0].agree = 9
	m.agenda[0].result = "Passed"
	m.save(ignore_permissions=True)
	stored = frappe.get_doc("Review Meeting", m.name)
	assert (stored.status, stored.closed_by, stored.agenda[0].agree, stored.agenda[0].result) == (
		"Draft",
		None,
		0,
		None,
	)
	m.quorum_fraction = "3/2"
	with pytest.raises(frappe.ValidationError):
		m.save(ignore_permissions=True)
	with pytest.raises(frappe.PermissionError):
		_as(w["experts"][0], review_meeting.open_meeting, m.name)


def test_the_committee_office_finds_the_review_experts(frappe_test_context):
	w = world(experts=2)
	found = _as(w["office"], review_meeting.expert_query, "User", "", "name", 0, 500, {})
	names = {row[0] for row in found}
	assert set(w["experts"]) <= names and w["office"] not in names and w["admin"] not in names
	assert _as(w["experts"][0], review_meeting.expert_query, "User", "", "name", 0, 20, {}) == []
