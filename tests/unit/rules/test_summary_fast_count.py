"""The summary check's fast path (text without whitespace other than ASCII spaces) counts and
finds names exactly as splitting on whitespace does."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.rules.factories import NOW, base
from zhicheng_app.rules.precheck import precheck
from zhicheng_app.rules.summary import count_chars


def test_only_the_ascii_space_is_printable_whitespace():
	printable_ws = [hex(i) for i in range(sys.maxunicode + 1) if chr(i).isspace() and chr(i).isprintable()]
	assert printable_ws == ["0x20"]


_ALPHABET = st.sampled_from(list("本人任现职以来李明华天山建筑设计 \n\t\u3000\u00a0\u2028a1，。"))


@settings(max_examples=150, deadline=None)
@given(st.text(_ALPHABET, min_size=1, max_size=60))
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
	assert ("SUM-UNIT" in by_rule) == ("天山建筑设计" in compact)
