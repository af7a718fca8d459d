"""The input checks inside Frappe: every way a document of the app is saved (here: code, as the
desk and the web form also save) refuses a value that does not fit its field, before the
controller reads it; other apps' DocTypes are left alone."""

import frappe
import pytest

from tests.integration.factories import make_application, make_notice, make_unit

HOOK = "zhicheng_app.services.input_checks.check_document"


def test_the_check_runs_before_validate_for_every_doctype():
	assert HOOK in frappe.get_hooks("doc_events")["*"]["before_validate"]


@pytest.mark.parametrize(
	"values, label",
	[
		({"exam_year": "abc"}, "考试年度"),
		({"exam_score": "12abc"}, "考试成绩"),
		({"first_work_date": "2024-13-45"}, "参加工作时间"),
		({"first_work_date": "0000-00-00"}, "参加工作时间"),
		({"personal_summary": "字" * 10_001}, "个人总结"),
		({"commitment_signed": "yes"}, None),
	],
)
def test_a_saved_application_refuses_values_that_do_not_fit(values, label):
	doc = make_application()
	before = frappe.db.get_value("Title Application", doc.name, ["modified", *values], as_dict=True)
	doc.update(values)
	with pytest.raises(frappe.ValidationError) as refused:
		doc.save(ignore_permissions=True)
	if label:
		assert label in str(refused.value)
	after = frappe.db.get_value("Title Application", doc.name, ["modified", *values], as_dict=True)
	assert after == before


def test_a_row_is_named_by_its_table_and_index():
	doc = make_application()
	doc.append("education", {"graduation_date": "2020-07-01"})
	doc.append("education", {"graduation_date": "2020-02-30"})
	with pytest.raises(frappe.ValidationError, match="第2行"):
		doc.save(ignore_permissions=True)


def test_a_new_notice_is_checked_before_its_controller_reads_the_windows():
	"""The notice's own validation compares the windows' times: an impossible time must be
	refused by the field check, not end in a server error there."""
	with pytest.raises(frappe.ValidationError, match="格式为 YYYY-MM-DD HH:MM:SS"):
		make_notice(
			windows=[{"kind": "Application", "start": "2024-07-22 00:00:00", "end": "2024-02-30 18:00"}]
		)


def test_values_that_fit_are_saved_as_sent():
	doc = make_application(exam_year="2023", exam_score="88.5", first_work_date="2010-07-01")
	stored = frappe.db.get_value(
		"Title Application", doc.name, ["exam_year", "exam_score", "first_work_date"], as_dict=True
	)
	assert (stored.exam_year, stored.exam_score, str(stored.first_work_date)) == (2023, 88.5, "2010-07-01")


def test_other_doctypes_are_not_checked():
	todo = frappe.get_doc({"doctype": "ToDo", "description": "x" * 20_000}).insert(ignore_permissions=True)
	assert todo.name
	unit = make_unit()
	unit.address = "x" * 20_000
	with pytest.raises(frappe.ValidationError, match="5000"):
		unit.save(ignore_permissions=True)
