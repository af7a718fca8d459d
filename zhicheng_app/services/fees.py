"""The fee desk (缴费登记): a Fee Payment records a fee paid for an accepted application, moves the
application through the workflow's "Record Fee" transition as the recording user, and may be
refunded later; a unit paying for all its staff is recorded in one go.

A refund follows the application: one still at 已缴费 goes back to the state it awaited its fee in
(the workflow's "Refund Fee", taken only here); once its evaluation has started (a defense, the
meeting, the results) the fee is refunded only after the application has closed without a title.

What the fee is comes from the notice's fee table through the rules engine (``rules.fees``); when
it may be paid, from the notice's fee window. A recorded payment is never edited: a mistake is
refunded and recorded again.
"""

import datetime
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from zhicheng_app.documents.contexts import committee_name
from zhicheng_app.rules import fees as rule
from zhicheng_app.rules.context import notice_window
from zhicheng_app.rules.registry import cite, notice_citation
from zhicheng_app.rules.vocabulary import PayerKind, WindowKind, WorkflowState
from zhicheng_app.rules.windows import outside_window
from zhicheng_app.services import clock
from zhicheng_app.services.precheck import notice_config, run_precheck

DOCTYPE = "Fee Payment"
APPLICATION = "Title Application"
PAID, REFUNDED = "Paid", "Refunded"
RECORD_FEE = "Record Fee"  # the workflow's action into Fee Paid
REFUND_FEE = "Refund Fee"  # the workflow's action from Fee Paid back to the state before Record Fee
# accepted by the committee (已接收材料), the fee not yet recorded
AWAITING_FEE = (WorkflowState.ACCEPTED, WorkflowState.PAPER_RECEIVED)
# the application's states in which its payment is refunded: awaiting its fee (a payment recorded
# around the workflow), at 已缴费 (moved back), or closed without a title (视为放弃, 不予受理, 未通过…)
REFUNDABLE_STATES = (
	*AWAITING_FEE,
	WorkflowState.FEE_PAID,
	WorkflowState.FAILED,
	WorkflowState.ABANDONED,
	WorkflowState.NOT_ACCEPTED,
	WorkflowState.NOT_CONFIRMED,
)
# what the desk enters; everything else of a payment is set here
DESK_FIELDS = ("application", "amount", "payer_kind", "payer_unit", "method", "receipt_number")
REFUND_FIELDS = ("status", "refunded_at", "refund_reason", "refunded_by")


# ---------------------------------------------------------------- the notice's rules
def check_fee_window(notice: str, now: datetime.datetime):
	"""A fee is recorded only inside the notice's fee window (a notice without one has no limit)."""
	config = notice_config(notice)
	window = notice_window(config, WindowKind.FEE)
	if window is None:
		return
	start = clock.to_shanghai(window.start) if window.start else None
	end = clock.to_shanghai(window.end) if window.end else None
	if not outside_window(start, end, clock.to_shanghai(now)):
		return
	frappe.throw(
		_("Fees are recorded from {0} to {1} (Beijing time), as {2} sets out").format(
			clock.fmt(start) or "—",
			clock.fmt(end) or "—",
			cite(config, window.clause) or notice_citation(config),
		),
		title=_("Outside the fee window"),
	)


def expected_fee(application) -> dict:
	"""{amount (None = not stated), level_tier, committee} of the application's fee."""
	fee = run_precheck(application).fee
	if fee is None:
		config = notice_config(application.notice)
		frappe.throw(
			_("{0} charges no fee for this route and level").format(notice_citation(config)),
			title=_("No fee"),
		)
	notice = frappe.get_cached_doc("Title Notice", application.notice)
	return {
		"amount": fee["amount"],
		"level_tier": fee["level_tier"],
		"committee": fee["committee"] or committee_name(notice, application.route, application.target_level),
	}


def standing_payment(application: str, exclude: str | None = None) -> str | None:
	filters = {"application": application, "status": PAID}
	if exclude:
		filters["name"] = ("!=", exclude)
	return frappe.db.get_value(DOCTYPE, filters)


# ---------------------------------------------------------------- a payment (the controller's hooks)
def validate(doc):
	if doc.is_new():
		prepare(doc)
	else:
		check_unchanged(doc)


