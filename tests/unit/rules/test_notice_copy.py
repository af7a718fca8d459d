"""A notice copied for another campaign (rules/notice_copy.py): dates shifted, the review list."""

import copy
import datetime
import json
import re
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from zhicheng_app.i18n import _
from zhicheng_app.rules import calendar
from zhicheng_app.rules.notice_copy import (
	DATE_TYPES,
	FieldSpec,
	next_code,
	plan_copy,
	retitle,
	review_text,
	shift_value,
	whole_years,
	year_shift,
)

APP = Path(__file__).resolve().parents[3] / "zhicheng_app"
DOCTYPES = APP / "zhicheng" / "doctype"
SEEDS = APP / "rules" / "data" / "notices"
LAYOUT = {"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Heading"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _doctype(name: str) -> dict:
	folder = name.lower().replace(" ", "_").replace("-", "_")
	return json.loads((DOCTYPES / folder / f"{folder}.json").read_text(encoding="utf-8"))


def notice_schema() -> list[FieldSpec]:
	"""The Title Notice's schema from its DocType files, labels in Chinese as the desk shows them."""
	specs = []
	for f in _doctype("Title Notice")["fields"]:
		if f["fieldtype"] in LAYOUT:
			continue
		children = ()
		if f["fieldtype"] == "Table":
			children = tuple(
				FieldSpec(c["fieldname"], _(c.get("label") or c["fieldname"]), c["fieldtype"])
				for c in _doctype(f["options"])["fields"]
				if c["fieldtype"] not in LAYOUT
			)
		specs.append(FieldSpec(f["fieldname"], _(f.get("label") or f["fieldname"]), f["fieldtype"], children))
	return specs


SCHEMA = notice_schema()
FIELDNAMES = {s.fieldname for s in SCHEMA} | {c.fieldname for s in SCHEMA for c in s.children}


def seed(code: str) -> dict:
	return json.loads((SEEDS / f"{code}.json").read_text(encoding="utf-8"))


def _all_dates(values: dict):
	"""(path, value, fieldtype) of every date of a notice."""
	for spec in SCHEMA:
		if spec.fieldtype in DATE_TYPES:
			yield spec.fieldname, values.get(spec.fieldname), spec.fieldtype
		for no, row in enumerate(values.get(spec.fieldname) or [] if spec.children else []):
			for child in spec.children:
				if child.fieldtype in DATE_TYPES:
					yield (
						f"{spec.fieldname}[{no}].{child.fieldname}",
						row.get(child.fieldname),
						child.fieldtype,
					)


def _parse(value, fieldtype):
	if not value:
		return None
	return (
		datetime.date.fromisoformat(value[:10])
		if fieldtype == "Date"
		else datetime.datetime.fromisoformat(value)
	)


# ------------------------------------------------------------------------ shifting
def test_whole_years_are_told_from_other_shifts():
	assert whole_years(relativedelta(years=1)) == 1
	assert whole_years(relativedelta(months=24)) == 2
	assert whole_years(relativedelta(years=-1)) == -1
	assert whole_years(relativedelta(days=600)) is None
	assert whole_years(relativedelta(years=1, days=1)) is None
	assert whole_years(relativedelta(months=6)) is None
	assert whole_years(relativedelta(year=2025)) is None  # an absolute year is no shift


def test_values_keep_their_shape_and_leap_days_end_on_the_28th():
	assert shift_value("2024-08-30 18:00:00", "Datetime", relativedelta(years=1)) == "2025-08-30 18:00:00"
	assert shift_value("2024-02-29", "Date", relativedelta(years=1)) == "2025-02-28"
	assert shift_value("2024-07-22 00:00:00", "Datetime", relativedelta(days=600)) == "2026-03-14 00:00:00"
	assert shift_value(datetime.date(2024, 12, 31), "Date", relativedelta(days=1)) == datetime.date(
		2025, 1, 1
	)
	moved = shift_value(datetime.datetime(2024, 5, 10, 19), "Datetime", relativedelta(hours=6))
	assert moved == datetime.datetime(2024, 5, 11, 1)
	assert shift_value(None, "Date", relativedelta(years=1)) is None
	assert shift_value("", "Datetime", relativedelta(years=1)) == ""


def test_the_campaign_moves_by_the_calendar_years_the_dates_moved():
	assert year_shift(relativedelta(years=1), datetime.date(2024, 7, 22)) == 1
	assert year_shift(relativedelta(days=600), datetime.date(2024, 7, 22)) == 2  # 2026-03-14
	assert year_shift(relativedelta(days=100), datetime.date(2024, 7, 22)) == 0


@pytest.mark.parametrize("code", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("delta", [relativedelta(years=1), relativedelta(days=600), relativedelta(days=-45)])
def test_every_date_of_a_seed_notice_and_its_rows_moves_exactly_by_delta(code, delta):
	source = seed(code)
	kept = copy.deepcopy(source)
	plan = plan_copy(source, SCHEMA, delta)
	assert source == kept  # the source is not touched
	before, after = list(_all_dates(source)), list(_all_dates(plan.values))
	assert [p for p, _v, _t in before] == [p for p, _v, _t in after]
	assert any(v for _p, v, _t in before)
	for (path, old, fieldtype), (_p, new, _t) in zip(before, after, strict=True):
		if not old:
			assert not new, path
			continue
		assert _parse(new, fieldtype) == _parse(old, fieldtype) + delta, path


def test_next_years_copy_of_001_moves_the_years_clears_the_number_and_renames():
	source = seed("001")
	source["doc_no"] = "阿地交传〔2024〕9号"
	plan = plan_copy(source, SCHEMA, relativedelta(years=1))
	new = plan.values
	assert plan.year_shift == 1
	assert new["campaign_year"] == 2025
	assert new["title"] == source["title"].replace("2024年度", "2025年度")
	assert new["doc_no"] == ""
	assert (new["assessment_from_year"], new["assessment_to_year"]) == (2022, 2024)
	assert [
		(r["professional_from_year"], r["general_to_year"])
		for r in new["ce_policies"]
		if r["professional_from_year"]
	] == [
		(r["professional_from_year"] + 1, r["general_to_year"] + 1)
		for r in source["ce_policies"]
		if r["professional_from_year"]
	]
	# the year the platform began issuing certificates is a fact, not part of the campaign
	assert new["ce_system_professional_from_year"] == source["ce_system_professional_from_year"]
	# rows keep their data and nothing else
	assert [r["phone"] for r in new["contacts"]] == [r["phone"] for r in source["contacts"]]
	assert len(new["materials"]) == len(source["materials"]) and len(new["rule_clauses"]) == len(
		source["rule_clauses"]
	)
	assert all(set(row) <= FIELDNAMES for s in SCHEMA if s.children for row in new[s.fieldname])


def test_a_shift_by_days_leaves_the_title_and_says_it_still_names_the_old_year():
	source = seed("001")
	plan = plan_copy(source, SCHEMA, relativedelta(days=600))
	assert plan.values["title"] == source["title"]
	assert plan.values["campaign_year"] == 2026
	title = _("Title")
	assert any(
		i.kind == "old_year" and i.field == "title" and i.message.startswith(title) for i in plan.review
	)


# ------------------------------------------------------------------------ the review list
def _messages(plan, kind):
	return [i.message for i in plan.review if i.kind == kind]


def test_dates_on_weekends_and_holidays_are_named_with_their_field_and_row():
	source = seed("001")
	source["windows"].append(
		{
			"kind": "Evaluation",
			"start": "2024-10-01 09:00:00",
			"end": "2024-10-01 18:00:00",
			"consequence": "",
		}
	)
	plan = plan_copy(source, SCHEMA, relativedelta(years=1))
	found = _messages(plan, "non_working_day")
	windows = _("Windows")
	# 2024-08-30 (a Friday) + 1 year = 2025-08-30, a Saturday: the application window's end
	assert f"{windows}第1行（申报）截止：2025年8月30日 18:00为非工作日（星期六），请核对" in found
	assert any("2025年10月1日 09:00" in m and "国庆节假期" in m for m in found)
	# working days are not named: 2025-07-22 is a Tuesday
	assert not any("2025年7月22日" in m for m in found)
	assert calendar.is_workday(datetime.date(2025, 7, 22))


def test_a_year_the_calendar_does_not_know_is_said_once_per_year():
	source = seed("000")
	plan = plan_copy(source, SCHEMA, relativedelta(years=10))
	unknown = _messages(plan, "calendar_unknown")
	assert len(unknown) == 1
	assert "2034年" in unknown[0] and "国家法定节假日安排尚未收录" in unknown[0]
	assert _("Windows") in unknown[0]
	assert not _messages(plan, "non_working_day")


def test_texts_naming_the_old_year_or_a_year_range_are_listed_with_an_excerpt():
	source = seed("000")
	plan = plan_copy(source, SCHEMA, relativedelta(years=1))
	old = _messages(plan, "old_year")
	parent = _("Parent Document Number")
	assert any(m.startswith(f"{parent}仍写有2024") and "阿地人社传〔2024〕13号" in m for m in old)
	assert any(m.startswith(_("Remarks")) for m in old)  # "… the application cut-off 2024-08-30 18:00"
	ranges = _messages(plan, "year_range")
	materials = _("Materials")
	assert any(m.startswith(f"{materials}第") and "2021—2023" in m and "2025" in m for m in ranges)
	# the title was renamed, so it is not listed
	assert not any(i.field == "title" for i in plan.review)


def test_the_document_number_and_the_tables_of_one_year_are_listed():
	source = seed("004")
	plan = plan_copy(source, SCHEMA, relativedelta(years=1))
	(number,) = _messages(plan, "document_number")
	assert number == f"{_('Document Number')}已清空（原为阿地人社传〔2024〕6号），请填写新通知的文号"
	tables = " ".join(_messages(plan, "year_table"))
	assert _("Extra Holidays") in tables and "肉孜节" in tables
	for name in ("fees", "contacts", "basis"):
		if source.get(name):
			label = next(s.label for s in SCHEMA if s.fieldname == name)
			assert label in tables, name


def test_holidays_on_the_copy_are_asked_to_be_checked_row_by_row():
	source = seed("001")
	source["extra_holidays"] = [{"holiday_date": "2024-04-10", "description": "肉孜节"}]
	source["extra_workdays"] = [{"holiday_date": "2024-04-07", "description": "调休"}]
	plan = plan_copy(source, SCHEMA, relativedelta(years=1))
	assert plan.values["extra_holidays"] == [{"holiday_date": "2025-04-10", "description": "肉孜节"}]
	tables = _messages(plan, "year_table")
	assert any(m.startswith(_("Extra Holidays")) and "1个日期" in m for m in tables)
	assert any(m.startswith(_("Extra Workdays")) for m in tables)
	# holidays are not checked for being working days
	assert not any(
		i.field in ("extra_holidays", "extra_workdays") for i in plan.review if i.kind == "non_working_day"
	)


def test_the_year_valued_numbers_moved_are_listed():
	plan = plan_copy(seed("001"), SCHEMA, relativedelta(years=1))
	moved = _messages(plan, "years_shifted")
	assert f"{_('Assessment From Year')}已由2021顺延为2022，请按新通知核对" in moved
	assert any(m.startswith(_("Continuing Education Policies")) and "顺延1年" in m for m in moved)


@pytest.mark.parametrize("code", ["000", "001", "002", "003", "004"])
def test_every_item_is_chinese_and_cites_labels_never_fieldnames(code):
	plan = plan_copy(seed(code), SCHEMA, relativedelta(years=1))
	assert plan.review
	names = sorted((n for n in FIELDNAMES if "_" in n), key=len, reverse=True)
	for item in plan.review:
		assert CJK.search(item.message), item.message
		head = item.message.split("“")[0]  # the excerpt after “ quotes the notice's own text
		assert not any(n in head for n in names), item.message
		assert not re.search(r"\{\d\}", item.message)
	text = review_text(plan.review)
	assert text.startswith("1. ") and text.count("\n") == len(plan.review) - 1


# ------------------------------------------------------------------------ code and title
def test_the_copy_gets_a_free_code_with_the_new_year():
	taken = {"001", "001-2025"}
	assert next_code("001", 2024, 2025, lambda c: False) == "001-2025"
	assert next_code("001", 2024, 2025, taken.__contains__) == "001-2025-2"
	assert next_code("001-2025", 2025, 2026, lambda c: False) == "001-2026"
	assert next_code("X", 0, 0, {"X"}.__contains__) == "X-2"


def test_the_title_names_the_new_year_where_it_named_the_old():
	assert (
		retitle("关于开展2024年度职称评审（〔2024〕13号）", 2024, 2025)
		== "关于开展2025年度职称评审（〔2025〕13号）"
	)
	assert retitle("2024年", 2024, 2024) == "2024年"
	assert retitle("编号120245", 2024, 2025) == "编号120245"


def test_the_calendar_names_national_holidays():
	assert calendar.holiday_name(datetime.date(2025, 10, 1)) == "国庆节"
	assert calendar.holiday_name(datetime.date(2025, 8, 30)) is None  # a plain Saturday
	assert calendar.holiday_name(datetime.date(2025, 9, 28)) is None  # an adjusted workday
	with pytest.raises(calendar.CalendarUnsupported):
		calendar.holiday_name(datetime.date(2040, 1, 1))
