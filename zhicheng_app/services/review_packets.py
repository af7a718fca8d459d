"""Review packets: what a review expert reads of an accepted application, without whose it is.

A packet carries a random code (``P-<year>-XXXXXX``, not derived from the application), the route,
series, profession, level and target title, the qualifications a reviewer weighs (highest
education, years of work, current title and years in it), the achievements and the work summary
with the applicant's name, ID and mobile numbers and unit names taken out, and the redacted copies
of the materials only (Material Redaction, ``services.masking.confirmed_redactions``), copied under
neutral file names. The packet → application mapping is a separate record (Review Packet Source)
that only the committee office and the administrators read.

Packets are built in the background when the committee accepts an application, rebuilt when a
redaction changes, and built for a whole notice from the notice's form (with progress).
"""

from __future__ import annotations

import os
import secrets

import frappe
from dateutil.relativedelta import relativedelta
from frappe.utils import getdate, now_datetime, today

from zhicheng_app.i18n import _
from zhicheng_app.permissions import get_scope, rows_of_parents
from zhicheng_app.roles import COMMITTEE_OFFICE, REVIEW_EXPERT, UNSCOPED_ROLES
from zhicheng_app.rules.meeting import blind_text
from zhicheng_app.rules.vocabulary import EDUCATION_RANK, WorkflowState

PACKET = "Review Packet"
SOURCE = "Review Packet Source"
APPLICATION = "Title Application"
# the states in which an application is before the committee's experts
PACKET_STATES = (
	WorkflowState.ACCEPTED,
	WorkflowState.PAPER_RECEIVED,
	WorkflowState.FEE_PAID,
	WorkflowState.DEFENSE,
	WorkflowState.UNDER_EVALUATION,
)
BUILD_ONE = "zhicheng_app.services.review_packets.build_packet"
BUILD_NOTICE = "zhicheng_app.services.review_packets.build_notice_packets"
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def check_server_write(doc):
	"""``validate`` of Review Packet and of its rows: a packet is the anonymised extract this
	module builds from the application; no form or REST write (not even an administrator's)
	changes what the experts read."""
	if not doc.flags.ignore_permissions:
		frappe.throw(
			_(
				"Review packets are built from the application when the committee accepts it; they cannot be edited"
			),
			frappe.PermissionError,
		)


def new_code(year: int | None = None) -> str:
	"""A fresh packet code from a secure random source, unused so far."""
	year = year or now_datetime().year
	while True:
		code = f"P-{year}-" + "".join(secrets.choice(_CODE_ALPHABET) for _i in range(6))
		if not frappe.db.exists(PACKET, code):
			return code


def packet_of(application: str) -> str | None:
	return frappe.db.get_value(SOURCE, {"application": application}, "packet")


def application_of(packet: str) -> str | None:
	return frappe.db.get_value(SOURCE, packet, "application")


def full_years(start, end=None) -> int | None:
	if not start:
		return None
	return max(0, relativedelta(getdate(end or today()), getdate(start)).years)


def _identifying_names(app) -> list[str]:
	"""Every name in the application a text could reveal it by."""
	names = [app.applicant_name, app.employer_unit, app.supervising_unit]
	names += [row.unit_name for row in app.work_history]
	for unit in {app.employer_unit, app.supervising_unit} - {None, ""}:
		short = frappe.db.get_value("Employer Unit", unit, "short_names") or ""
		names += [s.strip() for s in short.replace("，", ",").replace("、", ",").split(",")]
	names += [row.witness for row in app.achievements]
	return [n for n in names if n]


def packet_values(app) -> dict:
	"""The packet's fields of the application ``app`` (a Title Application document)."""
	names = _identifying_names(app)
	highest = max(app.education, key=lambda row: EDUCATION_RANK.get(row.education, 0), default=None)
	return {
		"notice": app.notice,
		"route": app.route,
		"series": app.series,
		"profession": app.profession,
		"target_level": app.target_level,
		"target_title": app.target_title,
		"education_level": highest.education if highest else None,
		"degree": highest.degree if highest else None,
		"major": blind_text(highest.major, names) if highest else None,
		"years_of_work": full_years(app.first_work_date),
		"current_title": app.current_title,
		"current_level": app.current_level,
		"years_in_current_title": full_years(app.current_title_date),
		"personal_summary": blind_text(app.personal_summary, names),
		"achievements": [
			{
				"kind": row.kind,
				"title": blind_text(row.title, names),
				"achieved_on": row.achieved_on,
				"rank": blind_text(row.rank, names),
			}
			for row in app.achievements
		],
	}


def _redactions(app) -> list[dict]:
	"""The confirmed redacted copies of the application's materials (none while the masking
	service is not installed)."""
	try:
		from zhicheng_app.services.masking import confirmed_redactions
	except ImportError:
		return []
	return confirmed_redactions(app.name) or []