def prepare(doc):
	"""A new payment: the fee desk's entries checked, everything else set by the server."""
	application = frappe.get_doc(APPLICATION, doc.application)
	if application.workflow_state not in AWAITING_FEE:
		frappe.throw(
			_("{0} is at {1}: a fee is recorded only for an accepted application awaiting its fee").format(
				application.name, _(application.workflow_state or WorkflowState.DRAFT)
			),
			title=_("Not awaiting a fee"),
		)
	existing = standing_payment(application.name)
	if existing:
		frappe.throw(
			_("The fee of {0} is already recorded as {1}; refund it before recording it again").format(
				application.name, existing
			),
			title=_("Fee already recorded"),
		)
	now = clock.now()
	check_fee_window(application.notice, now)
	config = notice_config(application.notice)
	fee = expected_fee(application)
	try:
		doc.amount = rule.payment_amount(fee["amount"], doc.amount)
	except ValueError:
		if fee["amount"]:
			frappe.throw(
				_("The fee of {0} is {1} yuan as {2} sets out; a payment of {3} yuan is refused").format(
					application.name, _amount(fee["amount"]), notice_citation(config), _amount(doc.amount)
				),
				title=_("Wrong amount"),
			)
		frappe.throw(
			_("{0} states no amount for this fee; enter the amount the fee desk collected").format(
				notice_citation(config)
			),
			title=_("Amount missing"),
		)
	methods = rule.allowed_methods(config.fee_payment_methods)
	if doc.method not in methods:
		frappe.throw(
			_("{0} takes fees by {1} only ({2})").format(
				notice_citation(config), "、".join(_(m) for m in methods), config.fee_payment_methods
			),
			title=_("Payment method not allowed"),
		)
	doc.receipt_number = (doc.receipt_number or "").strip()
	if not doc.receipt_number:
		frappe.throw(_("Enter the receipt number"))
	taken = frappe.db.get_value(
		DOCTYPE, {"notice": application.notice, "receipt_number": doc.receipt_number}, "application"
	)
	if taken:
		frappe.throw(
			_("Receipt number {0} is already recorded under this notice (application {1})").format(
				doc.receipt_number, taken
			),
			title=_("Receipt number taken"),
		)
	if doc.payer_kind == PayerKind.UNIT:
		doc.payer_unit = doc.payer_unit or application.employer_unit
	else:
		doc.payer_kind, doc.payer_unit = PayerKind.APPLICANT, None
	doc.update(
		{
			"notice": application.notice,
			"committee": fee["committee"],
			"level_tier": fee["level_tier"],
			"applicant_name": application.applicant_name,
			"employer_unit": application.employer_unit,
			"paid_at": clock.wall(now),
			"recorded_by": frappe.session.user,
			"status": PAID,
			"refunded_at": None,
			"refund_reason": None,
			"refunded_by": None,
		}
	)


def _amount(value) -> str:
	value = float(value or 0)
	return str(int(value)) if value.is_integer() else f"{value:.2f}"


def after_insert(doc):
	"""The application moves to 已缴费 through the workflow, as the user who recorded the fee (the
	workflow and the record scope decide whether they may)."""
	application = frappe.get_doc(APPLICATION, doc.application)
	apply_workflow(application, RECORD_FEE)


def check_unchanged(doc):
	"""A recorded payment stays as recorded; only a refund (``refund``) changes it."""
	before = doc.get_doc_before_save()
	if before is None:
		return
	fields = [f.fieldname for f in doc.meta.fields if f.fieldtype not in frappe.model.no_value_fields]
	allowed = set(REFUND_FIELDS) if doc.flags.zhicheng_refund else set()
	changed = [f for f in fields if f not in allowed and (doc.get(f) or None) != (before.get(f) or None)]
	if changed or (before.status == REFUNDED and doc.status != REFUNDED):
		frappe.throw(
			_("A recorded fee payment cannot be changed; refund it and record the payment again"),
			title=_("Fee payment recorded"),
		)


def payment_fields(application: str) -> dict:
	"""What ``transitions.record_fee`` writes to the application: the standing payment's amount,
	time and recorder (empty when there is none)."""
	row = frappe.db.get_value(
		DOCTYPE,
		{"application": application, "status": PAID},
		["amount", "paid_at", "recorded_by"],
		as_dict=True,
	)
	return row or {}


# ---------------------------------------------------------------- recording and refunding
def record_payment(
	application: str,
	method: str,
	receipt_number: str,
	amount: float | None = None,
	payer_kind: str = PayerKind.APPLICANT,
	payer_unit: str | None = None,
):
	"""Record the fee of ``application`` as the session user (their permission to create a Fee
	Payment and to take the workflow's "Record Fee" step are checked)."""
	return frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"application": application,
			"method": method,
			"receipt_number": receipt_number,
			"amount": amount,
			"payer_kind": payer_kind,
			"payer_unit": payer_unit,
		}
	).insert()


