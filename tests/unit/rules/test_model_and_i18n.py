"""Model round trips, tolerant parsing, seed notices, bad input and the zh catalogue."""

from __future__ import annotations

import ast
import csv
import datetime
import json
import pathlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.rules.factories import NOW, base
from zhicheng_app.rules.model import (
	SEED_NOTICE_CODES,
	ApplicationProfile,
	NoticeConfig,
	load_seed_notice,
	seed_notice_dict,
)
from zhicheng_app.rules.precheck import precheck
from zhicheng_app.rules.vocabulary import Level, Route

RULES_DIR = pathlib.Path(__file__).resolve().parents[3] / "zhicheng_app" / "rules"
ZH_CSV = pathlib.Path(__file__).resolve().parents[3] / "zhicheng_app" / "translations" / "zh.csv"


@pytest.mark.parametrize("code", SEED_NOTICE_CODES)
def test_seed_notice_round_trip(code):
	raw = seed_notice_dict(code)
	notice = NoticeConfig.from_dict(raw)
	assert notice.parse_errors == []
	assert notice.to_dict() == raw  # the JSON is exactly a NoticeConfig document
	assert NoticeConfig.from_dict(json.loads(json.dumps(notice.to_dict()))) == notice
	assert load_seed_notice(code).code == code
	for r in notice.routes:
		assert r.route in set(Route) and r.level in set(Level)
	assert notice.remarks, "typos and ambiguities resolved are listed"


def test_seed_notice_key_facts():
	n000, n002, n004 = load_seed_notice("000"), load_seed_notice("002"), load_seed_notice("004")
	app = next(w for w in n000.windows if w.kind == "Application")
	assert app.end == datetime.datetime(2024, 8, 30, 18, 0)
	assert n000.seniority_cutoff == datetime.date(2024, 12, 31)
	assert {(f.level_tier, f.amount) for f in n000.fees} == {
		("Senior", 700),
		("Intermediate", 400),
		("Junior", 200),
	}
	assert [r.hours for r in n002.resubmission_hours] == [48, 24]
	assert next(w for w in n004.windows if w.kind == "Application").end.hour == 19
	assert load_seed_notice("003").prior_title_evidence_xinjiang == 2


def test_profile_from_dict_is_tolerant():
	p = ApplicationProfile.from_dict(
		{
			"birth_date": "2024-02-30",
			"submissions_made": "two",
			"unknown_key": 1,
			"education": [{"graduation_date": "2020-13-01"}, "not a row"],
			"unit": {"aliases": "甲公司，乙公司"},
			"attachments": {"code": "x"},
		}
	)
	fields = {e.field for e in p.parse_errors}
	assert {
		"birth_date",
		"submissions_made",
		"education[0].graduation_date",
		"education[1]",
		"attachments",
	} <= fields
	assert p.birth_date is None and p.submissions_made == 0
	assert p.unit.aliases == ["甲公司", "乙公司"]
	assert ApplicationProfile.from_dict(p.to_dict()).to_dict() == p.to_dict()


def test_bad_input_gives_findings_not_tracebacks():
	p = base("000")
	p["birth_date"] = "1990-02-30"
	p["education"] = [{"graduation_date": "yesterday"}]
	p["titles"] = "none"
	result = precheck(p, "000", NOW["000"])
	values = [f for f in result.findings if f.rule_id == "INPUT-VALUE"]
	assert {f.field for f in values} == {"birth_date", "education[0].graduation_date", "titles"}
	assert all("日期" in f.message or "列表" in f.message for f in values)
	json.dumps(result.to_dict(), ensure_ascii=False)


def test_precheck_accepts_dataclasses_and_naive_or_aware_now():
	p = ApplicationProfile.from_dict(base("000"))
	n = load_seed_notice("000")
	aware = datetime.datetime(2024, 8, 30, 10, 1, tzinfo=datetime.timezone.utc)  # 18:01 Beijing
	assert "WIN-CLOSED" in precheck(p, n, aware).rule_ids()
	assert "WIN-CLOSED" not in precheck(p, n, "2024-08-30 17:59").rule_ids()


def test_result_to_dict_shape():
	d = precheck(base("002"), "002", NOW["002"]).to_dict()
	assert set(d) >= {
		"findings",
		"eligible_routes",
		"eligible_levels",
		"required_materials",
		"fee",
		"defense",
		"deadlines",
	}
	assert d["defense"] == {**d["defense"], "required": True, "online": True}
	assert any(
		x["kind"] == "Application" and x["at"].startswith("2024-10-10T23:59:59+08:00") for x in d["deadlines"]
	)
	assert all({"code", "label", "seed_ref"} <= set(m) for m in d["required_materials"])
	json.dumps(d, ensure_ascii=False)


scalars = st.one_of(st.none(), st.text(max_size=12), st.integers(), st.booleans(), st.floats(allow_nan=False))
junk = st.recursive(
	scalars,
	lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
	max_leaves=8,
)
FIELDS = [f for f in ApplicationProfile().to_dict()]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELDS), junk, max_size=12), st.sampled_from(SEED_NOTICE_CODES))
def test_random_profiles_never_crash(d, code):
	result = precheck(d, code, NOW[code])
	assert "CHECK-FAILED" not in result.rule_ids(), [(f.rule_id, f.message) for f in result.findings]
	json.dumps(result.to_dict(), ensure_ascii=False)


def _literals():
	for path in sorted(RULES_DIR.rglob("*.py")):
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Name)
				and node.func.id in ("_", "N_")
				and node.args
				and isinstance(node.args[0], ast.Constant)
				and isinstance(node.args[0].value, str)
			):
				yield path.name, node.args[0].value


def test_every_translatable_literal_has_a_zh_row():
	with open(ZH_CSV, encoding="utf-8", newline="") as f:
		rows = {r[0]: r[1] for r in csv.reader(f) if len(r) >= 2}
	literals = list(_literals())
	assert len(literals) > 100
	missing = [(name, s) for name, s in literals if not rows.get(s)]
	assert not missing, missing
	for _name, s in literals:  # placeholders survive translation
		for i in range(5):
			assert (f"{{{i}}}" in s) == (f"{{{i}}}" in rows[s]), s


def test_vocabulary_values_have_zh_rows():
	from zhicheng_app.rules import vocabulary

	with open(ZH_CSV, encoding="utf-8", newline="") as f:
		rows = {r[0] for r in csv.reader(f) if r}
	enums = [
		v for v in vars(vocabulary).values() if isinstance(v, type) and issubclass(v, str) and v is not str
	]
	missing = [m.value for e in enums for m in e if m.value not in rows]
	assert not missing, missing
