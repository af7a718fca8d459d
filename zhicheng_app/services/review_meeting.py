"""The committee meeting (Review Meeting): its experts, agenda, recusals, secret ballot and close.

The rules (quorum, pass mark, recusal, tally) are ``rules.meeting``'s; this module applies them to
the stored records. Experts vote themselves (``cast_vote``) on the packets of the meetings they sit
on; a vote is a Review Vote that only its expert and the Title Administrator read. Closing the
meeting (the committee office) counts the ballots, writes each application's evaluation result
through the workflow (Under Evaluation → Pass / Fail) and makes the 评审表决结果 document, which
shows counts only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import flt, now_datetime

from zhicheng_app.i18n import _
from zhicheng_app.permissions import _permitted as permitted
from zhicheng_app.permissions import rows_of_parents
from zhicheng_app.roles import COMMITTEE_OFFICE, REVIEW_EXPERT
from zhicheng_app.rules import meeting as rules
from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.services.review_packets import (
	APPLICATION,
	PACKET,
	PACKET_STATES,
	application_of,
	is_unscoped,
)

MEETING = "Review Meeting"
VOTE = "Review Vote"
# the workflow actions that write the evaluation result (workflows/title_application_approval.json)
RESULT_ACTIONS = {rules.PacketResult.PASSED: "Pass", rules.PacketResult.FAILED: "Fail"}
TALLY_KIND = "review_vote_result"


# ---------------------------------------------------------------- the result through the workflow
@contextmanager
def decided_by_vote(meeting: str, results: dict[str, str]) -> Iterator[None]:
	"""While the meeting's count moves the applications: ``results`` maps an application to the
	result (rules.PacketResult) the ballot gave it; the workflow's Pass and Fail take only those
	(``check_result_transition``)."""
	previous = frappe.flags.meeting_results
	frappe.flags.meeting_results = {name: (meeting, result) for name, result in results.items()}
	try:
		yield
	finally:
		frappe.flags.meeting_results = previous


def check_result_transition(doc, result: str | None) -> None:
	"""``services.transitions`` on the way out of Under Evaluation: the evaluation result is the
	one the committee's secret ballot gave (a closing meeting's count, ``close_meeting``); a plain
	click of Pass or Fail is refused."""
	decided = (frappe.flags.meeting_results or {}).get(doc.name)
	if not decided or decided[1] != result:
		frappe.throw(
			_(
				"The evaluation result comes from the evaluation committee's (评审委员会) secret ballot: close its review meeting (评审会议) to record the result ({0})"
			).format(rules.REGULATION),
			title=_("Result without a meeting's vote"),
		)


# ---------------------------------------------------------------- the form
def validate_meeting(doc) -> None:
	before = doc.get_doc_before_save()
	stored = before.status if before else rules.MeetingStatus.DRAFT
	if not doc.flags.status_by_action:
		doc.status = stored
		_keep_server_values(doc, before)
	if before and stored == rules.MeetingStatus.CLOSED and not doc.flags.status_by_action:
		frappe.throw(_("A closed review meeting cannot be changed"), title=_("Meeting Closed"))
	for field, default in (("quorum_fraction", rules.DEFAULT_QUORUM), ("pass_fraction", rules.DEFAULT_PASS)):
		try:
			rules.parse_fraction(doc.get(field), default)
		except (ValueError, ZeroDivisionError):
			frappe.throw(
				_("{0} must be a fraction between 0 and 1, such as 2/3").format(_(doc.meta.get_label(field)))
			)
		doc.set(field, doc.get(field) or f"{default.numerator}/{default.denominator}")
	_check_experts(doc)
	_check_agenda(doc)
	doc.recusals = []
	for packet, expert in recusals(doc):
		doc.append("recusals", {"packet": packet, "expert": expert, "note": rules.RECUSAL_NOTE})


# what opening and closing write; a form or REST write keeps the stored values
SERVER_FIELDS = ("closed_at", "closed_by", "tally_document")
COUNT_FIELDS = ("voters", "agree", "disagree", "abstain", "recused", "average_score", "result")


def _keep_server_values(doc, before) -> None:
	for field in SERVER_FIELDS:
		doc.set(field, before.get(field) if before else None)
	counted = {row.packet: row for row in (before.agenda if before else [])}
	for row in doc.agenda:
		old = counted.get(row.packet)
		for field in COUNT_FIELDS:
			row.set(field, old.get(field) if old else None)


def _check_experts(doc) -> None:
	seen = set()
	for row in doc.experts:
		if row.expert in seen:
			frappe.throw(_("Row {0}: {1} is listed twice").format(row.idx, row.expert))
		seen.add(row.expert)
		if REVIEW_EXPERT not in frappe.get_roles(row.expert):
			frappe.throw(_("Row {0}: {1} is not a review expert").format(row.idx, row.expert))


def _check_agenda(doc) -> None:
	seen = set()
	for row in doc.agenda:
		if row.packet in seen:
			frappe.throw(_("Row {0}: packet {1} is on the agenda twice").format(row.idx, row.packet))
		seen.add(row.packet)
		if frappe.db.get_value(PACKET, row.packet, "notice") != doc.notice:
			frappe.throw(_("Row {0}: packet {1} is not of the meeting's notice").format(row.idx, row.packet))


def _applicant_units(packet: str) -> set[str]:
	application = application_of(packet)
	if not application:
		return set()
	units = frappe.db.get_value(APPLICATION, application, ["employer_unit", "supervising_unit"], as_dict=True)
	names = {units.employer_unit, units.supervising_unit} if units else set()
	for unit in list(names - {None}):
		names.add(frappe.db.get_value("Employer Unit", unit, "supervising_unit"))
	return {n for n in names if n}


def recusals(doc) -> list[tuple[str, str]]:
	"""(packet, expert) for every expert of the meeting whose unit is the applicant's or its
	supervising unit."""
	out = []
	for row in doc.agenda:
		units = _applicant_units(row.packet)
		for expert in doc.experts:
			if rules.is_recused([expert.expert_unit, expert.unit_name], units):
				out.append((row.packet, expert.expert))
	return out


# ---------------------------------------------------------------- who may do what
def _check_office(doc) -> None:
	user = frappe.session.user
	roles = set(frappe.get_roles(user))
	if user != "Administrator" and COMMITTEE_OFFICE not in roles:
		frappe.throw(_("Only the committee office opens and closes a review meeting"), frappe.PermissionError)
	doc.check_permission("write")


def meeting_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if is_unscoped(user):
		return ""
	roles = set(frappe.get_roles(user))
	parts = []
	if COMMITTEE_OFFICE in roles:
		committees = permitted(user, "Evaluation Committee")
		if not committees:
			return ""
		parts.append(
			f"`tabReview Meeting`.committee in ({', '.join(frappe.db.escape(c) for c in committees)})"
		)
	if REVIEW_EXPERT in roles:
		parts.append(
			"`tabReview Meeting`.name in (select parent from `tabReview Meeting Expert`"
			f" where parenttype = 'Review Meeting' and expert = {frappe.db.escape(user)})"
		)
	return "(" + " or ".join(parts) + ")" if parts else "1=0"


def meeting_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if is_unscoped(user):
		return True
	roles = set(frappe.get_roles(user))
	if COMMITTEE_OFFICE in roles:
		committees = permitted(user, "Evaluation Committee")
		if not committees or doc.get("committee") in committees:
			return True
	if REVIEW_EXPERT in roles and ptype in (None, "read", "select", "print"):
		return any(row.expert == user for row in doc.get("experts") or [])
	return False


def vote_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if is_unscoped(user):
		return ""
	return f"`tabReview Vote`.expert = {frappe.db.escape(user)}"


def vote_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return is_unscoped(user) or doc.get("expert") == user


# ---------------------------------------------------------------- the expert's ballot
def _my_row(doc, user: str):
	row = next((r for r in doc.experts if r.expert == user), None)
	if not row:
		frappe.throw(_("You do not sit on this review meeting"), frappe.PermissionError)
	return row


@frappe.whitelist()
def my_ballots(meeting: str | None = None, packet: str | None = None) -> list[dict]:
	"""The packets the expert votes on (of ``meeting``, or of every open meeting on which
	``packet`` is), with the expert's own vote; a recused packet says only 回避."""
	user = frappe.session.user
	if meeting:
		names = [meeting]
	else:
		names = frappe.get_all(
			"Review Meeting Expert", filters={"expert": user, "parenttype": MEETING}, pluck="parent"
		)
	out = []
	for name in names:
		doc = frappe.get_doc(MEETING, name)
		if doc.status != rules.MeetingStatus.OPEN:
			continue
		row = _my_row(doc, user)
		recused = {r.packet for r in doc.recusals if r.expert == user}
		mine = {
			v.packet: v
			for v in frappe.get_all(
				VOTE, filters={"meeting": name, "expert": user}, fields=["packet", "vote", "score"]
			)
		}
		for item in doc.agenda:
			if packet and item.packet != packet:
				continue
			out.append(
				{
					"meeting": name,
					"meeting_title": doc.meeting_title,
					"packet": item.packet,
					"present": row.attendance == rules.Attendance.PRESENT,
					"recused": item.packet in recused,
					"record_scores": doc.record_scores,
					"vote": mine.get(item.packet, {}).get("vote") if item.packet not in recused else None,
					"score": mine.get(item.packet, {}).get("score") if item.packet not in recused else None,
				}
			)
	return out


