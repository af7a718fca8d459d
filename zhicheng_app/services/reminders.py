"""In-app notifications about an application (and an e-mail where the site can send mail), each
sent once: at 已接收材料 (the fee and the paper submission start), when a defense is scheduled,
and a configurable number of hours before a deadline governing the application's state (the
hourly job). Results (通过评审公示, 未通过, 任职资格文件已下发) are told by the shipped
Notifications (setup_data/notifications.json).

Every notification sent is recorded as a Notification Sent row keyed by application, kind,
deadline and recipient (``rules.reminders.sent_key``): a rerun sends nothing twice. Nothing here
makes a save fail: a failure is written to the Error Log with the application's name.
"""

import datetime

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import get_url, get_url_to_form

from zhicheng_app.documents.contexts import committee_name
from zhicheng_app.rules import reminders as rule
from zhicheng_app.rules.context import notice_window
from zhicheng_app.rules.registry import notice_citation
from zhicheng_app.rules.vocabulary import WindowKind, WorkflowState
from zhicheng_app.services import batch, clock
from zhicheng_app.services.deadlines import upcoming
from zhicheng_app.services.notifications import next_actors, outgoing_mail_configured
from zhicheng_app.services.precheck import notice_config

APPLICATION = "Title Application"
SENT = "Notification Sent"
SETTINGS = "Deadline Reminder Settings"


# ---------------------------------------------------------------- sending once
def reminder_hours() -> int:
	"""The hours before a deadline at which reminders go out (the settings; 24 until set)."""
	value = frappe.db.get_value(
		"Singles", {"doctype": SETTINGS, "field": "reminder_hours"}, "value", order_by=None
	)
	return rule.DEFAULT_REMINDER_HOURS if value in (None, "") else int(value)


def send_once(
	application,
	kind: str,
	users: list[str],
	subject: str,
	message: str,
	deadline: datetime.datetime | None = None,
	detail: str = "",
) -> list[str]:
	"""Tell each of ``users`` about ``application`` (a Title Application document) unless they were
	told already under the same key (``detail`` tells apart events of one kind and deadline): an
	in-app notification, and an e-mail where the site can send mail. Returns the users told now."""
	told = []
	mail = outgoing_mail_configured()
	for user in dict.fromkeys(u for u in users if u and u != "Guest"):
		key = rule.sent_key(application.name, kind, user, deadline, detail)
		if frappe.db.exists(SENT, {"key": key}):
			continue
		enabled, email, user_type = frappe.db.get_value("User", user, ["enabled", "email", "user_type"]) or (
			0,
			None,
			None,
		)
		if not enabled:
			continue
		link = (
			get_url_to_form(APPLICATION, application.name)
			if user_type == "System User"
			else get_url(f"/my-applications/{application.name}")
		)
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"subject": subject,
				"email_content": message,
				"document_type": APPLICATION,
				"document_name": application.name,
				"link": link if user_type != "System User" else None,
				"from_user": "Administrator",
			}
		).insert(ignore_permissions=True)
		if mail and email:
			frappe.sendmail(
				recipients=[email],
				subject=subject,
				message=f"{message}<p><a href='{link}'>{link}</a></p>",
				reference_doctype=APPLICATION,
				reference_name=application.name,
			)
		frappe.get_doc(
			{
				"doctype": SENT,
				"key": key,
				"application": application.name,
				"kind": kind,
				"deadline": clock.wall(deadline) if deadline else None,
				"recipient": user,
				"sent_at": clock.wall(clock.now()),
				"emailed": 1 if mail and email else 0,
				"subject": subject[:500],
			}
		).insert(ignore_permissions=True)
		told.append(user)
	return told


def _paragraphs(*lines: str) -> str:
	return "".join(f"<p>{frappe.utils.escape_html(line)}</p>" for line in lines if line)


def _window_text(config, kind: str) -> str:
	window = notice_window(config, kind)
	if window is None or not (window.start or window.end):
		return ""
	start = clock.fmt(clock.to_shanghai(window.start)) if window.start else ""
	end = clock.fmt(clock.to_shanghai(window.end)) if window.end else ""
	return _("{0} to {1}").format(start, end) if start else end


# ---------------------------------------------------------------- 已接收材料
def on_application_update(doc, method=None):
	"""``on_update`` of Title Application: the applicant is told at 已接收材料 and at 不予确认."""
	before = doc.get_doc_before_save()
	if before is None or before.workflow_state == doc.workflow_state:
		return
	if doc.workflow_state == WorkflowState.ACCEPTED:
		_safely(doc.name, notify_accepted, doc)
	elif doc.workflow_state == WorkflowState.NOT_CONFIRMED:
		_safely(doc.name, notify_not_confirmed, doc)


def _safely(application: str, fn, *args):
	try:
		with print_language("zh"):
			fn(*args)
	except Exception:
		frappe.log_error(
			title=_("Notification of {0} failed").format(application),
			reference_doctype=APPLICATION,
			reference_name=application,
		)


