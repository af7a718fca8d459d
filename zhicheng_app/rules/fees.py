"""Rule family: evaluation fee and professional defense [spec §6, §8]."""

from __future__ import annotations

from zhicheng_app.i18n import _
from zhicheng_app.rules.context import Ctx, derived
from zhicheng_app.rules.eligibility import offered
from zhicheng_app.rules.registry import tr
from zhicheng_app.rules.vocabulary import LEVEL_TIER, Route, WindowKind

# vocabulary members as module constants: attribute access on an Enum class is slow
_WINDOWKIND_FEE = WindowKind.FEE
_ROUTE_PRIVATE = Route.PRIVATE


def _fee_window(ctx: Ctx):
	for w in ctx.n.windows:
		if w.kind == _WINDOWKIND_FEE:
			return w
	return None


def fee(ctx: Ctx) -> dict | None:
	"""{amount (None = not stated), currency, level_tier, committee, window_start, window_end}
	or None when the notice charges no fee."""
	n = ctx.n
	if not n.fees:
		return None
	tier = LEVEL_TIER.get(ctx.level)
	if tier is None:
		return None
	route_row = offered(ctx, ctx.route, ctx.level)
	committee = route_row.committee if route_row else ""
	row = None
	for f in n.fees:
		if f.level_tier == tier and (not f.committee or f.committee == committee):
			if row is None or (f.committee and not row.committee):
				row = f
	if row is None:
		return None
	facts = ctx.facts
	return {
		# the Title Notice desk form stores "not stated" as 0
		"amount": row.amount or None,
		"currency": "CNY",
		"level_tier": str(tier),
		"committee": committee,
		"payment_methods": n.fee_payment_methods,
		"window_start": facts.fee_start,
		"window_end": facts.fee_end,
	}


def check_fee(ctx: Ctx, f: dict | None) -> None:
	if f is None:
		return
	start, end = ctx.facts.fee_when
	when = tr("{0} to {1}", start, end) if start and end else end
	if f["amount"] is None:
		ctx.add("FEE-NOT-STATED", (when,))
	else:
		amount = int(f["amount"]) if float(f["amount"]).is_integer() else f["amount"]
		ctx.add("FEE-AMOUNT", (amount, when))


def defense(ctx: Ctx) -> dict:
	"""{required, online, mode, exempt, reason}; ``reason`` is zh."""
	n, p = ctx.n, ctx.p
	rule = None
	for d in n.defense_rules:
		if d.level == ctx.level:
			rule = d
	if rule is None:
		return {
			"required": False,
			"online": False,
			"mode": "",
			"exempt": False,
			"reason": _("No defense at this level"),
		}
	if p.route == _ROUTE_PRIVATE and p.unit.county and p.unit.county in derived(ctx, "counties", _counties):
		return {
			"required": False,
			"online": False,
			"mode": rule.mode,
			"exempt": True,
			"reason": _("Private-enterprise staff in {0} are exempt").format(p.unit.county),
		}
	online = rule.mode == "Online Video"
	if online:
		reason = _("Online video defense; failing the defense means failing the evaluation")
	elif rule.mode == "On-site":
		reason = _("On-site defense")
	else:
		reason = _("Defense required; the committee announces the arrangements")
	return {"required": True, "online": online, "mode": rule.mode, "exempt": False, "reason": reason}


def _counties(n) -> frozenset:
	return frozenset(c.county for c in n.defense_exempt_counties)


def check_defense(ctx: Ctx, d: dict) -> None:
	if d["required"]:
		ctx.add("DEF-REQUIRED", (d["reason"],))
	elif d["exempt"]:
		ctx.add("DEF-EXEMPT", (ctx.p.unit.county,))
