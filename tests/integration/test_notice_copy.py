"""A notice copied for the next year (services/notice_copy.py, api/notice.py) on the site: every
date moved by the delta, the rows copied, the source unchanged, the review list stored in Chinese
and only the server writing it, and only administrators copying. Each test is rolled back."""

import datetime
import re

import frappe
import pytest
from dateutil.relativedelta import relativedelta
from frappe.utils import get_datetime, getdate

from tests.integration.factories import make_notice, make_user, unique
from zhicheng_app.api.notice import copy_for_next_year
from zhicheng_app.services.notice_copy import copy_notice

CJK = re.compile(r"[\u4e00-\u9fff]")
SEED_CODES = ("000", "001", "002", "003", "004")


def _rich_notice(**kw):
	"""A notice with dates on the notice and in several tables, a 文号 and year-specific rows
	(read back as stored)."""
	doc = make_notice(
		title="关于开展2024年度测试系列职称评审工作的通知",
		doc_no="测人社发〔2024〕7号",
		parent_doc_no="测人社传〔2024〕1号",
		issue_date="2024-07-15",
		seniority_cutoff="2024-12-31",
		aid_report_before="2024-02-29",
		assessment_from_year=2021,
		assessment_to_year=2023,
		windows=[
			{"kind": "Application", "start": "2024-07-22 00:00:00", "end": "2024-08-30 18:00:00"},
			{"kind": "Review", "start": "2024-08-01 00:00:00", "end": "2024-09-10 23:59:59"},
			{"kind": "Fee Payment", "start": "2024-09-11 00:00:00", "end": "2024-10-01 23:59:59"},
		],
		extra_holidays=[{"holiday_date": "2024-04-10", "description": "肉孜节"}],
		contacts=[{"contact_name": "张三", "phone": "0997—2514195", "role": "联系人"}],
		materials=[{"code": "appraisal", "label": "2021—2023年度考核表"}],
		ce_policies=[
			{
				"level": "Intermediate",
				"mode": "Years",
				"professional_from_year": 2021,
				"professional_to_year": 2024,
				"general_from_year": 2021,
				"general_to_year": 2024,
				"min_total_hours": 90,
			}
		],
		**kw,
	)
	return frappe.get_doc("Title Notice", doc.name)


def _dates(doc):
	"""(where, value) of every Date and Datetime of a notice and its rows, in order."""
	out = []
	for df in doc.meta.fields:
		if df.fieldtype == "Date":
			out.append((df.fieldname, doc.get(df.fieldname) and getdate(doc.get(df.fieldname))))
		elif df.fieldtype == "Datetime":
			out.append((df.fieldname, doc.get(df.fieldname) and get_datetime(doc.get(df.fieldname))))
		elif df.fieldtype == "Table":
			for row in doc.get(df.fieldname):
				for child in frappe.get_meta(df.options).fields:
					value = row.get(child.fieldname)
					if child.fieldtype == "Date":
						out.append((f"{df.fieldname}.{row.idx}.{child.fieldname}", value and getdate(value)))
					elif child.fieldtype == "Datetime":
						out.append(
							(f"{df.fieldname}.{row.idx}.{child.fieldname}", value and get_datetime(value))
						)
	return out


def _row_data(doc):
	"""Every table's rows without their identity and dates."""
	skip = {"name", "parent", "parenttype", "parentfield", "owner", "creation", "modified", "modified_by"}
	data = {}
	for df in doc.meta.get_table_fields():
		dates = {
			f.fieldname for f in frappe.get_meta(df.options).fields if f.fieldtype in ("Date", "Datetime")
		}
		data[df.fieldname] = [
			{k: v for k, v in row.as_dict().items() if k not in skip and k not in dates}
			for row in doc.get(df.fieldname)
		]
	return data


def _assert_shifted(source, copy, delta):
	before, after = _dates(source), _dates(copy)
	assert [w for w, _v in before] == [w for w, _v in after]
	assert sum(1 for _w, v in before if v) >= 3
	for (where, old), (_w, new) in zip(before, after, strict=True):
		assert (new == old + delta) if old else not new, where


def _fieldnames(doc):
	names = {df.fieldname for df in doc.meta.fields}
	for df in doc.meta.get_table_fields():
		names |= {f.fieldname for f in frappe.get_meta(df.options).fields}
	return sorted((n for n in names if "_" in n), key=len, reverse=True)


