"""The precheck: everything an applicant can learn before submitting [spec §2, §4.7, §5–§8, §10, §11.1].

``precheck(profile, notice, now=None)`` accepts dicts or dataclasses and never raises for bad
input: unreadable values, unknown options and impossible dates become findings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

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
from zhicheng_app.rules.context import Ctx
from zhicheng_app.rules.model import ApplicationProfile, NoticeConfig, load_seed_notice
from zhicheng_app.rules.registry import Finding, make
from zhicheng_app.rules.vocabulary import Severity

# vocabulary members as module constants: attribute access on an Enum class is slow
_BLOCKING, _WARNING, _INFO = Severity.BLOCKING, Severity.WARNING, Severity.INFO


@dataclass(slots=True)
class PrecheckResult:
	findings: list[Finding] = field(default_factory=list)
	eligible_routes: list[str] = field(default_factory=list)
	eligible_levels: list[str] = field(default_factory=list)
	eligible_options: list[dict] = field(default_factory=list)  # [{route, level, committee, module}]
	required_materials: list[dict] = field(default_factory=list)  # [{code, label, seed_ref}]
	fee: dict | None = None
	defense: dict = field(default_factory=dict)  # {required, online, mode, exempt, reason}
	deadlines: list[dict] = field(default_factory=list)  # [{kind, label, start, at, consequence}]
	notice_code: str = ""
	checked_at: str = ""

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


_NOW_MEMO: dict = {}


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


def _by_severity(findings: list[Finding]) -> list[Finding]:
	"""Blocking first, then warnings, then notes; the order within each severity is kept."""
	blocking, warning, info, other = [], [], [], []
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
	ctx = Ctx.build(p, n, at)
	findings = ctx.findings
	for err in n.parse_errors:
		findings.append(
			make("INPUT-VALUE", n.code, (_("Notice") + " " + err.field, _(err.message)), err.field)
		)

	# each rule family runs on its own: an internal failure becomes a CHECK-FAILED finding
	_run(ctx, "input", personal.check_input)
	_run(ctx, "identity", personal.check_identity)
	banned = _run(ctx, "sanctions", personal.check_sanctions, default=False)
	_run(ctx, "exclusivity", personal.check_exclusivity)
	_run(ctx, "windows", windows.check_windows)
	elig = _run(ctx, "eligibility", eligibility.check_eligibility)
	routes, levels, options = elig if elig and not banned else ([], [], [])
	_run(ctx, "assessments", continuing_education.check_assessments)
	_run(ctx, "continuing education", continuing_education.check_ce)
	required = _run(ctx, "materials", materials.required_materials) or []
	_run(ctx, "materials", materials.check_materials, required)
	_run(ctx, "summary", summary.check_summary)
	_run(ctx, "publicity", publicity.check_publicity)
	fee = _run(ctx, "fee", fees.fee)
	_run(ctx, "fee", fees.check_fee, fee)
	defense = _run(ctx, "defense", fees.defense) or {}
	if defense:
		_run(ctx, "defense", fees.check_defense, defense)
	deadlines = _run(ctx, "deadlines", windows.deadlines) or []
	# PrecheckResult(...) without the cost of a class call
	result = _new(PrecheckResult)
	result.findings = _by_severity(findings) if len(findings) > 1 else findings
	result.eligible_routes = routes
	result.eligible_levels = levels
	result.eligible_options = options
	result.required_materials = required
	result.fee = fee
	result.defense = defense
	result.deadlines = deadlines
	result.notice_code = n.code
	result.checked_at = checked_at
	return result


_new = object.__new__
