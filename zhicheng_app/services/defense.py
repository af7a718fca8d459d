"""Defense Sessions (答辩场次): the committee office schedules the applications that must defend
(the workflow's Schedule Defense), records each one's score or the panel's decision (Pass
Defense / Fail Defense) and, where the notice says so (003 四、（五）), gives the applicants
exempt from the defense the average of that year's defense scores in their profession.

Each application moves on its own: one that cannot (wrong state or notice, exempt, a refused
transition) keeps the reason in its row and the others proceed. The rules are in
``rules.defense``; what a transition records is in ``services.transitions``, which reads the
session's slot and the score from ``frappe.flags`` while this module applies the workflow.

Who reads a session: administrators every one; a committee office those of the notices in its
scope (``permissions.get_scope``); a review expert only the sessions whose panel they sit on, and
of those only the date, place and mode: the panel and the applications (permission level 1)
stay with the committee office.
"""

import frappe
from frappe.model.workflow import apply_workflow

from zhicheng_app.i18n import _
from zhicheng_app.permissions import get_scope
from zhicheng_app.roles import REVIEW_EXPERT
from zhicheng_app.rules.defense import (
	FAILED,
	PASSED,
	defense_outcome,
	exempt_score,
	pass_mark,
	scheduling_refusal,
)
from zhicheng_app.rules.registry import rule_reference
from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.services import clock
from zhicheng_app.services.precheck import notice_config, run_precheck

DOCTYPE = "Defense Session"
ROW_DOCTYPE = "Defense Session Application"
PANEL_DOCTYPE = "Defense Panel Member"
APPLICATION = "Title Application"
PLANNED, SCHEDULED, RECORDED, CANCELLED = "Planned", "Scheduled", "Results Recorded", "Cancelled"
ONLINE = "Online Video"
SCHEDULE_ACTION, PASS_ACTION, FAIL_ACTION = "Schedule Defense", "Pass Defense", "Fail Defense"
CANCEL_ACTION = "Cancel Defense"  # Defense back to Fee Paid, the state Schedule Defense starts from
ABSENT = "Absent"
# what the server writes in a session and its rows; a form's or a request's values are ignored
SERVER_FIELDS = ("status", "results_recorded_at", "cancelled_at", "cancelled_by", "cancel_reason", "changes")
# what the applicant is told again when it changes after the scheduling
PLACE_FIELDS = ("starts_at", "mode", "venue", "online_link")
SERVER_ROW_FIELDS = ("scheduled", "result", "outcome")
# the states after which an application's defense score no longer changes
FINAL_STATES = (
	WorkflowState.FAILED,
	WorkflowState.ABANDONED,
	WorkflowState.NOT_ACCEPTED,
	WorkflowState.CERTIFIED,
	WorkflowState.CONFIRMED,
)


# ---------------------------------------------------------------- the session's own checks
def validate_session(session):
	"""The server's fields keep the server's values; a scheduled row keeps its application; an
	application appears once; the panel are review experts; an online session has its link."""
	before = session.get_doc_before_save()
	if not session.flags.defense_service:
		_keep_server_values(session, before)
		if before and before.status == CANCELLED:
			frappe.throw(_("This defense session is cancelled; arrange the defense in a new session"))
		if before and moved_slots(before, session):
			session.changes = (session.changes or 0) + 1
	seen = set()
	for row in session.applications:
		if row.application in seen:
			frappe.throw(_("Application {0} is listed twice in this session").format(row.application))
		seen.add(row.application)
	if before and not session.flags.defense_service:
		kept = {row.application for row in session.applications}
		for row in before.applications:
			if row.scheduled and row.application not in kept:
				frappe.throw(
					_(
						"Application {0} is scheduled in this session: take it out with Remove from the Defense, stating the reason"
					).format(row.application)
				)
	for member in session.panel:
		if REVIEW_EXPERT not in frappe.get_roles(member.expert):
			frappe.throw(_("{0} is not a review expert").format(member.expert))
	if session.mode == ONLINE and not session.online_link:
		frappe.throw(_("An online video defense needs its online link"))
	if session.mode != ONLINE and not session.venue:
		frappe.throw(_("An on-site defense needs its venue"))
	if session.committee:
		committees = {
			row.committee for row in frappe.get_cached_doc("Title Notice", session.notice).committees
		}
		if committees and session.committee not in committees:
			frappe.throw(_("Committee {0} does not evaluate this notice").format(session.committee))


