"""Workflow actions through the real REST API of the running bench: concurrency and editability."""

import datetime
import json
import threading

import frappe
import pytest

from tests.integration.rest import BASE_URL, require_server, session
from tests.integration.workflow_support import (
	act,
	chain_notice,
	edit,
	make_actors,
	make_chain_application,
	remove_actors,
	state,
)


@pytest.fixture(scope="module")
def live(frappe_site):
	require_server()
	frappe.set_user("Administrator")
	frappe.flags.zhicheng_now = None
	actors = make_actors()
	now = frappe.utils.now_datetime()
	notice = chain_notice("000", now=now)
	today = now.date()
	names = {}
	for key in ("concurrent", "under_review"):
		doc = make_chain_application(actors, notice, "prefecture", "Directed Evaluation", "Intermediate")
		act(actors["applicant"], doc.name, "Submit")
		names[key] = doc.name
	# a publicity that ended well before today and lasted long enough in any week
	edit(
		actors["hr"],
		names["concurrent"],
		publicity_start=today - datetime.timedelta(days=30),
		publicity_end=today - datetime.timedelta(days=15),
	)
	act(actors["hr"], names["concurrent"], "Recommend")
	assert state(names["concurrent"]) == "Committee Review"
	frappe.db.commit()
	yield actors, names
	remove_actors(actors)
	frappe.delete_doc("Title Notice", notice.name, ignore_permissions=True, force=True)
	frappe.db.commit()


def _session(email):
	return session(email, "Integration-Test-2024!")


def test_two_users_acting_at_once_make_exactly_one_transition(live):
	actors, names = live
	name = names["concurrent"]
	sessions = [_session(actors["committee"]), _session(actors["committee2"])]
	barrier = threading.Barrier(2)
	results = [None, None]

	def accept(i):
		barrier.wait()
		results[i] = sessions[i].post(
			f"{BASE_URL}/api/method/frappe.model.workflow.apply_workflow",
			data={"doc": json.dumps({"doctype": "Title Application", "name": name}), "action": "Accept"},
			timeout=120,
		)

	threads = [threading.Thread(target=accept, args=(i,)) for i in range(2)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	ok = [r for r in results if r.ok]
	failed = [r for r in results if not r.ok]
	assert len(ok) == 1 and len(failed) == 1, [r.status_code for r in results]
	assert failed[0].status_code in (409, 417) and failed[0].json().get("exc_type")
	frappe.db.rollback()  # see the server's commit
	assert state(name) == "Accepted"
	comments = frappe.get_all(
		"Comment",
		filters={"reference_name": name, "comment_type": "Workflow", "content": ("like", "%已接收材料%")},
	)
	assert len(comments) == 1


def test_applicant_cannot_change_a_file_under_review_through_rest(live):
	actors, names = live
	name = names["under_review"]
	before = frappe.db.get_value("Title Application", name, "personal_summary")
	response = _session(actors["applicant"]).put(
		f"{BASE_URL}/api/resource/Title Application/{name}",
		data={"data": json.dumps({"personal_summary": "审核中通过接口修改"})},
		timeout=60,
	)
	assert response.status_code == 403, response.text
	body = response.json()
	assert "exception" not in body and "exc" not in body  # no traceback for an applicant
	messages = [json.loads(m).get("message", "") for m in json.loads(body["_server_messages"])]
	assert any("不能修改" in m for m in messages)
	frappe.db.rollback()
	assert frappe.db.get_value("Title Application", name, "personal_summary") == before