def _file_bytes(file_url: str) -> tuple[bytes, str] | None:
	name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not name:
		return None
	content = frappe.get_doc("File", name).get_content()
	return (content.encode() if isinstance(content, str) else content), os.path.splitext(file_url)[1]


def _write_private(file_name: str, content: bytes) -> str:
	"""A private file of its own under ``file_name``, attached to nobody yet. Frappe would hand a
	File with the content of an existing one that file's address (and name); the packet's copy
	has to carry the packet's name, so the bytes are written first and the File points at them."""
	path = frappe.get_site_path("private", "files", file_name)
	with open(path, "wb") as f:
		f.write(content)
	return f"/private/files/{file_name}"


def _file_record(packet: str, file_url: str, size: int) -> None:
	"""The File of a packet's copy, pointing at the bytes already written. Frappe's own insert
	would point a File whose content it already holds at the older address (whose name may be the
	applicant's), so the record is written as it is."""
	doc = frappe.new_doc("File")
	doc.update(
		{
			"file_name": os.path.basename(file_url),
			"file_url": file_url,
			"is_private": 1,
			"attached_to_doctype": PACKET,
			"attached_to_name": packet,
			"folder": "Home/Attachments",
			"file_size": size,
		}
	)
	doc.set_new_name()
	doc.db_insert()


def _attach_materials(packet, app) -> None:
	"""Replace the packet's materials with fresh copies of the redacted files, named by the packet."""
	for old in frappe.get_all(
		"File",
		filters={"attached_to_doctype": PACKET, "attached_to_name": packet.name},
		fields=["name", "file_url"],
	):
		frappe.delete_doc("File", old.name, ignore_permissions=True, force=True)
		path = frappe.get_site_path("private", "files", os.path.basename(old.file_url or ""))
		if os.path.basename(path).startswith(f"{packet.name}-") and os.path.exists(path):
			os.remove(path)
	packet.materials = []
	descriptions = {row.name: row.description for row in app.attachments}
	for i, redaction in enumerate(_redactions(app), start=1):
		found = _file_bytes(redaction.get("redacted_file") or "")
		if not found:
			continue
		content, ext = found
		code = redaction.get("material_code") or str(i)
		file_url = _write_private(
			f"{packet.name}-{i:02d}-{frappe.scrub(code)}-{secrets.token_hex(3)}{ext}", content
		)
		_file_record(packet.name, file_url, len(content))
		packet.append(
			"materials",
			{
				"material_code": code,
				"description": blind_text(
					descriptions.get(redaction.get("attachment_row")), _identifying_names(app)
				),
				"file": file_url,
			},
		)


def build_packet(application: str) -> str | None:
	"""Build or rebuild the packet of ``application`` (same code as before); None when the
	application is not before the committee's experts."""
	app = frappe.get_doc(APPLICATION, application)
	if app.workflow_state not in PACKET_STATES:
		return None
	values = packet_values(app)
	name = packet_of(application)
	if name:
		packet = frappe.get_doc(PACKET, name)
		packet.achievements = []
		packet.update(values)
	else:
		packet = frappe.get_doc({"doctype": PACKET, "packet_code": new_code(), **values})
		packet.insert(ignore_permissions=True)
		frappe.get_doc(
			{"doctype": SOURCE, "packet": packet.name, "application": application, "notice": app.notice}
		).insert(ignore_permissions=True)
	_attach_materials(packet, app)
	packet.built_at = now_datetime()
	packet.save(ignore_permissions=True)
	return packet.name


def enqueue_packet(application: str) -> None:
	frappe.enqueue(
		BUILD_ONE,
		queue="short",
		application=application,
		enqueue_after_commit=True,
		job_id=f"review-packet::{frappe.local.site}::{application}",
		deduplicate=True,
	)


def on_application_update(doc, method=None) -> None:
	"""doc_events: the committee accepting an application queues its packet."""
	if doc.workflow_state == WorkflowState.ACCEPTED and doc.has_value_changed("workflow_state"):
		enqueue_packet(doc.name)


def on_redaction_update(doc, method=None) -> None:
	"""doc_events of Material Redaction: a changed redaction rebuilds the packet that has it."""
	application = doc.get("application") or doc.get("title_application")
	if application and packet_of(application):
		enqueue_packet(application)


# ---------------------------------------------------------------- a notice's packets in a batch
class _Progress:
	def __init__(self, notice: str, total: int):
		self.notice, self.total, self.done = notice, max(total, 1), 0

	def step(self) -> None:
		self.done += 1
		frappe.publish_progress(
			min(100, round(self.done * 100 / self.total)),
			title=_("Building review packets"),
			doctype="Title Notice",
			docname=self.notice,
			description=_("{0} of {1}").format(self.done, self.total),
		)