def check_refund_state(application) -> None:
	"""A fee is refunded while the application is at 已缴费 at the latest, or once it has closed
	without a title; not while its evaluation is under way or after a title was given."""
	state = application.workflow_state or WorkflowState.DRAFT
	if state in REFUNDABLE_STATES:
		return
	frappe.throw(
		_(
			"{0} is at {1}: its evaluation under {2} has started, so its fee is refunded only once the application has closed without a title"
		).format(application.name, _(state), notice_citation(notice_config(application.notice))),
		title=_("Refund refused"),
	)


@contextmanager
def refunding(application: str):
	"""While the refund moves ``application`` back through the workflow's "Refund Fee"."""
	previous = frappe.flags.fee_refund
	frappe.flags.fee_refund = application
	try:
		yield
	finally:
		frappe.flags.fee_refund = previous


def check_refund_transition(application) -> None:
	"""``services.transitions`` on 已缴费 → back: only a refund of the standing payment takes it."""
	if frappe.flags.fee_refund != application.name or standing_payment(application.name):
		frappe.throw(
			_(
				"An application leaves 已缴费 (Fee Paid) backwards only when its payment is refunded: refund it on its 缴费 (Fee Payment), stating the reason"
			),
			title=_("Fee refunded without a payment's refund"),
		)


def refund(payment: str, reason: str):
	"""Refund a standing payment, stating why; the fee report counts the amount as refunded. An
	application at 已缴费 goes back to the state it awaited its fee in, through the workflow as
	the refunding user; one further on is refused unless it has closed without a title (it then
	keeps its state)."""
	doc = frappe.get_doc(DOCTYPE, payment)
	doc.check_permission("write")
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("State the reason for the refund"))
	if doc.status == REFUNDED:
		frappe.throw(_("{0} is already refunded").format(doc.name), title=_("Already refunded"))
	application = frappe.get_doc(APPLICATION, doc.application)
	check_refund_state(application)
	doc.update(
		{
			"status": REFUNDED,
			"refunded_at": clock.wall(clock.now()),
			"refund_reason": reason,
			"refunded_by": frappe.session.user,
		}
	)
	doc.flags.zhicheng_refund = True
	doc.save()
	if application.workflow_state == WorkflowState.FEE_PAID:
		with refunding(application.name):
			apply_workflow(frappe.get_doc(APPLICATION, application.name), REFUND_FEE)
	return doc


# ---------------------------------------------------------------- a unit paying for its staff
def unit_awaiting_fee(unit: str, notice: str) -> list[dict]:
	"""The unit's applications under ``notice`` that the committee accepted and whose fee is not
	recorded, that the user may read, with the fee each owes."""
	rows = frappe.get_list(
		APPLICATION,
		filters={"employer_unit": unit, "notice": notice, "workflow_state": ("in", list(AWAITING_FEE))},
		fields=["name", "applicant_name", "target_level", "workflow_state", "fee_amount"],
		order_by="name asc",
		limit_page_length=0,
	)
	return [r for r in rows if not standing_payment(r.name)]


def record_unit_payments(unit: str, notice: str, method: str, receipts: dict[str, str]) -> dict:
	"""One payment by ``unit`` for each of its applications awaiting a fee under ``notice``, with
	the receipt number ``receipts`` gives it (one shared number may not be used twice under a
	notice). Each application on its own: a refused one is reported with the reason, the others
	are recorded. {recorded: [{application, payment}], failed: [{application, error}]}."""
	recorded, failed = [], []
	for row in unit_awaiting_fee(unit, notice):
		receipt = (receipts.get(row.name) or "").strip()
		if not receipt:
			failed.append({"application": row.name, "error": _("No receipt number given")})
			continue
		savepoint = f"fee_{frappe.generate_hash(length=8)}"
		frappe.db.savepoint(savepoint)
		try:
			payment = record_payment(row.name, method, receipt, payer_kind=PayerKind.UNIT, payer_unit=unit)
		except Exception as error:
			frappe.db.rollback(save_point=savepoint)
			frappe.clear_last_message()
			failed.append({"application": row.name, "error": _error_text(error)})
		else:
			frappe.db.release_savepoint(savepoint)
			recorded.append({"application": row.name, "payment": payment.name})
	unknown = sorted(set(receipts) - {r["application"] for r in recorded + failed})
	for name in unknown:
		failed.append({"application": name, "error": _("Not an application of this unit awaiting its fee")})
	return {"recorded": recorded, "failed": failed}


def _error_text(error: Exception) -> str:
	text = str(error) or error.__class__.__name__
	return frappe.utils.strip_html(text)