def _keep_server_values(session, before):
	for field in SERVER_FIELDS:
		session.set(field, before.get(field) if before else None)
	if not before:
		session.status = PLANNED
	old_rows = {row.name: row for row in (before.applications if before else [])}
	for row in session.applications:
		old = old_rows.get(row.name)
		for field in SERVER_ROW_FIELDS:
			row.set(field, old.get(field) if old else None)
		if old and old.scheduled:
			row.application = old.application


def default_mode(notice: str, level: str | None = None) -> str:
	"""The notice's defense mode (Online Video where it says so, e.g. 002 正高级), else On-site."""
	modes = {row.level: row.mode for row in notice_config(notice).defense_rules}
	if level and level in modes:
		return ONLINE if modes[level] == ONLINE else "On-site"
	return ONLINE if modes and all(m == ONLINE for m in modes.values()) else "On-site"


# ---------------------------------------------------------------- scheduling
def _exemption(app, config) -> tuple[bool, str]:
	"""(exempt, the exemption as the precheck words it with the notice's clause)."""
	if app.defense_required:
		return False, ""
	result = run_precheck(app).defense
	exempt = bool(app.get("defense_exempt") or result.get("exempt"))
	if not exempt:
		return False, ""
	return True, "{}（{}）".format(result.get("reason") or "", rule_reference("DEF-EXEMPT", config))


def _apply(app_name: str, action: str) -> str | None:
	"""Apply ``action`` to the application on its own: None when done, else the refusal (the
	application and everything the attempt wrote are left as they were)."""
	savepoint = "defense_" + frappe.generate_hash(length=8)
	frappe.db.savepoint(savepoint)
	messages = len(frappe.local.message_log)
	try:
		apply_workflow(frappe.get_doc(APPLICATION, app_name), action)
	except (frappe.ValidationError, frappe.PermissionError) as error:
		frappe.db.rollback(save_point=savepoint)
		logged = [
			frappe.utils.strip_html(frappe.parse_json(m).get("message", ""))
			for m in frappe.local.message_log[messages:]
		]
		del frappe.local.message_log[messages:]
		return (
			"；".join(m for m in logged if m)
			or frappe.utils.strip_html(str(error))
			or _("The step was refused")
		)
	return None


def schedule(session_name: str) -> dict:
	"""Schedule every listed application not scheduled yet: each that may be moves to Defense with
	its slot and the applicant is told; the others keep their reason in their row."""
	session = frappe.get_doc(DOCTYPE, session_name)
	session.check_permission("write")
	if session.status == RECORDED:
		frappe.throw(_("The results of this session are recorded; schedule in a new session"))
	if session.status == CANCELLED:
		frappe.throw(_("This defense session is cancelled; arrange the defense in a new session"))
	config = notice_config(session.notice)
	scheduled, refused = [], []
	for row in session.applications:
		if row.scheduled:
			continue
		refusal = _scheduling_refusal(row.application, session, config)
		if refusal is None:
			at = row.slot_at or session.starts_at
			frappe.flags.defense_slot = {row.application: (session.name, at)}
			try:
				refusal = _apply(row.application, SCHEDULE_ACTION)
			finally:
				frappe.flags.defense_slot = None
		if refusal:
			row.outcome = refusal
			refused.append({"application": row.application, "reason": refusal})
			continue
		row.scheduled = 1
		row.outcome = _("Scheduled: {0} (Beijing time)").format(clock.fmt(frappe.utils.get_datetime(at)))
		scheduled.append(row.application)
		notify_scheduled(
			row.application, at, session.online_link if session.mode == ONLINE else session.venue
		)
	if scheduled:
		session.status = SCHEDULED
	_save(session)
	return {"scheduled": scheduled, "refused": refused}


def _scheduling_refusal(app_name: str, session, config) -> str | None:
	facts = frappe.db.get_value(
		APPLICATION, app_name, ["notice", "workflow_state", "defense_required"], as_dict=True
	)
	if facts and facts.notice != session.notice:  # names no more than the row already does
		return scheduling_refusal(
			state=facts.workflow_state,
			notice=facts.notice,
			session_notice=session.notice,
			defense_required=bool(facts.defense_required),
			exempt=False,
		)
	if not facts or not frappe.has_permission(APPLICATION, "write", app_name):
		return _("Application {0} is not one you can act on").format(app_name)
	app = frappe.get_doc(APPLICATION, app_name)
	exempt, reason = _exemption(app, config)
	return scheduling_refusal(
		state=app.workflow_state,
		notice=app.notice,
		session_notice=session.notice,
		defense_required=bool(app.defense_required),
		exempt=exempt,
		exempt_reason=reason,
	)