def notice_applications(notice: str) -> list[str]:
	return frappe.get_all(
		APPLICATION,
		filters={"notice": notice, "workflow_state": ("in", [str(s) for s in PACKET_STATES])},
		pluck="name",
		order_by="name",
	)


def check_office(notice: str) -> None:
	"""Only a committee office (of the notice's committee) or an administrator builds packets."""
	roles = set(frappe.get_roles())
	scope = get_scope()
	allowed = frappe.session.user == "Administrator" or roles & UNSCOPED_ROLES
	allowed = allowed or (COMMITTEE_OFFICE in roles and (scope.unscoped or notice in scope.notices))
	if not allowed:
		frappe.throw(_("Only the committee office builds review packets"), frappe.PermissionError)


def build_notice_packets(notice: str, user: str | None = None) -> dict:
	"""The background job: every packet of the notice, progress on the notice's form."""
	names = notice_applications(notice)
	progress = _Progress(notice, len(names))
	built, failed = 0, 0
	for application in names:
		try:
			if build_packet(application):
				built += 1
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			failed += 1
			frappe.log_error(
				title=_("Review packet failed"), reference_doctype=APPLICATION, reference_name=application
			)
		progress.step()
	result = {"notice": notice, "built": built, "failed": failed, "total": len(names)}
	frappe.publish_realtime(
		"zhicheng_packets_done", result, user=user or frappe.session.user, after_commit=True
	)
	return result


@frappe.whitelist(methods=["POST"])
def start_notice_packets(notice: str) -> dict:
	"""Desk action on a notice (评审委员会办公室): build its packets in the background."""
	frappe.get_doc("Title Notice", notice).check_permission("read")
	check_office(notice)
	job = frappe.enqueue(
		BUILD_NOTICE,
		queue="long",
		timeout=3600,
		notice=notice,
		user=frappe.session.user,
		enqueue_after_commit=True,
	)
	return {"notice": notice, "total": len(notice_applications(notice)), "job_id": getattr(job, "id", None)}


# ---------------------------------------------------------------- who reads a packet
def is_unscoped(user: str) -> bool:
	"""Administrators read every packet, meeting and vote."""
	return user == "Administrator" or bool(set(frappe.get_roles(user)) & UNSCOPED_ROLES)


def expert_packets_sql(user: str) -> str:
	"""The packets on the agenda of the meetings ``user`` sits on, less those they withdrew from."""
	u = frappe.db.escape(user)
	return (
		"(select p.packet from `tabReview Meeting Packet` p join `tabReview Meeting Expert` e"
		" on e.parent = p.parent and e.parenttype = 'Review Meeting'"
		f" where p.parenttype = 'Review Meeting' and e.expert = {u}"
		" and p.packet not in (select r.packet from `tabReview Meeting Recusal` r"
		f" where r.parent = p.parent and r.expert = {u}))"
	)


def packet_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if is_unscoped(user):
		return ""
	roles = set(frappe.get_roles(user))
	parts = []
	if COMMITTEE_OFFICE in roles:
		scope = get_scope(user)
		if scope.unscoped:
			return ""
		notices = ", ".join(frappe.db.escape(n) for n in sorted(scope.notices)) or "''"
		parts.append(f"`tabReview Packet`.notice in ({notices})")
	if REVIEW_EXPERT in roles:
		parts.append(f"`tabReview Packet`.name in {expert_packets_sql(user)}")
	return "(" + " or ".join(parts) + ")" if parts else "1=0"


def packet_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if is_unscoped(user):
		return True
	condition = packet_query_conditions(user)
	return bool(
		frappe.db.sql(
			f"select name from `tabReview Packet` where name = %s and {condition or '1=1'}", doc.name
		)
	)


def source_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The packet → application mapping: the committee office of the application's notice."""
	scope = get_scope(user)
	if scope.unscoped:
		return ""
	return f"`tabReview Packet Source`.application in (select `tabTitle Application`.name from `tabTitle Application` where {scope.condition()})"


def source_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	scope = get_scope(user)
	return scope.unscoped or bool(doc.get("notice") in scope.notices)


def file_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Files (and comments) of packets: only those of packets the user reads."""
	user = user or frappe.session.user
	condition = packet_query_conditions(user)
	if not condition:
		return ""
	table = f"`tab{doctype}`"
	kind, name = (
		("attached_to_doctype", "attached_to_name")
		if doctype == "File"
		else ("reference_doctype", "reference_name")
	)
	return (
		f"(ifnull({table}.{kind}, '') != 'Review Packet' or {table}.{name} in"
		f" (select `tabReview Packet`.name from `tabReview Packet` where {condition}))"
	)


def packet_child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows of a packet's tables (achievements, materials): only those of packets the user reads."""
	condition = packet_query_conditions(user or frappe.session.user)
	return rows_of_parents(doctype, "Review Packet", condition) if condition else ""