@frappe.whitelist(methods=["POST"])
def cast_vote(meeting: str, packet: str, vote: str, score: float | None = None) -> dict:
	"""An expert's ballot on one packet of an open meeting they attend (changeable until it closes)."""
	user = frappe.session.user
	doc = frappe.get_doc(MEETING, meeting)
	row = _my_row(doc, user)
	if doc.status != rules.MeetingStatus.OPEN:
		frappe.throw(_("Votes are cast only while the review meeting is open"), title=_("Meeting Not Open"))
	if row.attendance != rules.Attendance.PRESENT:
		frappe.throw(_("Only experts present at the meeting vote"))
	if packet not in {r.packet for r in doc.agenda}:
		frappe.throw(_("Packet {0} is not on this meeting's agenda").format(packet))
	if any(r.packet == packet and r.expert == user for r in doc.recusals):
		frappe.throw(_("You withdraw from this packet (回避) and do not vote on it"), title=_("Recused"))
	if vote not in set(rules.Vote):
		frappe.throw(_("Unknown vote: {0}").format(vote))
	values = {"vote": vote, "cast_at": now_datetime(), "score": None}
	if doc.record_scores and score not in (None, ""):
		if not 0 <= flt(score) <= 100:
			frappe.throw(_("A defense score lies between 0 and 100"))
		values["score"] = flt(score)
	existing = frappe.db.get_value(VOTE, {"meeting": meeting, "packet": packet, "expert": user})
	if existing:
		ballot = frappe.get_doc(VOTE, existing)
		ballot.update(values)
		ballot.save(ignore_permissions=True)
	else:
		frappe.get_doc(
			{"doctype": VOTE, "meeting": meeting, "packet": packet, "expert": user, **values}
		).insert(ignore_permissions=True)
	return {"meeting": meeting, "packet": packet, "vote": vote}