def _save(session):
	session.flags.defense_service = True
	try:
		session.save(ignore_permissions=True)
	finally:
		session.flags.defense_service = False


def record_scheduling(doc):
	"""``services.transitions`` on the way into Defense: the session and slot being scheduled. The
	workflow's plain Schedule Defense is refused: a defense has its session's time and place."""
	slot = (frappe.flags.defense_slot or {}).get(doc.name)
	if not slot:
		frappe.throw(
			_(
				"A defense is scheduled from a 答辩安排 (Defense Session) with its time and place: list the application in a session and schedule it there"
			),
			title=_("Defense without a session"),
		)
	doc.defense_session, doc.defense_at = slot


def record_unscheduling(doc):
	"""``services.transitions`` on Cancel Defense (back to Fee Paid): only a Defense Session takes
	it, when the committee office cancels the session or takes the application out of it."""
	if doc.name not in (frappe.flags.defense_unscheduling or ()):
		frappe.throw(
			_(
				"A defense is cancelled from its 答辩安排 (Defense Session): cancel the session or take the application out of it there, with the reason"
			),
			title=_("Defense without a session"),
		)
	doc.defense_session, doc.defense_at = None, None


def record_result(doc):
	"""``services.transitions`` on the way out of Defense: the score being recorded."""
	results = frappe.flags.defense_results or {}
	if doc.name in results:
		doc.defense_score = results[doc.name] or 0
		doc.defense_score_averaged = 0


# ---------------------------------------------------------------- moving and cancelling
def _place(session) -> str:
	return (session.online_link if session.mode == ONLINE else session.venue) or ""


def _slot(session, row):
	at = row.slot_at or session.starts_at
	return frappe.utils.get_datetime(at) if at else None


def _slot_text(session, row) -> str:
	at = _slot(session, row)
	mode = _(ONLINE) if session.mode == ONLINE else _("On-site")
	return _("{0} (Beijing time), {1}, {2}").format(clock.fmt(at) if at else "", mode, _place(session))


def moved_slots(before, session) -> list[str]:
	"""The applications scheduled in ``session``, still without a result, whose time, mode or
	place differ from ``before`` (the session as it was stored)."""
	old_rows = {row.name: row for row in before.applications}
	same_place = before.mode == session.mode and _place(before) == _place(session)
	moved = []
	for row in session.applications:
		old = old_rows.get(row.name)
		if not old or not row.scheduled or row.result:
			continue
		if not same_place or _slot(before, old) != _slot(session, row):
			moved.append(row.application)
	return moved


def _awaits(app_name: str, session) -> bool:
	"""Whether the application is in Defense by this session (not moved on, not elsewhere)."""
	app = frappe.db.get_value(APPLICATION, app_name, ["workflow_state", "defense_session"], as_dict=True)
	return bool(app) and app.workflow_state == WorkflowState.DEFENSE and app.defense_session == session.name


def _history(app_name: str, text: str) -> str:
	"""The change on the application's timeline: who (the comment's author), when, what and why."""
	return frappe.get_doc(APPLICATION, app_name).add_comment("Info", frappe.utils.escape_html(text)).name


def on_session_update(session):
	"""``on_update`` of a Defense Session: when a save moved the time, mode or place of scheduled
	applications, each one's defense time follows, the change goes on its timeline and the
	applicant is told again, once per change (the session's change count keys the notice)."""
	before = session.get_doc_before_save()
	if not before or session.flags.defense_service:
		return
	old_rows = {row.name: row for row in before.applications}
	moved = set(moved_slots(before, session))
	for row in session.applications:
		if row.application not in moved or not _awaits(row.application, session):
			continue
		at = _slot(session, row)
		frappe.db.set_value(APPLICATION, row.application, "defense_at", at)
		_history(
			row.application,
			_("Defense of session {0} moved from {1} to {2}").format(
				session.name, _slot_text(before, old_rows[row.name]), _slot_text(session, row)
			),
		)
		row.db_set("outcome", _("Moved: {0}").format(_slot_text(session, row)), update_modified=False)
		_notify(
			row.application,
			"notify_defense_rescheduled",
			at=at,
			place=_place(session),
			online=session.mode == ONLINE,
			detail=f"{session.name}#{session.changes or 0}",
		)


