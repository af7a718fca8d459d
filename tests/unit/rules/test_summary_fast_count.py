"""The summary check counts characters and finds the name and unit (also split by whitespace)
exactly as the definition "every character but whitespace" says, whatever shortcuts it takes."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.unit.rules.factories import NOW, base
from zhicheng_app.rules.precheck import precheck
from zhicheng_app.rules.summary import count_chars

_ALPHABET = st.sampled_from(
	list("本人任现职以来李明华阿克苏天山建筑设计有限公司 \n\t\u3000\u00a0\u2028a1，。")
)


@settings(max_examples=150, deadline=None)
@given(st.text(_ALPHABET, min_size=1, max_size=60))
@example("本人在阿克苏天山建筑设计有限公司工作")
@example("阿克苏 天山\n建筑设计有限\u3000公司")
@example("天山建筑 设计，李 明\n华")
@example("天山建筑")
def test_summary_count_and_name_match_the_split_definition(text):
	p = base("000")
	p["summary"] = text
	result = precheck(p, "000", NOW["000"])
	by_rule = {f.rule_id: f for f in result.findings}
	compact = "".join(text.split())
	if not compact:
		assert "SUM-REQUIRED" in by_rule
		return
	assert by_rule["SUM-MIN"]._args[0] == count_chars(text) == len(compact)
	assert ("SUM-NAME" in by_rule) == ("李明华" in compact)
	unit_hit = "天山建筑设计" in compact  # the alias, also inside the full unit name
	assert ("SUM-UNIT" in by_rule) == unit_hit
	if unit_hit:
		full = "阿克苏天山建筑设计有限公司" in compact
		assert by_rule["SUM-UNIT"]._args[0] == ("阿克苏天山建筑设计有限公司" if full else "天山建筑设计")
