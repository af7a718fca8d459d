"""Packets and meetings on a real site: applications under evaluation, experts, a committee."""

import time

import frappe

from tests.integration.factories import make_application, make_notice, make_unit, make_user, unique
from zhicheng_app.services import review_packets

SECRET_UNIT_WORDS = ("测试单位",)


def under_evaluation(notice, unit, **kw):
	"""An application put straight into 评审中 (the workflow's earlier steps are tested elsewhere)."""
	doc = make_application(
		unit=unit,
		notice=notice,
		applicant_name=kw.pop("applicant_name", unique("盲评申报人")[:12]),
		first_work_date="2010-07-01",
		current_title_date="2018-12-01",
		**kw,
	)
	frappe.db.set_value("Title Application", doc.name, "workflow_state", "Under Evaluation")
	return frappe.get_doc("Title Application", doc.name)


def committee() -> str:
	return (
		frappe.get_doc({"doctype": "Evaluation Committee", "committee_name": unique("测试评委会")})
		.insert(ignore_permissions=True)
		.name
	)


def meeting(notice: str, committee_name: str, experts: list[dict], packets: list[str], **kw):
	return frappe.get_doc(
		{
			"doctype": "Review Meeting",
			"meeting_title": "测试评审会",
			"committee": committee_name,
			"notice": notice,
			"meeting_date": "2024-09-01 09:00:00",
			"venue": "阿克苏",
			"experts": experts,
			"agenda": [{"packet": p} for p in packets],
			**kw,
		}
	).insert(ignore_permissions=True)


def world(experts: int = 3):
	"""A notice, two units (one supervising the other), experts and an office."""
	supervising = make_unit(ownership="Government Agency")
	unit = make_unit(supervising_unit=supervising.name)
	notice = make_notice()
	return {
		"notice": notice,
		"unit": unit,
		"supervising": supervising,
		"committee": committee(),
		"office": make_user("Committee Office"),
		"admin": make_user("Title Administrator"),
		"experts": [make_user("Review Expert") for _i in range(experts)],
		"outsider": make_user("Review Expert"),
	}


def packet_of(application) -> str:
	return review_packets.build_packet(application.name)


def remove_sitting(meetings=(), packets=(), applications=(), made: dict | None = None):
	"""Delete what a module committed (votes, meetings, packets, applications); a lock wait or a
	deadlock with another run is retried once."""
	for attempt in range(2):
		try:
			frappe.db.rollback()
			frappe.set_user("Administrator")
			for name in meetings:
				frappe.db.delete("Review Vote", {"meeting": name})
				frappe.delete_doc("Review Meeting", name, force=True, ignore_permissions=True)
			for packet in packets:
				frappe.db.delete("File", {"attached_to_doctype": "Review Packet", "attached_to_name": packet})
				frappe.delete_doc("Review Packet Source", packet, force=True, ignore_permissions=True)
				frappe.delete_doc("Review Packet", packet, force=True, ignore_permissions=True)
			for name in applications:
				frappe.db.delete(
					"File", {"attached_to_doctype": "Title Application", "attached_to_name": name}
				)
				frappe.delete_doc("Title Application", name, force=True, ignore_permissions=True)
			if made:  # the world's users, units, notice and committee
				for user in [made["office"], made["admin"], made["outsider"], *made["experts"]]:
					frappe.delete_doc("User", user, force=True, ignore_permissions=True)
				for unit in (made["unit"].name, made["supervising"].name):
					frappe.delete_doc("Employer Unit", unit, force=True, ignore_permissions=True)
				frappe.delete_doc("Title Notice", made["notice"].name, force=True, ignore_permissions=True)
				frappe.delete_doc(
					"Evaluation Committee", made["committee"], force=True, ignore_permissions=True
				)
			frappe.db.commit()
			return
		except (frappe.QueryDeadlockError, frappe.QueryTimeoutError):
			frappe.db.rollback()
			if attempt:
				raise
			time.sleep(2)