def test_next_years_copy_moves_every_date_copies_the_rows_and_leaves_the_source():
	source = _rich_notice()
	kept = frappe.get_doc("Title Notice", source.name).as_dict()
	result = copy_for_next_year(source.name)
	copy = frappe.get_doc("Title Notice", result["name"])

	_assert_shifted(source, copy, relativedelta(years=1))
	assert getdate(copy.aid_report_before) == datetime.date(2025, 2, 28)
	assert copy.code == f"{source.code}-2025" and copy.name == copy.code
	assert copy.doc_no in (None, "")
	assert copy.title == "关于开展2025年度测试系列职称评审工作的通知"
	assert copy.campaign_year == 2025
	assert (copy.assessment_from_year, copy.assessment_to_year) == (2022, 2024)
	assert (copy.ce_policies[0].professional_from_year, copy.ce_policies[0].general_to_year) == (2022, 2025)
	# rows copied with their data, as rows of the copy
	assert _row_data(copy).keys() == _row_data(source).keys()
	for table, rows in _row_data(source).items():
		if table == "ce_policies":
			continue
		assert _row_data(copy)[table] == rows, table
	source_rows = {r.name for t in source.meta.get_table_fields() for r in source.get(t.fieldname)}
	for table in copy.meta.get_table_fields():
		for row in copy.get(table.fieldname):
			assert row.parent == copy.name and row.name not in source_rows
	# the source is unchanged
	assert frappe.get_doc("Title Notice", source.name).as_dict() == kept

	# the review list: stored on the copy, in Chinese, citing labels
	assert copy.copied_from == source.name
	lines = result["review"]
	assert lines and copy.copy_review.splitlines() == lines
	names = _fieldnames(copy)
	for line in lines:
		assert CJK.search(line), line
		head = line.split("“")[0]
		assert not any(name in head for name in names), line
	text = copy.copy_review
	assert "处理文号已清空（原为测人社发〔2024〕7号）" in text or "已清空（原为测人社发〔2024〕7号）" in text
	assert "2025年8月30日 18:00为非工作日（星期六）" in text  # the application window's end
	assert "2025年10月1日 23:59为非工作日（国庆节假期）" in text
	assert "仍写有2024：“测人社传〔2024〕1号”" in text
	assert "2021—2023" in text and "新增节假日：1个日期" in text and "联系人：沿用了上一年度的1行" in text


def test_a_shift_by_days_moves_every_date_and_takes_the_given_code():
	source = _rich_notice()
	delta = relativedelta(days=600)
	code = unique("演示")
	copy = copy_notice(source.name, delta, code=code)
	copy = frappe.get_doc("Title Notice", copy.name)
	_assert_shifted(source, copy, delta)
	assert copy.name == code
	assert copy.title == source.title  # not whole years: the title stays, and is listed
	assert "仍写有2024：“关于开展2024年度" in copy.copy_review
	assert copy.campaign_year == 2026
	with pytest.raises(frappe.DuplicateEntryError):
		copy_notice(source.name, delta, code=code)


@pytest.mark.parametrize("code", SEED_CODES)
def test_each_seed_notice_copies_with_every_window_moved(code):
	name = frappe.db.get_value("Title Notice", {"code": code})
	if not name:
		pytest.skip(f"the demo notice {code} is not on this site")
	source = frappe.get_doc("Title Notice", name)
	kept = source.as_dict()
	copy = frappe.get_doc("Title Notice", copy_for_next_year(name)["name"])
	_assert_shifted(source, copy, relativedelta(years=1))
	assert len(copy.windows) == len(source.windows) >= 3
	assert copy.copy_review and CJK.search(copy.copy_review)
	assert frappe.get_doc("Title Notice", name).as_dict() == kept


@pytest.mark.parametrize("role", ["County HRSS Officer", "Committee Office"])
def test_others_than_administrators_may_not_copy(role):
	source = _rich_notice()
	before = frappe.db.count("Title Notice")
	frappe.set_user(make_user(role))
	with pytest.raises(frappe.PermissionError) as refused:
		copy_for_next_year(source.name)
	assert "只有职称管理员可以复制下一年度通知" in str(refused.value)
	frappe.set_user("Administrator")
	assert frappe.db.count("Title Notice") == before


def test_a_title_administrator_copies_and_reads_the_review_but_cannot_write_it():
	source = _rich_notice()
	frappe.set_user(make_user("Title Administrator"))
	name = copy_for_next_year(source.name)["name"]
	copy = frappe.get_doc("Title Notice", name)
	review = copy.copy_review
	assert review and CJK.search(review)
	copy.copy_review = "已全部核对"
	copy.copied_from = None
	copy.save()
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Title Notice", name, ["copy_review", "copied_from"]) == (review, source.name)