def _reason(reason: str | None) -> str:
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("State the reason: the applicant is told it and it stays in the history"))
	return reason


def _scored(row) -> bool:
	return bool(row.score or row.decision or row.result)


def _refuse_scored(rows):
	scored = [row.application for row in rows if _scored(row)]
	if scored:
		frappe.throw(
			_(
				"Defense scores or results are already entered for {0}: a defense that was held is recorded with its results, it cannot be cancelled"
			).format("、".join(scored)),
			title=_("Scores entered"),
		)


def _unschedule(session, row, reason: str, what: str) -> str | None:
	"""Move a scheduled application back to Fee Paid through the workflow's Cancel Defense, keep
	it on its timeline and tell the applicant: None when done, else why not."""
	frappe.flags.defense_unscheduling = {row.application}
	try:
		refusal = _apply(row.application, CANCEL_ACTION)
	finally:
		frappe.flags.defense_unscheduling = None
	if refusal:
		return refusal
	event = _history(row.application, _("{0} ({1}): {2}").format(what, session.name, reason))
	_notify(
		row.application,
		"notify_defense_cancelled",
		session_title=session.session_title,
		at=_slot(session, row),
		reason=reason,
		detail=f"{session.name}#{event}",
	)
	return None


def _all_or_nothing(session, rows, reason: str, what: str) -> list[str]:
	"""Unschedule every row or, when one is refused, none of them (raises with the reasons)."""
	savepoint = "defense_cancel_" + frappe.generate_hash(length=8)
	frappe.db.savepoint(savepoint)
	moved, refused = [], []
	for row in rows:
		if not row.scheduled:
			continue
		row.scheduled = 0
		if not _awaits(row.application, session):  # moved on or elsewhere already: nothing to undo
			continue
		refusal = _unschedule(session, row, reason, what)
		if refusal:
			refused.append(f"{row.application}：{refusal}")
		else:
			moved.append(row.application)
			row.outcome = _("{0}: {1}").format(what, reason)
	if refused:
		frappe.db.rollback(save_point=savepoint)
		frappe.throw("<br>".join(refused), title=_("The defense could not be cancelled"))
	return moved


def cancel_session(session_name: str, reason: str | None) -> dict:
	"""Cancel the session: every application still scheduled in it goes back to Fee Paid (the
	state before Schedule Defense), its applicant is told with the reason; refused once a score
	or result is entered. The session keeps its rows, who cancelled it, when and why."""
	session = frappe.get_doc(DOCTYPE, session_name)
	session.check_permission("write")
	reason = _reason(reason)
	if session.status == CANCELLED:
		frappe.throw(_("This defense session is cancelled already"))
	_refuse_scored(session.applications)
	moved = _all_or_nothing(session, session.applications, reason, _("Defense session cancelled"))
	session.status = CANCELLED
	session.cancelled_at = clock.wall(clock.now())
	session.cancelled_by = frappe.session.user
	session.cancel_reason = reason
	_save(session)
	session.add_comment("Info", frappe.utils.escape_html(_("Defense session cancelled: {0}").format(reason)))
	return {"cancelled": moved}


def remove_application(session_name: str, application: str, reason: str | None) -> dict:
	"""Take one application out of the session: if scheduled it goes back to Fee Paid and its
	applicant is told; refused once its score or result is entered."""
	session = frappe.get_doc(DOCTYPE, session_name)
	session.check_permission("write")
	reason = _reason(reason)
	row = next((r for r in session.applications if r.application == application), None)
	if row is None:
		frappe.throw(_("Application {0} is not listed in this session").format(application))
	_refuse_scored([row])
	moved = _all_or_nothing(session, [row], reason, _("Removed from the defense session"))
	session.remove(row)
	for i, r in enumerate(session.applications, 1):
		r.idx = i
	if session.status == SCHEDULED and not any(r.scheduled for r in session.applications):
		session.status = PLANNED
	_save(session)
	session.add_comment(
		"Info",
		frappe.utils.escape_html(
			_("Application {0} removed from the session: {1}").format(application, reason)
		),
	)
	return {"removed": application, "unscheduled": moved}


