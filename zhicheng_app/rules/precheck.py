"""The precheck: everything an applicant can learn before submitting [spec §2, §4.7, §5–§8, §10, §11.1].

``precheck(profile, notice, now=None)`` accepts dicts or dataclasses and never raises for bad
input: unreadable values, unknown options and impossible dates become findings.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Final

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
from zhicheng_app.rules.context import Ctx
from zhicheng_app.rules.model import ApplicationProfile, NoticeConfig, load_seed_notice
from zhicheng_app.rules.registry import Finding, make
from zhicheng_app.rules.registry import translate as _
from zhicheng_app.rules.vocabulary import Severity

# vocabulary members as module constants: attribute access on an Enum class is slow
_BLOCKING: Final = Severity.BLOCKING
_WARNING: Final = Severity.WARNING
_INFO: Final = Severity.INFO


class PrecheckResult:
	"""What a precheck found and derived. The rows of ``eligible_options``, ``required_materials``
	and ``fee`` are read-only mappings shared with the notice's tables; ``to_dict()`` gives plain,
	independent dicts (and builds every finding's message)."""

	__slots__ = (
		"checked_at",
		"deadlines",
		"defense",
		"eligible_levels",
		"eligible_options",
		"eligible_routes",
		"fee",
		"findings",
		"notice_code",
		"required_materials",
	)

	def __init__(
		self,
		findings: list[Finding] | None = None,
		eligible_routes: list[str] | None = None,
		eligible_levels: list[str] | None = None,
		eligible_options: list[Mapping[str, Any]] | None = None,  # [{route, level, committee, module}]
		required_materials: list[Mapping[str, Any]] | None = None,  # [{code, label, seed_ref}]
		fee: Mapping[str, Any] | None = None,
		defense: dict | None = None,  # {required, online, mode, exempt, reason}
		deadlines: list[dict] | None = None,  # [{kind, label, start, at, consequence}]
		notice_code: str = "",
		checked_at: str = "",
	):
		self.findings: list[Finding] = [] if findings is None else findings
		self.eligible_routes: list[str] = [] if eligible_routes is None else eligible_routes
		self.eligible_levels: list[str] = [] if eligible_levels is None else eligible_levels
		self.eligible_options: list[Mapping[str, Any]] = [] if eligible_options is None else eligible_options
		self.required_materials: list[Mapping[str, Any]] = (
			[] if required_materials is None else required_materials
		)
		self.fee = fee
		self.defense: dict = {} if defense is None else defense
		self.deadlines: list[dict] = [] if deadlines is None else deadlines
		self.notice_code = notice_code
		self.checked_at = checked_at

	def __repr__(self) -> str:
		return f"PrecheckResult(notice_code={self.notice_code!r}, findings={self.findings!r})"

	@property
	def blocking(self) -> list[Finding]:
		return [f for f in self.findings if f.severity == _BLOCKING]

	@property
	def ok(self) -> bool:
		return not any(f.severity == _BLOCKING for f in self.findings)

	def rule_ids(self) -> list[str]:
		return [f.rule_id for f in self.findings]

	def to_dict(self) -> dict:
		return {
			"ok": self.ok,
			"notice_code": self.notice_code,
			"checked_at": self.checked_at,
			"findings": [f.to_dict() for f in self.findings],
			"eligible_routes": list(self.eligible_routes),
			"eligible_levels": list(self.eligible_levels),
			"eligible_options": [dict(o) for o in self.eligible_options],
			"required_materials": [dict(m) for m in self.required_materials],
			"fee": dict(self.fee) if self.fee else None,
			"defense": dict(self.defense),
			"deadlines": [dict(d) for d in self.deadlines],
		}


def _coerce_notice(notice) -> NoticeConfig:
	if isinstance(notice, NoticeConfig):
		return notice
	if isinstance(notice, str):
		return load_seed_notice(notice)
	return NoticeConfig.from_dict(notice)


def _coerce_now(now) -> datetime.datetime:
	if now is None:
		return now_shanghai()
	if isinstance(now, str):
		try:
			now = datetime.datetime.fromisoformat(now)
		except ValueError:
			return now_shanghai()
	return to_shanghai(now)


_NOW_MEMO: Final[dict] = {}


def _now_and_iso(now) -> tuple[datetime.datetime, str]:
	"""(``_coerce_now(now)``, its ISO text). A given moment is converted once: many prechecks are
	run at the same ``now`` (a batch, a list view), and converting and formatting an aware datetime
	costs more than some rule families."""
	if isinstance(now, str):
		try:
			now = datetime.datetime.fromisoformat(now)
		except ValueError:
			now = None
	if now is None:
		at = now_shanghai()
		return at, at.isoformat()
	key: tuple | None
	if isinstance(now, datetime.datetime):
		key = (now.__class__, now, now.tzinfo, now.fold)
		try:
			hit = _NOW_MEMO.get(key)
		except TypeError:  # an unhashable tzinfo
			key = hit = None
	else:
		key = hit = None
	if key is None:
		at = _coerce_now(now)
		return at, at.isoformat()
	if hit is None:
		at = _coerce_now(now)
		if len(_NOW_MEMO) >= 64:
			_NOW_MEMO.clear()
		hit = _NOW_MEMO[key] = (at, at.isoformat())
	return hit


def _run(ctx: Ctx, label: str, check, *args, default=None):
	"""Run one rule family. Bad input must never surface as a traceback: a failing family
	becomes a CHECK-FAILED finding and yields ``default``."""
	try:
		return check(ctx, *args)
	except Exception as e:
		ctx.add("CHECK-FAILED", (f"{label}: {type(e).__name__}",))
		return default


def _families_unguarded(ctx: Ctx) -> tuple:
	"""``_families(ctx, _run)`` with the families called directly: the common case, where no family
	fails, without a guard per family (precheck guards the whole). Keep the two in step (a unit
	test compares them)."""
	personal.check_input(ctx)
	personal.check_identity(ctx)
	banned = personal.check_sanctions(ctx)
	personal.check_exclusivity(ctx)
	windows.check_windows(ctx)
	elig = eligibility.check_eligibility(ctx)
	routes, levels, options = elig if elig and not banned else ([], [], [])
	continuing_education.check_assessments(ctx)
	continuing_education.check_ce(ctx)
	required = materials.required_materials(ctx) or []
	materials.check_materials(ctx, required)
	summary.check_summary(ctx)
	publicity.check_publicity(ctx)
	fee = fees.fee(ctx)
	fees.check_fee(ctx, fee)
	defense = fees.defense(ctx) or {}
	if defense:
		fees.check_defense(ctx, defense)
	deadlines = windows.deadlines(ctx) or []
	return routes, levels, options, required, fee, defense, deadlines


def _families(ctx: Ctx, run) -> tuple:
	"""Every rule family in order, each called through ``run`` (``_run``: an internal failure
	becomes a CHECK-FAILED finding); returns (eligible routes, levels, options, required materials,
	fee, defense, deadlines)."""
	run(ctx, "input", personal.check_input)
	run(ctx, "identity", personal.check_identity)
	banned = run(ctx, "sanctions", personal.check_sanctions, default=False)
	run(ctx, "exclusivity", personal.check_exclusivity)
	run(ctx, "windows", windows.check_windows)
	elig = run(ctx, "eligibility", eligibility.check_eligibility)
	routes, levels, options = elig if elig and not banned else ([], [], [])
	run(ctx, "assessments", continuing_education.check_assessments)
	run(ctx, "continuing education", continuing_education.check_ce)
	required = run(ctx, "materials", materials.required_materials) or []
	run(ctx, "materials", materials.check_materials, required)
	run(ctx, "summary", summary.check_summary)
	run(ctx, "publicity", publicity.check_publicity)
	fee = run(ctx, "fee", fees.fee)
	run(ctx, "fee", fees.check_fee, fee)
	defense = run(ctx, "defense", fees.defense) or {}
	if defense:
		run(ctx, "defense", fees.check_defense, defense)
	deadlines = run(ctx, "deadlines", windows.deadlines) or []
	return routes, levels, options, required, fee, defense, deadlines


def _notice_findings(n: NoticeConfig) -> list[Finding]:
	"""The notice's own unreadable settings, as findings."""
	return [
		make("INPUT-VALUE", n.code, (_("Notice") + " " + err.field, _(err.message)), err.field)
		for err in n.parse_errors
	]


def _by_severity(findings: list[Finding]) -> list[Finding]:
	"""Blocking first, then warnings, then notes; the order within each severity is kept."""
	blocking: list[Finding] = []
	warning: list[Finding] = []
	info: list[Finding] = []
	other: list[Finding] = []
	for f in findings:
		s = f.severity
		if s is _BLOCKING or s == _BLOCKING:
			blocking.append(f)
		elif s is _INFO or s == _INFO:
			info.append(f)
		elif s is _WARNING or s == _WARNING:
			warning.append(f)
		else:
			other.append(f)
	blocking += warning
	blocking += info
	blocking += other
	return blocking


def precheck(profile, notice, now=None) -> PrecheckResult:
	"""Check ``profile`` (ApplicationProfile or dict) against ``notice`` (NoticeConfig, dict or a
	seed code such as "000") at ``now`` (default: the current time; naive = Asia/Shanghai)."""
	n = notice if isinstance(notice, NoticeConfig) else _coerce_notice(notice)
	p = profile if isinstance(profile, ApplicationProfile) else ApplicationProfile.from_dict(profile)
	at, checked_at = _now_and_iso(now)
	ctx = Ctx(p, n, at)
	findings = ctx.findings
	if n.parse_errors:
		findings.extend(_notice_findings(n))

	try:
		outcome = _families_unguarded(ctx)
	except Exception:
		# some family failed on this input: start again with each family guarded on its own, so
		# that the failure becomes a CHECK-FAILED finding and every other family still reports
		ctx = Ctx(p, n, at)
		findings = ctx.findings
		findings.extend(_notice_findings(n))
		outcome = _families(ctx, _run)
	routes, levels, options, required, fee, defense, deadlines = outcome
	return PrecheckResult(
		_by_severity(findings) if len(findings) > 1 else findings,
		routes,
		levels,
		options,
		required,
		fee,
		defense,
		deadlines,
		n.code,
		checked_at,
	)
