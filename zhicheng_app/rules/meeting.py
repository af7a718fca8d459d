"""The committee meeting's rules: quorum, the pass mark, recusal and the secret ballot's tally.

《职称评审管理暂行规定》（人力资源社会保障部令第40号）: a sitting of the evaluation committee
needs at least two thirds of its members present; an application passes with the agreement of at
least two thirds of the experts present, by secret ballot; an expert whose own interests are
concerned withdraws. The fractions are exact (``Fraction``) so
that 6 of 9 is two thirds, not 0.666….
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

# the regulation the rules come from, as documents and messages cite it
REGULATION = "《职称评审管理暂行规定》（人力资源社会保障部令第40号）"
DEFAULT_QUORUM = Fraction(2, 3)
DEFAULT_PASS = Fraction(2, 3)
# what a recusal says to anyone who reads it: no reason, no name
RECUSAL_NOTE = "回避"
REDACTED = "×××"


class Vote(StrEnum):
	AGREE = "Agree"  # 同意
	DISAGREE = "Disagree"  # 不同意
	ABSTAIN = "Abstain"  # 弃权


class Attendance(StrEnum):
	PRESENT = "Present"  # 出席
	ABSENT = "Absent"  # 缺席


class MeetingStatus(StrEnum):
	DRAFT = "Draft"  # 草稿
	OPEN = "Open"  # 进行中
	CLOSED = "Closed"  # 已结束


class PacketResult(StrEnum):
	PASSED = "Passed"  # 通过
	FAILED = "Failed"  # 未通过


def parse_fraction(value: str | Fraction | None, default: Fraction) -> Fraction:
	"""``"2/3"`` → Fraction(2, 3); empty → ``default``. Raises ValueError unless 0 < f ≤ 1."""
	if value in (None, ""):
		return default
	fraction = value if isinstance(value, Fraction) else Fraction(str(value).strip())
	if not 0 < fraction <= 1:
		raise ValueError(str(value))
	return fraction


def has_quorum(members: int, present: int, fraction: Fraction = DEFAULT_QUORUM) -> bool:
	"""At least ``fraction`` of the committee's members are present."""
	return members > 0 and Fraction(present, members) >= fraction


def passes(voters: int, agree: int, fraction: Fraction = DEFAULT_PASS) -> bool:
	"""At least ``fraction`` of the experts present (and not recused) agree."""
	return voters > 0 and Fraction(agree, voters) >= fraction


def is_recused(expert_units: Iterable[str | None], applicant_units: Iterable[str | None]) -> bool:
	"""An expert withdraws from an application of their own unit or of the unit supervising it."""
	mine = {u for u in expert_units if u}
	return bool(mine & {u for u in applicant_units if u})


@dataclass(frozen=True)
class Tally:
	voters: int  # experts present and not recused
	agree: int
	disagree: int
	abstain: int  # a present expert who cast no vote counts here
	recused: int
	passed: bool

	@property
	def result(self) -> PacketResult:
		return PacketResult.PASSED if self.passed else PacketResult.FAILED


def tally(voters: int, votes: Iterable[str], recused: int = 0, fraction: Fraction = DEFAULT_PASS) -> Tally:
	"""Count the ballots of ``voters`` experts; a missing ballot is an abstention."""
	cast = list(votes)
	if len(cast) > voters:
		raise ValueError("more ballots than voters")
	agree = sum(1 for v in cast if v == Vote.AGREE)
	disagree = sum(1 for v in cast if v == Vote.DISAGREE)
	abstain = voters - agree - disagree
	return Tally(voters, agree, disagree, abstain, recused, passes(voters, agree, fraction))


_ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def blind_text(text: str | None, names: Iterable[str | None]) -> str:
	"""``text`` with every one of ``names`` (the applicant's, their units'), ID numbers and mobile
	numbers replaced by ×××; longer names first, so a unit's full name goes before its short one."""
	out = text or ""
	for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
		out = out.replace(name, REDACTED)
	out = _ID_NUMBER.sub(REDACTED, out)
	return _MOBILE.sub(REDACTED, out)
