"""The summary rules count characters and find the name and the unit (also split by whitespace)
exactly as the definition "every character but whitespace" says."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.unit.rules.factories import NOW, base
from zhicheng_app.rules.precheck import precheck
from zhicheng_app.rules.summary import count_chars

_ALPHABET = st.sampled_from(
	list("本人任现职以来李明华阿克苏天山建筑设计有限公司 \n\t\u3000\u00a0\u2028a1，。")
)
UNIT = "阿克苏天山建筑设计有限公司"  # base("000"), with the alias 天山建筑设计
ALIAS = "天山建筑设计"


@settings(max_examples=150, deadline=None)
@given(st.text(_ALPHABET, min_size=1, max_size=60))
@example("本人在阿克苏天山建筑设计有限公司工作")
@example("阿克苏 天山\n建筑设计有限\u3000公司")
@example("天山建筑 设计，李 明\n华")
@example("天山建筑")
def test_summary_count_name_and_unit_follow_the_definition(text):
	p = base("000")
	p["summary"] = text
	by_rule = {f.rule_id: f for f in precheck(p, "000", NOW["000"]).findings}
	compact = "".join(text.split())
	if not compact:
		assert "SUM-REQUIRED" in by_rule
		return
	assert count_chars(text) == len(compact)
	assert by_rule["SUM-MIN"].message.startswith(f"个人总结现有{len(compact)}字")
	assert ("SUM-NAME" in by_rule) == ("李明华" in compact)
	assert ("SUM-UNIT" in by_rule) == (ALIAS in compact)  # the alias, also inside the full unit name
	if ALIAS in compact:
		shown = UNIT if UNIT in compact else ALIAS
		assert f"（{shown}）" in by_rule["SUM-UNIT"].message


def test_han_only_counts_ideographs():
	assert count_chars("本人2024年，work 完成。", "Han only") == 5
	assert count_chars("本人2024年，work 完成。") == 15