def accepted_message(doc) -> tuple[str, str]:
	"""(subject, HTML message) telling the applicant the committee accepted the application: the
	fee, where and when to pay it, and where and when to hand in the paper materials."""
	notice = frappe.get_cached_doc("Title Notice", doc.notice)
	config = notice_config(doc.notice)
	committee = committee_name(notice, doc.route, doc.target_level)
	offices = (
		frappe.db.get_value(
			"Evaluation Committee", committee, ["fee_office", "paper_office", "address"], as_dict=True
		)
		if committee
		else None
	) or frappe._dict()
	amount = float(doc.fee_amount or 0)
	fee_line = (
		_("The evaluation fee is {0} yuan.").format(int(amount) if amount.is_integer() else amount)
		if amount
		else _("The notice states no amount for the evaluation fee; the committee announces it.")
	)
	lines = [
		_("{0}:").format(doc.applicant_name or ""),
		_(
			"The evaluation committee {0} has accepted your title application {1} (已接收材料). Fee payment and the paper submission start now ({2})."
		).format(committee or "", doc.name, notice_citation(config)),
		fee_line,
	]
	office_lines = (
		(
			_("Pay the fee at {0}, {1} (Beijing time)."),
			offices.fee_office or _("the fee office the notice names"),
			_window_text(config, WindowKind.FEE),
		),
		(
			_("Hand in the paper materials at {0}, {1} (Beijing time)."),
			offices.paper_office or _("the office the notice names"),
			_window_text(config, WindowKind.PAPER),
		),
	)
	for i, (text, office, window) in enumerate(office_lines):
		lines.append(text.format(office, window or _("as the notice sets out")))
		if i == 0 and config.fee_payment_methods:
			lines.append(_("Payment: {0}").format(config.fee_payment_methods))
	if offices.address:
		lines.append(_("Address: {0}").format(offices.address))
	subject = _(
		"Your title application {0} has been accepted: pay the fee and hand in the paper materials"
	).format(doc.name)
	return subject, _paragraphs(*lines)


def notify_accepted(doc) -> list[str]:
	subject, message = accepted_message(doc)
	return send_once(doc, rule.ACCEPTED, [doc.applicant_user], subject, message)


# ---------------------------------------------------------------- 不予确认
def notify_not_confirmed(doc) -> list[str]:
	"""Tell the applicant the bureau refused the confirmation (阿地人社传〔2024〕6号 四、（二）), with the
	bureau's reason; the application is closed. Sent once."""
	lines = [
		_("{0}:").format(doc.applicant_name or ""),
		_("Your title application {0} is not confirmed by the bureau; the application is closed.").format(
			doc.name
		),
		_("Reason: {0}").format(doc.not_confirmed_reason or ""),
	]
	subject = _("Your title application {0} is not confirmed: {1}").format(
		doc.name, doc.not_confirmed_reason or ""
	)
	return send_once(doc, rule.NOT_CONFIRMED, [doc.applicant_user], subject, _paragraphs(*lines))


# ---------------------------------------------------------------- 答辩
def notify_defense_scheduled(
	application_name: str, at: datetime.datetime | None = None, place: str | None = None
) -> list[str]:
	"""Tell the applicant their defense is scheduled (``at``, ``place`` when known). Sent once per
	application and defense time: a defense moved to another time is told again."""
	doc = frappe.get_doc(APPLICATION, application_name)
	with print_language("zh"):
		mode = _("online video") if doc.defense_online else _("on site")
		lines = [
			_("{0}:").format(doc.applicant_name or ""),
			_("A defense ({0}) is scheduled for your title application {1}.").format(mode, doc.name),
		]
		if at:
			lines.append(_("Time: {0} (Beijing time)").format(clock.fmt(clock.to_shanghai(at))))
		if place:
			lines.append(_("Place: {0}").format(place))
		lines.append(_("Take part as the evaluation committee announces."))
		subject = _("A defense is scheduled for your title application {0}").format(doc.name)
		return send_once(doc, rule.DEFENSE_SCHEDULED, [doc.applicant_user], subject, _paragraphs(*lines), at)


def notify_defense_rescheduled(
	application_name: str,
	at: datetime.datetime | None,
	place: str,
	online: bool,
	detail: str,
) -> list[str]:
	"""Tell the applicant their defense was moved: the new time, mode and place. Sent once per
	change of the session (``detail``)."""
	doc = frappe.get_doc(APPLICATION, application_name)
	with print_language("zh"):
		mode = _("online video") if online else _("on site")
		lines = [
			_("{0}:").format(doc.applicant_name or ""),
			_("The defense ({0}) of your title application {1} has been moved.").format(mode, doc.name),
		]
		if at:
			lines.append(_("New time: {0} (Beijing time)").format(clock.fmt(clock.to_shanghai(at))))
		if place:
			lines.append(_("Place: {0}").format(place))
		lines.append(_("Take part as the evaluation committee announces."))
		subject = _("The defense of your title application {0} has been moved").format(doc.name)
		return send_once(
			doc, rule.DEFENSE_RESCHEDULED, [doc.applicant_user], subject, _paragraphs(*lines), at, detail
		)


