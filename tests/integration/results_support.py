"""A 000-like campaign after the review meeting: a committee with its certificate prefix, a notice
with the seed 000's certification settings (the 地区人社局 certifies, 四、（九）) and applications
walked through the workflow to Passed Publicity, for the results publicity, certification and
revocation tests."""

import datetime
import io
import random
import string
import time

import frappe
import pytest
from docx import Document

from tests.integration.factories import make_user, unique
from tests.integration.workflow_support import (
	NOW,
	act,
	chain_notice,
	decide,
	make_chain_application,
	pay_fee,
	publicise,
	state,
)
from zhicheng_app.demo import CERTIFICATION_SETTINGS

PASSWORD = "Integration-Test-2024!"
# the results publicity starts at NOW (Thu 2024-08-01): five working days end on Wed 08-07
PUBLICITY_END = datetime.date(2024, 8, 7)
AFTER_PUBLICITY = datetime.datetime(2024, 8, 8, 10, 0)
DOC_NO = "阿地人社发〔2024〕{0}号"


def make_committee() -> tuple[str, str]:
	"""A committee with a random certificate prefix (its own number series): (name, prefix)."""
	code = "T" + "".join(random.choices(string.ascii_uppercase, k=6))
	doc = frappe.get_doc(
		{"doctype": "Evaluation Committee", "committee_name": unique("测试建筑评审委员会"), "code": code}
	).insert(ignore_permissions=True)
	return doc.name, code


def results_notice(committee: str, **overrides):
	"""The seed 000's routes, chain and certification settings, every window open around NOW,
	the routes evaluated by ``committee``."""
	notice = chain_notice("000", **{**CERTIFICATION_SETTINGS["000"], **overrides})
	for row in notice.routes:
		row.committee = committee
	notice.set("committees", [{"committee": committee}])
	notice.save(ignore_permissions=True)
	return notice


def to_passed(actors: dict, notice, **kw) -> str:
	"""An intermediate directed application of the module applicant at the prefecture unit, walked
	to Passed Publicity."""
	doc = make_chain_application(actors, notice, "prefecture", "Directed Evaluation", "Intermediate", **kw)
	act(actors["applicant"], doc.name, "Submit")
	publicise(actors, doc.name)
	act(actors["hr"], doc.name, "Recommend")
	committee = actors["committee"]
	act(committee, doc.name, "Accept")
	if any(w.kind == "Paper Submission" for w in notice.windows):
		act(committee, doc.name, "Receive Paper Materials")
	pay_fee(committee, doc.name)
	act(committee, doc.name, "Start Evaluation")
	decide(committee, doc.name, "Passed")
	assert state(doc.name) == "Passed Publicity"
	return doc.name


def certified(actors: dict, notice, count: int = 1) -> list[str]:
	"""``count`` applications certified by the prefecture bureau after a results publicity started at
	NOW; the clock is left the day after it ended."""
	from zhicheng_app.services.results import start_results_publicity

	frappe.flags.zhicheng_now = NOW
	names = [to_passed(actors, notice) for _ in range(count)]
	as_user(actors["committee"], start_results_publicity, notice.name, names)
	frappe.flags.zhicheng_now = AFTER_PUBLICITY
	for name in names:
		act(actors["prefecture"], name, "Certify")
		assert state(name) == "Certified"
	return names


def as_user(user: str, fn, *args, **kw):
	frappe.set_user(user)
	try:
		return fn(*args, **kw)
	finally:
		frappe.set_user("Administrator")


def docx_text(content: bytes) -> str:
	"""Every paragraph and table cell of a .docx."""
	doc = Document(io.BytesIO(content))
	parts = [p.text for p in doc.paragraphs]
	for table in doc.tables:
		for row in table.rows:
			parts.extend(cell.text for cell in row.cells)
	return "\n".join(parts)


def second_applicant() -> str:
	return make_user("Title Applicant", password=PASSWORD)


def cleanup(notices: list[str], committees: list[str], users: list[str] = ()):
	"""Delete what the test made beside the actors, committed; once more after a lock wait (other
	runs on the site may hold the rows)."""
	try:
		_delete(notices, committees, users)
	except frappe.QueryDeadlockError:
		frappe.db.rollback()
		time.sleep(2)
		_delete(notices, committees, users)
	frappe.db.commit()


def _delete(notices: list[str], committees: list[str], users: list[str]):
	frappe.set_user("Administrator")
	for notice in notices:
		for app in frappe.get_all(
			"Title Application", filters={"notice": notice}, fields=["name", "id_number"]
		):
			frappe.db.delete("Title Sanction", {"id_number": app.id_number})
			frappe.db.delete("Publicity Objection", {"application": app.name})
			frappe.delete_doc("Title Application", app.name, ignore_permissions=True, force=True)
		for generated in frappe.get_all(
			"Generated Document", filters={"reference_name": notice}, pluck="name"
		):
			frappe.delete_doc("Generated Document", generated, ignore_permissions=True, force=True)
		frappe.delete_doc("Title Notice", notice, ignore_permissions=True, force=True)
	for committee in committees:
		frappe.delete_doc("Evaluation Committee", committee, ignore_permissions=True, force=True)
	for user in users:
		frappe.delete_doc("User", user, ignore_permissions=True, force=True)


@pytest.fixture
def after_publicity():
	"""The campaign clock stands the day after the results publicity ended."""
	frappe.flags.zhicheng_now = AFTER_PUBLICITY
	yield
	frappe.flags.zhicheng_now = NOW


__all__ = ["AFTER_PUBLICITY", "DOC_NO", "NOW", "PASSWORD", "PUBLICITY_END"]