# ---------------------------------------------------------------- notifying the applicant
def _notify(app_name: str, function: str, **kw):
	"""``reminders.<function>``; a failure is logged, never a refused change."""
	from zhicheng_app.services import reminders

	try:
		getattr(reminders, function)(app_name, **kw)
	except Exception:
		frappe.log_error(
			title=_("Telling the applicant of {0} of the defense failed").format(app_name),
			reference_doctype=APPLICATION,
			reference_name=app_name,
		)


def notify_scheduled(app_name: str, at, place: str):
	"""Tell the applicant: ``notifications.notify_defense_scheduled`` or the reminders' one where
	the site has it, else a plain in-app message. A failure is logged, never a refused schedule."""
	from zhicheng_app.services import notifications, reminders

	try:
		notify = getattr(notifications, "notify_defense_scheduled", None)
		if notify is not None:
			notify(app_name)
		elif hasattr(reminders, "notify_defense_scheduled"):
			reminders.notify_defense_scheduled(app_name, at=frappe.utils.get_datetime(at), place=place)
		else:
			in_app_message(app_name)
	except Exception:
		frappe.log_error(
			title=_("Telling the applicant of {0} of the defense failed").format(app_name),
			reference_doctype=APPLICATION,
			reference_name=app_name,
		)


def in_app_message(app_name: str):
	app = frappe.get_doc(APPLICATION, app_name)
	if not app.applicant_user:
		return
	view = defense_view(app)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": app.applicant_user,
			"type": "Alert",
			"document_type": APPLICATION,
			"document_name": app.name,
			"subject": _("Your defense for title application {0}: {1} (Beijing time), {2}").format(
				app.name, view["at"], view["place"]
			),
		}
	).insert(ignore_permissions=True)


# ---------------------------------------------------------------- results
def record_results(session_name: str) -> dict:
	"""Each scheduled application still awaiting this defense passes or fails it by its score and
	the notice's pass mark (else the panel's decision); an absent applicant fails unless the panel
	decided otherwise. Then the exempt applicants of the notice get their averaged score."""
	session = frappe.get_doc(DOCTYPE, session_name)
	session.check_permission("write")
	config = notice_config(session.notice)
	passed, failed, refused = [], [], []
	for row in session.applications:
		if not row.scheduled or row.result:
			continue
		app = frappe.db.get_value(
			APPLICATION, row.application, ["workflow_state", "defense_session", "target_level"], as_dict=True
		)
		if not app or app.workflow_state != WorkflowState.DEFENSE or app.defense_session != session.name:
			row.outcome = _("The application no longer awaits this defense")
			refused.append({"application": row.application, "reason": row.outcome})
			continue
		score = row.score or None  # 0: not scored
		if row.attendance == ABSENT:
			result, refusal, score = row.decision or FAILED, None, None
		else:
			result, refusal = defense_outcome(score, pass_mark(config, app.target_level), row.decision)
		if refusal is None:
			frappe.flags.defense_results = {row.application: score}
			try:
				refusal = _apply(row.application, PASS_ACTION if result == PASSED else FAIL_ACTION)
			finally:
				frappe.flags.defense_results = None
		if refusal:
			row.outcome = refusal
			refused.append({"application": row.application, "reason": refusal})
			continue
		row.result = result
		row.outcome = _("Defense {0}").format(_(result))
		(passed if result == PASSED else failed).append(row.application)
	averaged = apply_exempt_scores(session.notice)
	if session.applications and all(row.result or not row.scheduled for row in session.applications):
		session.status = RECORDED
		session.results_recorded_at = clock.wall(clock.now())
	_save(session)
	return {"passed": passed, "failed": failed, "refused": refused, "averaged": averaged}


def apply_exempt_scores(notice: str) -> list[str]:
	"""003 四、（五）: each applicant of the notice exempt from the defense, not yet finished, gets
	the average of the defense scores of that year's defendants in their profession (no score:
	counted as passed, without one). Returns the applications given a score."""
	config = notice_config(notice)
	exempt = frappe.get_all(
		APPLICATION,
		filters={"notice": notice, "defense_exempt": 1, "workflow_state": ("not in", FINAL_STATES)},
		fields=["name", "profession"],
	)
	if not exempt or not config.defense_exempt_averaged:
		return []
	given = []
	for profession in {row.profession for row in exempt}:
		scores = frappe.get_all(
			APPLICATION,
			filters={
				"notice": notice,
				"profession": profession or ("is", "not set"),
				"defense_exempt": 0,
				"defense_score_averaged": 0,
				"defense_result": ("is", "set"),
				"defense_score": (">", 0),
			},
			pluck="defense_score",
		)
		_applies, score = exempt_score(config, scores)
		for row in exempt:
			if row.profession != profession:
				continue
			frappe.db.set_value(
				APPLICATION,
				row.name,
				{"defense_score": score or 0, "defense_score_averaged": 1 if score is not None else 0},
			)
			if score is not None:
				given.append(row.name)
	return given


