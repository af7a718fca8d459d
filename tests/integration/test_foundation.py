"""The foundation on a real site: shipped records, every DocType's round trip, identity checks."""

from pathlib import Path

import frappe
import pytest
from frappe.utils import get_datetime, getdate

from tests.integration.factories import make_application, make_notice, make_unit, unique
from zhicheng_app.roles import ROLES
from zhicheng_app.services.input_checks import is_calendar_year

MODULE = "Zhicheng"


# fields whose values are a vocabulary rather than free text
SAMPLES = {("Notice Window", "closes_states"): "Draft"}  # the workflow's state names, one per line


def _sample(df):
	"""A valid value for a field, by type (Links point at shipped or demo-independent records)."""
	if (df.parent, df.fieldname) in SAMPLES:
		return SAMPLES[(df.parent, df.fieldname)]
	if df.fieldtype == "Select":
		options = [o for o in (df.options or "").split("\n") if o]
		return options[0] if options else None
	if df.fieldtype == "Link":
		return frappe.db.get_value(df.options, {}, "name")
	if df.fieldtype == "Int" and is_calendar_year(df.fieldname):
		return 2024
	return {
		"Data": "测试值",
		"Small Text": "测试说明",
		"Long Text": "测试长文本",
		"Int": 3,
		"Float": 1.5,
		"Currency": 400,
		"Check": 1,
		"Date": "2024-05-10",
		"Datetime": "2024-05-10 19:00:00",
		"Attach": "/private/files/test.pdf",
	}.get(df.fieldtype)


def _same(df, a, b):
	if df.fieldtype == "Date":
		return getdate(a) == getdate(b)
	if df.fieldtype == "Datetime":
		return get_datetime(a) == get_datetime(b)
	if df.fieldtype in ("Int", "Float", "Currency", "Check"):
		return float(a or 0) == float(b or 0)
	return (a or None) == (b or None)


def _fill_tables(doc):
	"""Append one sample row to every child table; return {table: row values}."""
	filled = {}
	for table in doc.meta.get_table_fields():
		child_meta = frappe.get_meta(table.options)
		row = {
			df.fieldname: _sample(df)
			for df in child_meta.fields
			if df.fieldtype not in ("Section Break", "Column Break")
		}
		row = {k: v for k, v in row.items() if v is not None}
		doc.append(table.fieldname, dict(row))
		filled[table.fieldname] = row
	return filled


def test_roles_are_shipped_with_desk_access():
	for role, desk_access in ROLES.items():
		assert frappe.db.get_value("Role", role, "desk_access") == desk_access, role


def test_regions_are_shipped_as_a_tree():
	assert frappe.db.get_value("Region", "阿克苏地区", "parent_region") == "新疆维吾尔自治区"
	for county in ("若羌县", "且末县", "库尔勒市"):
		assert frappe.db.get_value("Region", county, "parent_region") == "巴音郭楞蒙古自治州"
	aksu = frappe.get_all("Region", filters={"parent_region": "阿克苏地区"}, pluck="name")
	assert len(aksu) == 9 and "柯坪县" in aksu
	root = frappe.db.get_value("Region", "新疆维吾尔自治区", ["lft", "rgt"], as_dict=True)
	wensu = frappe.db.get_value("Region", "温宿县", ["lft", "rgt"], as_dict=True)
	assert root.lft < wensu.lft < wensu.rgt < root.rgt


def test_title_catalog_is_shipped():
	assert frappe.db.get_value("Title Name", {"title_name": "正高级工程师"}, "level") == "Full Senior"
	assert frappe.db.get_value("Title Name", {"title_name": "高级经济师"}, "level") == "Deputy Senior"
	assert frappe.db.get_value("Title Profession", "交通经济", "series") == "经济系列"
	assert frappe.db.count("Title Name", {"series": "技工院校教师系列"}) == 9


# DocTypes only their service writes (a form or a plain insert is refused or has no meaning): the
# integration file that saves them through that service and reads them back
SERVICE_WRITTEN = {
	"Fee Payment": "test_fees.py",
	"Notification Sent": "test_reminders.py",
	"Deadline Reminder Settings": "test_reminders.py",
	"Defense Session": "test_defense.py",
	"Material Redaction": "test_masking.py",
	"Review Packet": "test_review_packets.py",
	"Review Packet Source": "test_review_packets.py",
	"Review Meeting": "test_review_meeting.py",
	"Review Vote": "test_review_meeting.py",
}


def test_every_doctype_of_the_module_is_covered():
	doctypes = set(frappe.get_all("DocType", filters={"module": MODULE, "istable": 0}, pluck="name"))
	assert doctypes == set(ROUND_TRIPS) | set(SERVICE_WRITTEN), "add a round trip for each new DocType"
	folder = Path(__file__).parent
	for doctype, test_file in SERVICE_WRITTEN.items():
		assert f'"{doctype}"' in (folder / test_file).read_text(encoding="utf-8"), (doctype, test_file)


def _round_trip_unit():
	doc = make_unit(head_name="单位负责人", supervising_unit="阿克苏地区住房和城乡建设局")
	return doc, {"head_name": "单位负责人", "supervising_unit": "阿克苏地区住房和城乡建设局"}


def _round_trip_notice():
	doc = frappe.get_doc({"doctype": "Title Notice", "code": unique("N"), "title": "往返测试通知"})
	filled = _fill_tables(doc)
	doc.insert(ignore_permissions=True)
	return doc, {"title": "往返测试通知", "_tables": filled}


