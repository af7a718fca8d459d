"""Rule family: the evaluation fee and the professional defense (information for the applicant)."""

from __future__ import annotations

from zhicheng_app.i18n import _
from zhicheng_app.rules.calendar import to_shanghai
from zhicheng_app.rules.context import PrecheckContext, notice_window
from zhicheng_app.rules.eligibility import offered
from zhicheng_app.rules.model import FeeRow
from zhicheng_app.rules.vocabulary import LEVEL_TIER, PaymentMethod, Route, WindowKind


def fee(ctx: PrecheckContext) -> dict | None:
	"""{amount (None = not stated), currency, level_tier, committee, payment_methods, window_start,
	window_end} for the route and level applied for, or None when the notice charges no fee there.
	A fee row of the committee of the offered route wins over a row for any committee."""
	notice, profile = ctx.notice, ctx.profile
	tier = LEVEL_TIER.get(profile.target_level)
	if not notice.fees or tier is None:
		return None
	route_row = offered(ctx, profile.route, profile.target_level)
	committee = route_row.committee if route_row else ""
	row: FeeRow | None = None
	for f in notice.fees:
		if f.level_tier == tier and (not f.committee or f.committee == committee):
			if row is None or (f.committee and not row.committee):
				row = f
	if row is None:
		return None
	window = notice_window(notice, WindowKind.FEE)
	return {
		"amount": row.amount or None,  # the Title Notice desk form stores "not stated" as 0
		"currency": "CNY",
		"level_tier": str(tier),
		"committee": committee,
		"payment_methods": notice.fee_payment_methods,
		"window_start": to_shanghai(window.start).isoformat() if window and window.start else None,
		"window_end": to_shanghai(window.end).isoformat() if window and window.end else None,
	}


def _fee_period_text(ctx: PrecheckContext) -> str:
	"""The fee window's days (YYYY-MM-DD to YYYY-MM-DD, or its last day alone), for messages."""
	window = notice_window(ctx.notice, WindowKind.FEE)
	first = to_shanghai(window.start).strftime("%Y-%m-%d") if window and window.start else ""
	last = to_shanghai(window.end).strftime("%Y-%m-%d") if window and window.end else ""
	return _("{0} to {1}").format(first, last) if first and last else last


def check_fee(ctx: PrecheckContext) -> None:
	f = ctx.result.fee = fee(ctx)
	if f is None:
		return
	amount = f["amount"]
	if amount is None:
		ctx.add("FEE-NOT-STATED", (_fee_period_text(ctx),))
	else:
		shown = int(amount) if float(amount).is_integer() else amount
		ctx.add("FEE-AMOUNT", (shown, _fee_period_text(ctx)))


def defense(ctx: PrecheckContext) -> dict:
	"""{required, online, mode, exempt, reason}; ``reason`` is translated. The last defense row of
	the level applies."""
	notice, profile = ctx.notice, ctx.profile
	rules = {row.level: row for row in notice.defense_rules}
	rule = rules.get(profile.target_level)
	if rule is None:
		return {
			"required": False,
			"online": False,
			"mode": "",
			"exempt": False,
			"reason": _("No defense at this level"),
		}
	exempt_counties = {row.county for row in notice.defense_exempt_counties}
	if profile.route == Route.PRIVATE and profile.unit.county and profile.unit.county in exempt_counties:
		return {
			"required": False,
			"online": False,
			"mode": rule.mode,
			"exempt": True,
			"reason": _("Private-enterprise staff in {0} are exempt").format(profile.unit.county),
		}
	online = rule.mode == "Online Video"
	if online:
		reason = _("Online video defense; failing the defense means failing the evaluation")
	elif rule.mode == "On-site":
		reason = _("On-site defense")
	else:
		reason = _("Defense required; the committee announces the arrangements")
	return {"required": True, "online": online, "mode": rule.mode, "exempt": False, "reason": reason}


def check_defense(ctx: PrecheckContext) -> None:
	d = ctx.result.defense = defense(ctx)
	if d["required"]:
		ctx.add("DEF-REQUIRED", (d["reason"],))
	elif d["exempt"]:
		ctx.add("DEF-EXEMPT", (ctx.profile.unit.county,))


# ---------------------------------------------------------------- payments at the fee desk
# The words of a notice's payment methods (Title Notice.fee_payment_methods) that name a method
METHOD_WORDS: dict[str, tuple[str, ...]] = {
	PaymentMethod.QR: ("扫码", "二维码", "QR"),
	PaymentMethod.BANK: ("银行", "转账", "Bank"),
	PaymentMethod.CASH: ("财务室", "现金", "统一收取", "Cash"),
}


def allowed_methods(payment_methods: str | None) -> tuple[str, ...]:
	"""The payment methods a notice allows, read from its wording (e.g. 001 "扫码或银行缴费",
	000 "地区住建局财务室统一收取"); every method when the notice names none."""
	text = payment_methods or ""
	named = tuple(method.value for method, words in METHOD_WORDS.items() if any(w in text for w in words))
	return named or tuple(method.value for method in PaymentMethod)


def payment_amount(stated: float | None, given: float | None) -> float:
	"""The amount a payment records: the notice's (``stated``) where it states one, refusing a
	different ``given``; otherwise the amount the fee desk gives, which must be positive."""
	if stated:
		if given and abs(float(given) - float(stated)) > 0.005:
			raise ValueError("amount differs")
		return float(stated)
	if not given or float(given) <= 0:
		raise ValueError("amount missing")
	return float(given)
