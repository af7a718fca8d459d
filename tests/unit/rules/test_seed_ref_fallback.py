"""A notice copied under a new code (e.g. for next year) still cites the seed notices."""

from __future__ import annotations

import pytest

from tests.unit.rules.factories import NOW, base
from tests.unit.rules.test_precheck_rules import CASES
from zhicheng_app.rules.model import SEED_NOTICE_CODES, NoticeConfig, seed_notice_dict
from zhicheng_app.rules.precheck import precheck
from zhicheng_app.rules.registry import RULES


def test_rule_seed_ref_falls_back_to_every_seed_reference():
	rule = RULES["SUM-MIN"]
	assert "*" not in rule.seed_refs
	for code in SEED_NOTICE_CODES:
		if code in rule.seed_refs:
			assert rule.seed_ref(code) == rule.seed_refs[code]
	joined = rule.seed_ref("2025-AKS-01")
	expected = [rule.seed_refs[c] for c in SEED_NOTICE_CODES if c in rule.seed_refs]
	assert joined.split("；") == expected
	assert len(expected) >= 2


def test_wildcard_reference_wins_over_the_fallback():
	rule = RULES["ONE-ROUTE"]
	assert rule.seed_ref("2025-AKS-01") == rule.seed_refs["*"]


def test_every_rule_cites_something_for_an_unknown_code():
	empty = [r.rule_id for r in RULES.values() if not r.seed_ref("2025-XJ-99")]
	assert not empty, empty


def _copied(code: str) -> NoticeConfig:
	raw = seed_notice_dict(code)
	raw["code"] = f"2025-COPY-{code}"
	return NoticeConfig.from_dict(raw)


_FIRING = [c for c in CASES if c[4]]


@pytest.mark.parametrize(
	("rule_id", "code", "mutate", "now"),
	[c[:4] for c in _FIRING],
	ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(_FIRING)],
)
def test_findings_of_a_copied_notice_have_a_seed_ref(rule_id, code, mutate, now):
	profile = base(code)
	mutate(profile)
	result = precheck(profile, _copied(code), now or NOW[code])
	assert result.findings
	missing = [f.rule_id for f in result.findings if not f.seed_ref]
	assert not missing, missing
	for m in result.required_materials:
		assert m["seed_ref"], m