# ---------------------------------------------------------------- what the applicant reads
def defense_view(app) -> dict | None:
	"""The applicant's defense for the portal: when, where (venue or online link), mode, result,
	score; an exempt applicant's exemption and averaged score. None where there is no defense."""
	if app.get("defense_exempt"):
		config = notice_config(app.notice)
		averaged = bool(app.get("defense_score_averaged"))
		return {
			"exempt": True,
			"note": _("Exempt from the defense ({0})").format(rule_reference("DEF-EXEMPT", config)),
			"score": _score_text(app.defense_score) if averaged else "",
			"averaged": averaged,
			"counted_as_passed": config.defense_exempt_averaged and not averaged,
		}
	if not app.get("defense_required"):
		return None
	session = (
		frappe.db.get_value(
			DOCTYPE,
			app.defense_session,
			["name", "mode", "venue", "online_link", "instructions", "session_title", "changes"],
			as_dict=True,
		)
		if app.get("defense_session")
		else None
	)
	online = (session.mode == ONLINE) if session else bool(app.defense_online)
	place = ""
	if session:
		place = session.online_link if online else session.venue
	return {
		"exempt": False,
		"scheduled": bool(app.defense_at),
		"at": clock.fmt(frappe.utils.get_datetime(app.defense_at)) if app.defense_at else "",
		"mode": _(ONLINE) if online else _("On-site"),
		"online": online,
		"place": place or "",
		"instructions": (session.instructions or "") if session else "",
		"moved": bool(session and session.changes and app.defense_at),
		"result": _(app.defense_result) if app.defense_result else "",
		"score": _score_text(app.defense_score) if app.get("defense_score") else "",
	}


def _score_text(score) -> str:
	return f"{float(score or 0):.2f}"


def panel_experts(txt: str, start: int = 0, page_len: int = 20) -> list[tuple[str, str]]:
	"""(user, full name) of the enabled review experts matching ``txt``."""
	user, role = frappe.qb.DocType("User"), frappe.qb.DocType("Has Role")
	like = f"%{txt or ''}%"
	return (
		frappe.qb.from_(user)
		.join(role)
		.on((role.parent == user.name) & (role.parenttype == "User"))
		.select(user.name, user.full_name)
		.where((role.role == REVIEW_EXPERT) & (user.enabled == 1))
		.where(user.name.like(like) | user.full_name.like(like))
		.orderby(user.name)
		.limit(page_len)
		.offset(start)
		.run()
	)


# ---------------------------------------------------------------- record scope
def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Lists of sessions: a committee office's notices; a review expert's own panels."""
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope.unscoped:
		return ""
	parts = []
	if scope.notices:
		notices = ", ".join(frappe.db.escape(n) for n in sorted(scope.notices))
		parts.append(f"`tab{DOCTYPE}`.notice in ({notices})")
	if REVIEW_EXPERT in frappe.get_roles(user):
		parts.append(
			f"`tab{DOCTYPE}`.name in (select parent from `tab{PANEL_DOCTYPE}`"
			f" where parenttype = {frappe.db.escape(DOCTYPE)} and expert = {frappe.db.escape(user)})"
		)
	return "(" + " or ".join(parts) + ")" if parts else "1=0"


def row_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows of a session's panel and applications: the committee office's sessions only (a review
	expert reads none of them)."""
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope.unscoped:
		return ""
	if not scope.notices:
		return "1=0"
	notices = ", ".join(frappe.db.escape(n) for n in sorted(scope.notices))
	return f"`tab{doctype}`.parent in (select name from `tab{DOCTYPE}` where notice in ({notices}))"


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope.unscoped:
		return True
	if scope.notices and doc.get("notice") in scope.notices:
		return True
	if ptype in (None, "read", "print") and REVIEW_EXPERT in frappe.get_roles(user):
		return bool(
			frappe.db.exists(
				PANEL_DOCTYPE, {"parenttype": DOCTYPE, "parent": doc.get("name"), "expert": user}
			)
		)
	return False