def _round_trip_application():
	unit = make_unit()
	notice = make_notice()
	doc = frappe.get_doc(
		{
			"doctype": "Title Application",
			"notice": notice.name,
			"route": "Private Enterprise Special",
			"series": "工程系列",
			"target_level": "Deputy Senior",
			"applicant_name": "往返测试",
			"id_number": "652901198503120018",
			"employer_unit": unit.name,
		}
	)
	filled = _fill_tables(doc)
	doc.insert(ignore_permissions=True)
	return doc, {
		"route": "Private Enterprise Special",
		"birth_date": "1985-03-12",
		"gender": "Male",
		"_tables": filled,
	}


def _simple(doctype, values):
	def make():
		doc = frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True)
		return doc, values

	return make


def _round_trip_committee():
	doc = frappe.get_doc(
		{
			"doctype": "Evaluation Committee",
			"committee_name": unique("评审委员会"),
			"host_body": "地区住建局",
			"scope": [
				{
					"series": "工程系列",
					"profession": "建筑",
					"level": "Intermediate",
					"route": "Directed Evaluation",
				}
			],
		}
	).insert(ignore_permissions=True)
	return doc, {
		"host_body": "地区住建局",
		"_tables": {"scope": {"series": "工程系列", "level": "Intermediate"}},
	}


def _round_trip_objection():
	app, _expected = _round_trip_application()
	values = {
		"application": app.name,
		"received_on": "2024-07-16",
		"content": "对业绩材料有异议",
		"status": "Unhandled",
	}
	doc = frappe.get_doc({"doctype": "Publicity Objection", **values}).insert(ignore_permissions=True)
	return doc, {**values, "employer_unit": app.employer_unit}


def _round_trip_registration():
	from tests.integration.factories import credit_code

	values = {
		"unit_name": unique("测试注册单位"),
		"credit_code": credit_code(),
		"ownership": "Private Enterprise",
		"location": "County",
		"region": "温宿县",
		"hr_contact": "王经办",
		"phone": "13800000000",
	}
	doc = frappe.get_doc({"doctype": "Unit Registration", **values}).insert(ignore_permissions=True)
	return doc, values


ROUND_TRIPS = {
	"Publicity Objection": _round_trip_objection,
	"Unit Registration": _round_trip_registration,
	"Region": lambda: _simple(
		"Region", {"region_name": unique("测试乡"), "region_level": "Township", "parent_region": "温宿县"}
	)(),
	"Title Series": lambda: _simple("Title Series", {"series_name": unique("测试系列")})(),
	"Title Profession": lambda: _simple(
		"Title Profession", {"profession_name": unique("测试专业"), "series": "工程系列"}
	)(),
	"Title Name": lambda: _simple(
		"Title Name", {"title_name": unique("测试职称"), "series": "工程系列", "level": "Intermediate"}
	)(),
	"Title Sanction": lambda: _simple(
		"Title Sanction",
		{"id_number": "652901198503120018", "reason": "提供虚假材料", "decided_on": "2024-09-01"},
	)(),
	"Employer Unit": _round_trip_unit,
	"Evaluation Committee": _round_trip_committee,
	"Title Notice": _round_trip_notice,
	"Title Application": _round_trip_application,
	"Document Template": lambda: __import__(
		"tests.integration.test_documents", fromlist=["round_trip_document_template"]
	).round_trip_document_template(),
	"Generated Document": lambda: __import__(
		"tests.integration.test_documents", fromlist=["round_trip_generated_document"]
	).round_trip_generated_document(),
}


@pytest.mark.parametrize("doctype", sorted(ROUND_TRIPS))
def test_insert_validate_round_trip(doctype):
	doc, expected = ROUND_TRIPS[doctype]()
	saved = frappe.get_doc(doctype, doc.name)
	meta = frappe.get_meta(doctype)
	tables = expected.pop("_tables", {})
	for fieldname, value in expected.items():
		assert _same(meta.get_field(fieldname), saved.get(fieldname), value), fieldname
	for table, row in tables.items():
		rows = saved.get(table)
		assert len(rows) == 1, table
		child_meta = frappe.get_meta(meta.get_field(table).options)
		for fieldname, value in row.items():
			assert _same(child_meta.get_field(fieldname), rows[0].get(fieldname), value), (
				f"{table}.{fieldname}"
			)
	saved.save(ignore_permissions=True)  # validate runs again on the stored record


def test_bad_resident_id_is_rejected_in_chinese_and_nothing_saved():
	before = frappe.db.count("Title Application")
	with pytest.raises(frappe.ValidationError) as raised:
		make_application(id_number="652901198503120011")
	assert "居民身份证" in str(raised.value) and "校验" in str(raised.value)
	assert frappe.db.count("Title Application") == before


def test_bad_credit_code_is_rejected_in_chinese_and_nothing_saved():
	before = frappe.db.count("Employer Unit")
	with pytest.raises(frappe.ValidationError) as raised:
		make_unit(credit_code="91652900MA7XY312Q2")
	assert "统一社会信用代码" in str(raised.value)
	assert frappe.db.count("Employer Unit") == before


def test_identity_derives_birth_date_and_gender():
	doc = make_application(id_number="65292219920202028x")
	assert doc.id_number == "65292219920202028X"
	assert str(doc.birth_date) == "1992-02-02" and doc.gender == "Female"


def test_a_notice_whose_window_ends_before_it_starts_is_refused():
	with pytest.raises(frappe.ValidationError, match="截止时间早于开始时间"):
		make_notice(
			windows=[{"kind": "Application", "start": "2024-08-30 18:00:00", "end": "2024-07-22 00:00:00"}]
		)