def notify_defense_cancelled(
	application_name: str,
	session_title: str,
	at: datetime.datetime | None,
	reason: str,
	detail: str,
) -> list[str]:
	"""Tell the applicant the defense they were scheduled for is cancelled, and why; the committee
	schedules them again."""
	doc = frappe.get_doc(APPLICATION, application_name)
	with print_language("zh"):
		when = clock.fmt(clock.to_shanghai(at)) if at else ""
		lines = [
			_("{0}:").format(doc.applicant_name or ""),
			_(
				"The defense {0} of your title application {1} set for {2} (Beijing time) is cancelled."
			).format(session_title or "", doc.name, when),
			_("Reason: {0}").format(reason),
			_(
				"The evaluation committee tells you the new time and place when it schedules your defense again."
			),
		]
		subject = _("The defense of your title application {0} is cancelled").format(doc.name)
		return send_once(
			doc, rule.DEFENSE_CANCELLED, [doc.applicant_user], subject, _paragraphs(*lines), at, detail
		)


# ---------------------------------------------------------------- 会议公示
def notify_results_objection(objection) -> list[str]:
	"""Tell the committee office (its users who may act on the application) that the unit recorded
	an objection to the results publicity on its portal. Sent once per objection."""
	from frappe.utils.user import get_users_with_role

	from zhicheng_app.roles import COMMITTEE_OFFICE

	doc = frappe.get_doc(APPLICATION, objection.application)
	offices = [
		user
		for user in get_users_with_role(COMMITTEE_OFFICE)
		if frappe.has_permission(APPLICATION, "write", doc=doc, user=user)
	]
	unit = frappe.db.get_value("Employer Unit", doc.employer_unit, "unit_name") or doc.employer_unit
	with print_language("zh"):
		lines = [
			_("{0} recorded an objection to the results publicity of title application {1} ({2}).").format(
				unit, doc.name, doc.applicant_name or ""
			),
			_("Received On: {0}").format(objection.received_on or ""),
			_("Raised By: {0}").format(objection.raised_by or _("Anonymous")),
			_("Contact Details: {0}").format(objection.contact) if objection.contact else "",
			_("Objection Content: {0}").format(objection.content or ""),
			_("Check it and record the handling in 公示异议 (Publicity Objection) before the certification."),
		]
		subject = _("Objection to the results publicity of title application {0}").format(doc.name)
		return send_once(
			doc, rule.RESULTS_OBJECTION, offices, subject, _paragraphs(*lines), detail=objection.name
		)


# ---------------------------------------------------------------- the hourly reminders
def job_title() -> str:
	return _("Deadline reminders")


def send_deadline_reminders(now: datetime.datetime | None = None, notices: list[str] | None = None) -> int:
	"""The hourly job: remind whoever must act of a deadline governing their application's state
	that falls within the configured hours. Returns how many notifications were sent."""
	now = now or clock.now()
	hours = reminder_hours()
	if hours <= 0:
		return 0
	names = notices if notices is not None else frappe.get_all("Title Notice", pluck="name")
	sent = 0
	with print_language("zh"):
		for notice in names:
			sent += batch.for_record(
				"Title Notice", notice, job_title(), _remind_notice, notice, now, hours, default=0
			)
	return sent


def _remind_notice(notice: str, now: datetime.datetime, hours: int) -> int:
	until = now + datetime.timedelta(hours=hours)
	sent = 0
	for row, deadline in upcoming(notice, now, until):
		sent += batch.for_record(
			APPLICATION,
			row.name,
			job_title(),
			_remind,
			row.name,
			deadline.at,
			_(deadline.kind),
			deadline.reason(),
			default=0,
		)
	return sent


def _remind(application: str, at: datetime.datetime, what: str, consequence: str) -> int:
	doc = frappe.get_doc(APPLICATION, application)
	users = [doc.applicant_user] if rule.applicant_acts(doc.workflow_state) else next_actors(doc)
	subject = _("Title application {0}: the {1} deadline is {2} (Beijing time)").format(
		doc.name, what, clock.fmt(at)
	)
	message = _paragraphs(
		_("The title application {0} of {1} is at the step {2}.").format(
			doc.name, doc.applicant_name or "", _(doc.workflow_state)
		),
		_("Act before {0} (Beijing time). If the deadline passes: {1}").format(clock.fmt(at), consequence),
	)
	return len(send_once(doc, rule.DEADLINE_REMINDER, users, subject, message, at))
