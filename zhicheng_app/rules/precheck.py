"""The precheck: everything an applicant can learn before submitting.

``precheck(profile, notice, now=None)`` accepts dicts or dataclasses and never raises for bad
input: unreadable values, unknown options and impossible dates become findings, and a rule family
that fails on unexpected data becomes a CHECK-FAILED finding while the others still report.
"""

from __future__ import annotations

import datetime

from zhicheng_app.i18n import _
from zhicheng_app.rules import (
	continuing_education,
	eligibility,
	fees,
	materials,
	personal,
	publicity,
	summary,
	windows,
)
from zhicheng_app.rules.calendar import now_shanghai, to_shanghai
from zhicheng_app.rules.context import PrecheckContext, PrecheckResult
from zhicheng_app.rules.model import ApplicationProfile, NoticeConfig, load_seed_notice
from zhicheng_app.rules.registry import Finding
from zhicheng_app.rules.vocabulary import Severity

__all__ = ["FAMILIES", "PrecheckResult", "precheck"]

# The rule families in the order they report; each reads the context and adds findings (and its
# part of the result). The sanctions family comes before eligibility: a fraud ban empties the
# eligible lists.
FAMILIES = (
	("input", personal.check_input),
	("identity", personal.check_identity),
	("sanctions", personal.check_sanctions),
	("exclusivity", personal.check_exclusivity),
	("windows", windows.check_windows),
	("eligibility", eligibility.check_eligibility),
	("assessments", continuing_education.check_assessments),
	("continuing education", continuing_education.check_ce),
	("materials", materials.check_materials),
	("summary", summary.check_summary),
	("publicity", publicity.check_publicity),
	("fee", fees.check_fee),
	("defense", fees.check_defense),
	("deadlines", windows.add_deadlines),
)


def as_notice(notice: NoticeConfig | dict | str) -> NoticeConfig:
	"""A NoticeConfig from itself, a dict (e.g. a Title Notice record) or a seed code such as "000"."""
	if isinstance(notice, NoticeConfig):
		return notice
	if isinstance(notice, str):
		return load_seed_notice(notice)
	return NoticeConfig.from_dict(notice)


def as_shanghai_time(now: datetime.datetime | datetime.date | str | None) -> datetime.datetime:
	"""``now`` as an aware Asia/Shanghai datetime: naive values are Shanghai wall time, ISO strings
	are read; None (or an unreadable string) is the current time."""
	if isinstance(now, str):
		try:
			now = datetime.datetime.fromisoformat(now)
		except ValueError:
			now = None
	return now_shanghai() if now is None else to_shanghai(now)


# blocking first, then warnings, then notes
_SEVERITY_ORDER = {severity: rank for rank, severity in enumerate(Severity)}


def _severity_rank(finding: Finding) -> int:
	return _SEVERITY_ORDER[finding.severity]


def precheck(profile, notice, now=None) -> PrecheckResult:
	"""Check ``profile`` (ApplicationProfile or dict) against ``notice`` (NoticeConfig, dict or a
	seed code such as "000") at ``now`` (default: the current time; naive = Asia/Shanghai)."""
	notice = as_notice(notice)
	if not isinstance(profile, ApplicationProfile):
		profile = ApplicationProfile.from_dict(profile)
	ctx = PrecheckContext(profile, notice, as_shanghai_time(now))
	for err in notice.parse_errors:  # the notice's own unreadable settings
		ctx.add("INPUT-VALUE", (_("Notice") + " " + err.field, err.message), err.field)
	for label, family in FAMILIES:
		try:
			family(ctx)
		except Exception as e:
			ctx.add("CHECK-FAILED", (f"{label}: {type(e).__name__}",))
	result = ctx.result
	result.findings.sort(key=_severity_rank)  # stable: the order within a severity is kept
	return result