# ---------------------------------------------------------------- opening and closing
def _set_status(doc, status: str) -> None:
	doc.status = status
	doc.flags.status_by_action = True
	doc.save()


@frappe.whitelist(methods=["POST"])
def open_meeting(name: str) -> str:
	doc = frappe.get_doc(MEETING, name)
	_check_office(doc)
	if doc.status != rules.MeetingStatus.DRAFT:
		frappe.throw(_("Only a draft review meeting can be opened"))
	if not doc.experts or not doc.agenda:
		frappe.throw(_("List the experts and the packets on the agenda before opening the meeting"))
	_set_status(doc, rules.MeetingStatus.OPEN)
	return doc.status


def quorum(doc) -> tuple[int, int, bool]:
	members = len(doc.experts)
	present = sum(1 for r in doc.experts if r.attendance == rules.Attendance.PRESENT)
	fraction = rules.parse_fraction(doc.quorum_fraction, rules.DEFAULT_QUORUM)
	return members, present, rules.has_quorum(members, present, fraction)


def count_ballots(doc) -> list[tuple[object, rules.Tally]]:
	"""(agenda row, tally) per packet: the ballots of the present experts who did not withdraw."""
	present = {r.expert for r in doc.experts if r.attendance == rules.Attendance.PRESENT}
	fraction = rules.parse_fraction(doc.pass_fraction, rules.DEFAULT_PASS)
	out = []
	for row in doc.agenda:
		recused = {r.expert for r in doc.recusals if r.packet == row.packet}
		voters = present - recused
		ballots = frappe.get_all(
			VOTE, filters={"meeting": doc.name, "packet": row.packet}, fields=["expert", "vote", "score"]
		)
		counted = [b for b in ballots if b.expert in voters]
		out.append(
			(row, rules.tally(len(voters), [b.vote for b in counted], len(recused & present), fraction))
		)
		scores = [b.score for b in counted if b.score is not None]
		row.average_score = sum(scores) / len(scores) if scores and doc.record_scores else None
	return out


