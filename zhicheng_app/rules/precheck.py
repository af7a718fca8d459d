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

_SEVERITY_ORDER = {Severity.BLOCKING: 0, Severity.WARNING: 1, Severity.INFO: 2}


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
		return [f for f in self.findings if f.severity == Severity.BLOCKING]

	@property
	def ok(self) -> bool:
		return not any(f.severity == Severity.BLOCKING for f in self.findings)

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


def _run(ctx: Ctx, label: str, fn, *args):
	try:
		return fn(ctx, *args)
	except Exception as e:  # bad input must never surface as a traceback
		ctx.add("CHECK-FAILED", (f"{label}: {type(e).__name__}",))
		return None


def precheck(profile, notice, now=None) -> PrecheckResult:
	"""Check ``profile`` (ApplicationProfile or dict) against ``notice`` (NoticeConfig, dict or a
	seed code such as "000") at ``now`` (default: the current time; naive = Asia/Shanghai)."""
	n = _coerce_notice(notice)
	p = profile if isinstance(profile, ApplicationProfile) else ApplicationProfile.from_dict(profile)
	at = _coerce_now(now)
	ctx = Ctx(p, n, at)
	result = PrecheckResult(notice_code=n.code, checked_at=at.isoformat())
	for err in n.parse_errors:
		ctx.findings.append(
			make("INPUT-VALUE", n.code, (_("Notice") + " " + err.field, _(err.message)), err.field)
		)

	_run(ctx, "input", personal.check_input)
	_run(ctx, "identity", personal.check_identity)
	_run(ctx, "sanctions", personal.check_sanctions)
	_run(ctx, "exclusivity", personal.check_exclusivity)
	_run(ctx, "windows", windows.check_windows)
	elig = _run(ctx, "eligibility", eligibility.check_eligibility)
	if elig:
		result.eligible_routes, result.eligible_levels, result.eligible_options = elig
	if any(f.rule_id == "BAN-FRAUD" for f in ctx.findings):
		result.eligible_routes, result.eligible_levels, result.eligible_options = [], [], []
	_run(ctx, "assessments", continuing_education.check_assessments)
	_run(ctx, "continuing education", continuing_education.check_ce)
	required = _run(ctx, "materials", materials.required_materials) or []
	result.required_materials = required
	_run(ctx, "materials", materials.check_materials, required)
	_run(ctx, "summary", summary.check_summary)
	_run(ctx, "publicity", publicity.check_publicity)
	f = _run(ctx, "fee", fees.fee)
	result.fee = f
	_run(ctx, "fee", fees.check_fee, f)
	d = _run(ctx, "defense", fees.defense)
	if d:
		result.defense = d
		_run(ctx, "defense", fees.check_defense, d)
	result.deadlines = _run(ctx, "deadlines", windows.deadlines) or []
	ctx.findings.sort(key=lambda f: _SEVERITY_ORDER.get(f.severity, 3))
	result.findings = ctx.findings
	return result
