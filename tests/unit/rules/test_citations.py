"""What a finding cites: the notice by its document number (文号, else its title) and the clause the
notice's ``rule_clauses`` give for the rule; a national standard or the system's own check or
default where the rule is not a notice's. The references travel with the notice's data."""

from __future__ import annotations

import re

import pytest

from tests.unit.rules.factories import NOW, base
from tests.unit.rules.test_precheck_rules import CASES
from zhicheng_app.i18n import _
from zhicheng_app.rules.model import SEED_NOTICE_CODES, NoticeConfig, load_seed_notice, seed_notice_dict
from zhicheng_app.rules.precheck import precheck
from zhicheng_app.rules.registry import RULES, notice_citation

# a clause as the notices number them: 四、（一）13, 附件1 一、9, 附件3（个人承诺书）
CLAUSE = re.compile(r"^(附件\d+(至附件\d+)?|[一二三四五六七八九十]+、)")
# what a reader cannot look up: a file path, a section sign, a line number, an internal question number
INTERNAL = re.compile(r"[/§]|\.md\b|\bL\d|\bQ-\d|\bseeds?\b", re.IGNORECASE)
LINE_OR_QUESTION = re.compile(r"§|\.md\b|\bL\d|\bQ-\d")
_FIRING = [c for c in CASES if c[4]]
_IDS = [f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(_FIRING)]


def _copied(code: str) -> NoticeConfig:
	raw = seed_notice_dict(code)
	raw["code"] = f"2025-COPY-{code}"
	return NoticeConfig.from_dict(raw)


@pytest.mark.parametrize(("rule_id", "code", "mutate", "now"), [c[:4] for c in _FIRING], ids=_IDS)
def test_findings_cite_the_notice_and_its_clause(rule_id, code, mutate, now):
	profile = base(code)
	mutate(profile)
	notice = load_seed_notice(code)
	result = precheck(profile, notice, now or NOW[code])
	citation = notice_citation(notice)
	for f in result.findings:
		assert not INTERNAL.search(f.seed_ref), f
		if RULES[f.rule_id].reference:
			assert f.seed_ref == _(RULES[f.rule_id].reference), f
		else:
			assert f.seed_ref.startswith(citation + " "), f
			assert CLAUSE.match(f.seed_ref[len(citation) + 1 :]), f
	for m in result.required_materials:
		assert m["seed_ref"].startswith(citation + " "), m


@pytest.mark.parametrize(("rule_id", "code", "mutate", "now"), [c[:4] for c in _FIRING], ids=_IDS)
def test_a_copied_notice_keeps_the_references(rule_id, code, mutate, now):
	profile = base(code)
	mutate(profile)
	original = precheck(profile, code, now or NOW[code])
	copied = precheck(profile, _copied(code), now or NOW[code])
	assert [(f.rule_id, f.seed_ref) for f in copied.findings] == [
		(f.rule_id, f.seed_ref) for f in original.findings
	]


def test_004_is_cited_by_its_document_number_the_others_by_title():
	assert notice_citation(load_seed_notice("004")) == "阿地人社传〔2024〕6号"
	for code in ("000", "001", "002", "003"):
		notice = load_seed_notice(code)
		assert not notice.doc_no
		assert notice_citation(notice) == f"《{notice.title}》"
		assert " " not in notice.title


def test_a_notice_without_clauses_cites_itself_or_the_rules_reference():
	raw = seed_notice_dict("000")
	raw["rule_clauses"] = []
	notice = NoticeConfig.from_dict(raw)
	profile = base("000")
	profile["id_number"] = "123"
	profile["summary"] = "太短"
	by_rule = {f.rule_id: f.seed_ref for f in precheck(profile, notice, NOW["000"]).findings}
	assert by_rule["SUM-MIN"] == notice_citation(notice)
	assert by_rule["ID-INVALID"] == "GB 11643《公民身份号码》"


@pytest.mark.parametrize("code", SEED_NOTICE_CODES)
def test_seed_notice_references_are_clauses(code):
	notice = load_seed_notice(code)
	rule_ids = [row.rule_id for row in notice.rule_clauses]
	assert len(rule_ids) == len(set(rule_ids))
	assert set(rule_ids) <= set(RULES)
	for text in [row.clause for row in notice.rule_clauses] + [m.seed_ref for m in notice.materials]:
		assert CLAUSE.match(text) and not INTERNAL.search(text), text
	for remark in notice.remarks:
		assert CLAUSE.match(remark.seed_ref), remark
		assert not INTERNAL.search(remark.seed_ref), remark
		assert not LINE_OR_QUESTION.search(f"{remark.issue} {remark.resolution}"), remark