@frappe.whitelist(methods=["POST"])
def close_meeting(name: str) -> dict:
	"""Close the meeting: quorum, the count, each result through the workflow, the tally document."""
	doc = frappe.get_doc(MEETING, name)
	_check_office(doc)
	if doc.status != rules.MeetingStatus.OPEN:
		frappe.throw(_("Only an open review meeting can be closed"))
	members, present, ok = quorum(doc)
	if not ok:
		frappe.throw(
			_(
				"The meeting has no quorum: {0} of {1} members are present, at least {2} of the members must attend ({3})"
			).format(present, members, doc.quorum_fraction, rules.REGULATION),
			title=_("No Quorum"),
		)
	results = count_ballots(doc)
	pending = []
	for row, _tally in results:
		application = application_of(row.packet)
		state = frappe.db.get_value(APPLICATION, application, "workflow_state") if application else None
		if state in PACKET_STATES and state != WorkflowState.UNDER_EVALUATION:
			pending.append(row.packet)
	if pending:
		frappe.throw(
			_("These packets' applications are not under evaluation yet: {0}").format("、".join(pending)),
			title=_("Not Under Evaluation"),
		)
	for row, tally in results:
		row.voters, row.agree, row.disagree, row.abstain = (
			tally.voters,
			tally.agree,
			tally.disagree,
			tally.abstain,
		)
		row.recused, row.result = tally.recused, tally.result
		application = application_of(row.packet)
		if (
			application
			and frappe.db.get_value(APPLICATION, application, "workflow_state")
			== WorkflowState.UNDER_EVALUATION
		):
			with decided_by_vote(doc.name, {application: tally.result}):
				apply_workflow(frappe.get_doc(APPLICATION, application), RESULT_ACTIONS[tally.result])
	doc.closed_at = now_datetime()
	doc.closed_by = frappe.session.user
	_set_status(doc, rules.MeetingStatus.CLOSED)
	doc.reload()
	generated = make_tally_document(doc)
	if generated:
		frappe.db.set_value(MEETING, doc.name, "tally_document", generated, update_modified=False)
	return {
		"meeting": doc.name,
		"passed": sum(1 for _row, t in results if t.passed),
		"failed": sum(1 for _row, t in results if not t.passed),
		"tally_document": generated,
	}


def tally_context(doc) -> dict:
	"""The 评审表决结果: counts per packet, never who voted how."""
	members, present, _ok = quorum(doc)
	committee = frappe.db.get_value("Evaluation Committee", doc.committee, "committee_name") or doc.committee
	notice = frappe.db.get_value("Title Notice", doc.notice, ["title", "doc_no"], as_dict=True) or {}
	rows = []
	for i, row in enumerate(doc.agenda, start=1):
		packet = (
			frappe.db.get_value(
				PACKET, row.packet, ["series", "profession", "target_level", "target_title"], as_dict=True
			)
			or {}
		)
		rows.append(
			{
				"no": i,
				"packet": row.packet,
				"title": packet.get("target_title") or "",
				"level": _(packet.get("target_level") or "", "zh"),
				"voters": row.voters or 0,
				"agree": row.agree or 0,
				"disagree": row.disagree or 0,
				"abstain": row.abstain or 0,
				"recused": row.recused or 0,
				"score": ""
				if row.average_score in (None, 0) and not doc.record_scores
				else f"{flt(row.average_score):.1f}",
				"result": _(row.result or "", "zh"),
			}
		)
	return {
		"issuer_name": committee,
		"committee_name": committee,
		"meeting_title": doc.meeting_title,
		"notice_title": notice.get("title") or doc.notice,
		"notice_doc_no": notice.get("doc_no") or "",
		"meeting_date": doc.meeting_date,
		"venue": doc.venue or "",
		"members": members,
		"present": present,
		"quorum_fraction": doc.quorum_fraction,
		"pass_fraction": doc.pass_fraction,
		"record_scores": bool(doc.record_scores),
		"rows": rows,
		"passed_count": sum(1 for r in doc.agenda if r.result == rules.PacketResult.PASSED),
		"doc_date": (doc.closed_at or now_datetime()).date()
		if hasattr(doc.closed_at or now_datetime(), "date")
		else None,
		"regulation": rules.REGULATION,
	}


def make_tally_document(doc) -> str | None:
	"""The QR-stamped 评审表决结果 of a closed meeting (its Generated Document's name)."""
	from zhicheng_app.documents import registry

	if TALLY_KIND not in registry.REGISTRY:
		return None
	from zhicheng_app.services.documents.generation import generate

	made = generate(TALLY_KIND, MEETING, doc.name, context=tally_context(doc), check_permission=False)
	return made.name


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def expert_query(doctype, txt, searchfield, start, page_len, filters):
	"""The review experts a committee office puts on a meeting (the User list shows other accounts
	to administrators only): enabled users with the role, by e-mail or name."""
	if not (set(frappe.get_roles()) & {COMMITTEE_OFFICE, "System Manager", "Title Administrator"}):
		return []
	like = f"%{txt}%"
	return frappe.db.sql(
		"""select u.name, u.full_name from `tabUser` u
		join `tabHas Role` r on r.parent = u.name and r.parenttype = 'User' and r.role = %(role)s
		where u.enabled = 1 and (u.name like %(like)s or u.full_name like %(like)s)
		order by u.full_name limit %(start)s, %(page_len)s""",
		{"role": REVIEW_EXPERT, "like": like, "start": int(start), "page_len": int(page_len)},
	)


def meeting_child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows of a meeting's tables (experts, agenda, recusals): only those of meetings the user reads."""
	condition = meeting_query_conditions(user or frappe.session.user)
	return rows_of_parents(doctype, "Review Meeting", condition) if condition else ""
