"""Rule family: evaluation fee and professional defense [spec §6, §8]."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from zhicheng_app.rules.context import Ctx, notice_facts, notice_table
from zhicheng_app.rules.eligibility import offered
from zhicheng_app.rules.model import FeeRow
from zhicheng_app.rules.registry import tr
from zhicheng_app.rules.registry import translate as _
from zhicheng_app.rules.vocabulary import LEVEL_TIER, LevelTier, Route, WindowKind

# vocabulary members as module constants: attribute access on an Enum class is slow
_WINDOWKIND_FEE: Final = WindowKind.FEE
_ROUTE_PRIVATE: Final = Route.PRIVATE


@notice_table("fee_rows")
def _fee_rows(n) -> dict:
	"""{(level tier, committee): fee row {amount, currency, level_tier, committee, payment_methods,
	window_start, window_end} or None} for every tier and every committee of the notice's routes
	("" = a pair the notice does not offer); the rows are read-only mappings shared by the results."""
	facts = notice_facts(n)
	table = {}
	for tier in LevelTier:
		for committee in {r.committee for r in n.routes} | {""}:
			row: FeeRow | None = None
			for f in n.fees:
				if f.level_tier == tier and (not f.committee or f.committee == committee):
					if row is None or (f.committee and not row.committee):
						row = f
			table[(tier, committee)] = (
				None
				if row is None
				else MappingProxyType(
					{
						# the Title Notice desk form stores "not stated" as 0
						"amount": row.amount or None,
						"currency": "CNY",
						"level_tier": str(tier),
						"committee": committee,
						"payment_methods": n.fee_payment_methods,
						"window_start": facts.fee_start,
						"window_end": facts.fee_end,
					}
				)
			)
	return table


def fee(ctx: Ctx) -> Mapping[str, Any] | None:
	"""{amount (None = not stated), currency, level_tier, committee, window_start, window_end}
	or None when the notice charges no fee."""
	if not ctx.n.fees:
		return None
	tier = LEVEL_TIER.get(ctx.level)
	if tier is None:
		return None
	route_row = offered(ctx, ctx.route, ctx.level)
	return ctx.facts.table("fee_rows")[(tier, route_row.committee if route_row else "")]


@notice_table("fee_when_text")
def _fee_when(n):
	start, end = notice_facts(n).fee_when
	return tr("{0} to {1}", start, end) if start and end else end


def check_fee(ctx: Ctx, f: Mapping[str, Any] | None) -> None:
	if f is None:
		return
	when = ctx.facts.table("fee_when_text")
	amount = f["amount"]
	if amount is None:
		ctx.add("FEE-NOT-STATED", (when,))
	else:
		ctx.add("FEE-AMOUNT", (int(amount) if float(amount).is_integer() else amount, when))


_NO_DEFENSE: Final = {"required": False, "online": False, "mode": "", "exempt": False, "reason": ""}


def defense(ctx: Ctx) -> dict:
	"""{required, online, mode, exempt, reason}; ``reason`` is zh."""
	p = ctx.p
	rule = ctx.facts.table("defense_rules").get(ctx.level)
	if rule is None:
		d = _NO_DEFENSE.copy()
		d["reason"] = _("No defense at this level")
		return d
	if p.route == _ROUTE_PRIVATE and p.unit.county and p.unit.county in ctx.facts.table("counties"):
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


@notice_table("defense_rules")
def _defense_rules(n) -> dict:
	"""level -> its defense rule (the last row of the level applies)."""
	return {d.level: d for d in n.defense_rules}


@notice_table("counties")
def _counties(n) -> frozenset:
	return frozenset(c.county for c in n.defense_exempt_counties)


def check_defense(ctx: Ctx, d: dict) -> None:
	if d["required"]:
		ctx.add("DEF-REQUIRED", (d["reason"],))
	elif d["exempt"]:
		ctx.add("DEF-EXEMPT", (ctx.p.unit.county,))
