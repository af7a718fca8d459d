"""The committee meeting's rules (《职称评审管理暂行规定》人社部令第40号)."""

from fractions import Fraction

import pytest

from zhicheng_app.rules.meeting import (
	DEFAULT_PASS,
	REDACTED,
	Vote,
	blind_text,
	has_quorum,
	is_recused,
	parse_fraction,
	passes,
	tally,
)


@pytest.mark.parametrize(
	("members", "present", "expected"),
	[
		(9, 6, True),
		(9, 5, False),
		(9, 9, True),
		(3, 2, True),
		(3, 1, False),
		(0, 0, False),
		(10, 7, True),
		(10, 6, False),
	],
)
def test_quorum_is_two_thirds_of_the_members(members, present, expected):
	assert has_quorum(members, present) is expected


@pytest.mark.parametrize(
	("voters", "agree", "expected"),
	[(6, 4, True), (6, 3, False), (6, 6, True), (7, 5, True), (7, 4, False), (0, 0, False)],
)
def test_pass_is_two_thirds_of_those_present(voters, agree, expected):
	assert passes(voters, agree) is expected


def test_nine_members_six_present_four_agree_passes_three_does_not():
	assert has_quorum(9, 6)
	assert tally(6, [Vote.AGREE] * 4 + [Vote.DISAGREE] * 2).passed
	three = tally(6, [Vote.AGREE] * 3 + [Vote.DISAGREE, Vote.ABSTAIN])
	assert not three.passed
	assert (three.agree, three.disagree, three.abstain) == (3, 1, 2)  # the missing ballot abstains


def test_other_fractions():
	half = parse_fraction("1/2", DEFAULT_PASS)
	assert half == Fraction(1, 2)
	assert passes(6, 3, half)
	assert not passes(6, 2, half)
	assert parse_fraction("", DEFAULT_PASS) == Fraction(2, 3)
	assert has_quorum(4, 3, parse_fraction("3/4", DEFAULT_PASS))
	with pytest.raises(ValueError):
		parse_fraction("3/2", DEFAULT_PASS)
	with pytest.raises(ValueError):
		parse_fraction("0", DEFAULT_PASS)


def test_more_ballots_than_voters_is_an_error():
	with pytest.raises(ValueError):
		tally(1, [Vote.AGREE, Vote.AGREE])


def test_recusal_by_own_or_supervising_unit():
	assert is_recused(["阿克苏地区交通运输局"], ["阿克苏地区交通运输局", None])
	assert is_recused(["主管局"], ["某公司", "主管局"])
	assert not is_recused(["某设计院"], ["某公司", "主管局"])
	assert not is_recused([None, ""], [None, ""])


def test_blind_text_removes_names_units_ids_and_phones():
	text = "张三在阿克苏地区公路管理局及公路局主持项目，身份证652901199001011234，电话13912345678。"
	out = blind_text(text, ["张三", "阿克苏地区公路管理局", "公路局", None, "王"])
	for secret in ("张三", "阿克苏地区公路管理局", "公路局", "652901199001011234", "13912345678"):
		assert secret not in out
	assert out.count(REDACTED) == 5
	assert "主持项目" in out
	assert blind_text(None, ["张三"]) == ""
