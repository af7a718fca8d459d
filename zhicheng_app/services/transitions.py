"""What happens when a Title Application changes state: guards that refuse a transition with
a zh message, and the records a transition leaves (counters, return log, fee, paper, results).

Called from the controller's ``validate`` with the state before and after the save; the
workflow (``zhicheng_app/workflows``) decides who may move where, this module decides whether
the facts allow it, asking the rules engine (the precheck, the unit publicity rule).
"""

import datetime

import frappe
from frappe import _

from zhicheng_app.rules import paper_stage
from zhicheng_app.rules.publicity import publicity_findings
from zhicheng_app.rules.vocabulary import APPLICANT_STATES, WindowKind, WorkflowState
from zhicheng_app.rules.windows import outside_window
from zhicheng_app.services import clock, defense, fees, results, review_meeting
from zhicheng_app.services.precheck import blocking_message, notice_config, run_precheck

CLOSING_STATES = (
	WorkflowState.FAILED,
	WorkflowState.ABANDONED,
	WorkflowState.NOT_ACCEPTED,
	WorkflowState.NOT_CONFIRMED,
)  # ends without a title
TERMINAL_STATES = (
	*CLOSING_STATES,
	WorkflowState.CERTIFIED,
	WorkflowState.CONFIRMED,
	WorkflowState.REVOKED,
)
# the evaluation result recorded when the evaluation ends in the state
RESULT_STATES = {WorkflowState.PASSED_PUBLICITY: "Passed", WorkflowState.FAILED: "Failed"}


def on_transition(doc, old: str, new: str):
	notice = frappe.get_cached_doc("Title Notice", doc.notice)
	now = clock.now()
	if old in APPLICANT_STATES and new not in APPLICANT_STATES:
		check_submission(doc, now)
	if old == WorkflowState.UNIT_REVIEW and new != WorkflowState.DRAFT:
		check_unit_publicity(doc, now)
	if new == WorkflowState.COMMITTEE_REVIEW:
		doc.submission_count = (doc.submission_count or 0) + 1
		doc.last_submitted_at = clock.wall(now)
		if doc.returns and not doc.returns[-1].resubmitted_at:
			doc.returns[-1].resubmitted_at = clock.wall(now)
	if new == WorkflowState.RETURNED:
		record_return(doc, now)
	if old == WorkflowState.FEE_PAID and new in fees.AWAITING_FEE:
		record_refund(doc)
	elif new == WorkflowState.ACCEPTED:
		record_acceptance(doc, now)
	elif new == WorkflowState.PAPER_RECEIVED:
		record_paper(doc, notice, now)
	if new == WorkflowState.FEE_PAID and old != WorkflowState.DEFENSE:
		record_fee(doc, notice, now)
	if new == WorkflowState.DEFENSE:
		defense.record_scheduling(doc)
	if old == WorkflowState.DEFENSE and new == WorkflowState.FEE_PAID:  # Cancel Defense
		defense.record_unscheduling(doc)
	elif old == WorkflowState.DEFENSE:
		check_defense_result(doc)
		doc.defense_result = "Passed" if new == WorkflowState.UNDER_EVALUATION else "Failed"
		defense.record_result(doc)
	if old == WorkflowState.UNDER_EVALUATION:
		if new in RESULT_STATES:
			review_meeting.check_result_transition(doc, RESULT_STATES[new])
		doc.evaluation_result = RESULT_STATES.get(new)
	if new == WorkflowState.CERTIFIED:
		results.on_certify(doc, now)
		doc.certified_at = clock.wall(now)
	if new == WorkflowState.REVOKED:
		results.on_revoke(doc, now)
	check_paper_stage(doc, notice, old, new, now)
	if new in CLOSING_STATES:
		doc.closed_at = clock.wall(now)
		doc.closed_reason = doc.closed_reason or _("{0} by {1}").format(_(new), frappe.session.user)


def check_submission(doc, now: datetime.datetime):
	"""Submitting or resubmitting: the precheck (window, submission limit, resubmission
	deadline and every eligibility rule) must find nothing blocking."""
	result = run_precheck(doc, now=now)
	if not result.ok:
		frappe.throw(blocking_message(result), title=_("The precheck found problems"))


def check_unit_publicity(doc, now: datetime.datetime):
	"""The unit forwards only after a publicity of enough working days has ended without
	objection (the rules engine's publicity rule at forwarding)."""
	start = frappe.utils.getdate(doc.publicity_start) if doc.publicity_start else None
	end = frappe.utils.getdate(doc.publicity_end) if doc.publicity_end else None
	findings = publicity_findings(
		notice_config(doc.notice), start, end, bool(doc.publicity_objection), now.date(), at_forwarding=True
	)
	if findings:
		frappe.throw("<br>".join(f"{f.message}（{f.seed_ref}）" for f in findings), title=_("Unit publicity"))


def record_return(doc, now: datetime.datetime):
	"""A return states every reason at once (002 四、（四）) and starts the resubmission clock."""
	reasons = (doc.return_reasons or "").strip()
	if not reasons:
		frappe.throw(_("State every reason for the return at once before returning the application"))
	config = notice_config(doc.notice)
	if config.max_submissions:
		allowed = config.max_submissions if config.submissions_count_initial else config.max_submissions + 1
		if (doc.submission_count or 0) >= allowed:
			frappe.throw(
				_(
					"This was submission {0} of at most {1}: the application cannot be returned again; reject it as not accepted instead"
				).format(doc.submission_count, allowed),
				title=_("Submission limit reached"),
			)
	row = doc.append(
		"returns", {"returned_at": clock.wall(now), "returned_by": frappe.session.user, "reasons": reasons}
	)
	# the engine owns the resubmission rule (48 h / 24 h / 2 days, capped by the window)
	at = next((d["at"] for d in run_precheck(doc, now=now).deadlines if d["kind"] == "Resubmission"), None)
	deadline = datetime.datetime.fromisoformat(at) if isinstance(at, str) else at
	row.deadline = clock.wall(deadline) if deadline else None
	doc.return_count = (doc.return_count or 0) + 1
	doc.resubmit_deadline = clock.wall(deadline) if deadline else None
	doc.return_reasons = None


def record_acceptance(doc, now: datetime.datetime):
	"""已接收材料: the fee and the defense the applicant faces are fixed now."""
	result = run_precheck(doc, now=now)
	doc.fee_amount = (result.fee or {}).get("amount") or 0
	doc.defense_required = 1 if result.defense.get("required") else 0
	doc.defense_online = 1 if result.defense.get("online") else 0
	doc.defense_exempt = 1 if result.defense.get("exempt") else 0


def _inside(notice, kind: str, now: datetime.datetime, label: str):
	"""Refuse ``label`` outside the notice's window of ``kind`` (vocabulary.WindowKind)."""
	w = clock.window(notice, kind)
	if not w:
		return
	start, end, _consequence = w
	if outside_window(start, end, now):
		frappe.throw(
			_("{0} is only possible from {1} to {2} (Beijing time)").format(
				label, clock.fmt(start), clock.fmt(end)
			)
		)


def record_paper(doc, notice, now: datetime.datetime):
	_inside(notice, WindowKind.PAPER, now, _("Receiving paper materials"))
	if not doc.paper_received_at:
		doc.paper_received_at = clock.wall(now)
		doc.paper_received_by = frappe.session.user


def record_fee(doc, notice, now: datetime.datetime):
	"""已缴费: the fee desk's payment (Fee Payment, services/fees.py) gives the amount, the time and
	who recorded it."""
	fees.check_fee_window(notice.name, now)
	payment = fees.payment_fields(doc.name)
	if not payment:
		# the fee report, the refunds and the receipts read the payment: no fee without one
		frappe.throw(
			_(
				"Record the fee in 缴费 (Fee Payment) with its receipt number; saving it moves the application"
			),
			title=_("Fee recorded without a payment"),
		)
	doc.fee_paid_at = payment.paid_at
	doc.fee_recorded_by = payment.recorded_by
	doc.fee_amount = payment.amount or doc.fee_amount


def record_refund(doc):
	"""已缴费 back to the state before Record Fee: only the fee desk's refund of the standing payment
	takes this step (``fees.refund``); the fee's time and recorder go with the payment."""
	fees.check_refund_transition(doc)
	doc.fee_paid_at = None
	doc.fee_recorded_by = None


def check_defense_result(doc):
	"""Defense → Under Evaluation / Failed: the result is the one the defense session records from
	the score or the panel's decision (``defense.record_results``, which passes it in
	``frappe.flags.defense_results``); a plain click of Pass Defense or Fail Defense is refused."""
	if doc.name not in (frappe.flags.defense_results or {}):
		frappe.throw(
			_(
				"The defense result is recorded from its 答辩安排 (Defense Session): enter the score or the panel's decision there and record the results"
			),
			title=_("Defense result without a session"),
		)


def check_paper_stage(doc, notice, old: str, new: str, now: datetime.datetime):
	"""The paper stage of 阿地人社传〔2024〕6号 四、（二） (rules/paper_stage.py): confirmed only once the
	paper reached the bureau, each step inside its window, the unit's paper only after its
	publicity of the passed applicants; what each step records."""
	config = notice_config(doc.notice)
	if new == WorkflowState.CONFIRMED:
		refusal = paper_stage.confirmation_refusal(config, old)
		if refusal:
			frappe.throw(refusal, title=_("Paper materials not yet received"))
	kind = paper_stage.window_of(old, new)
	window = clock.window(notice, kind) if kind else None
	if window:
		refusal = paper_stage.window_refusal(config, old, new, window[0], window[1], now, clock.fmt)
		if refusal:
			frappe.throw(refusal, title=_("Outside the window of the notice"))
	if new == WorkflowState.UNIT_RESULTS_PUBLICITY:
		doc.review_passed_at = clock.wall(now)
	elif new == WorkflowState.PAPER_SUBMITTED:
		start = frappe.utils.getdate(doc.republicity_start) if doc.republicity_start else None
		end = frappe.utils.getdate(doc.republicity_end) if doc.republicity_end else None
		problems = paper_stage.results_publicity_problems(
			config, start, end, bool(doc.republicity_objection), now.date()
		)
		if problems:
			frappe.throw("<br>".join(problems), title=_("Publicity of the passed applicants"))
		doc.paper_submitted_at = clock.wall(now)
		doc.paper_submitted_by = frappe.session.user
	elif new == WorkflowState.COUNTY_PAPER_SUBMITTED:
		doc.county_paper_submitted_at = clock.wall(now)
	elif new == WorkflowState.CONFIRMED:
		doc.confirmed_at = clock.wall(now)
		doc.confirmed_by = frappe.session.user
	elif new == WorkflowState.NOT_CONFIRMED:
		refusal = paper_stage.not_confirmed_refusal(
			config, old, doc.not_confirmed_reason, bool(doc.republicity_objection)
		)
		if refusal:
			frappe.throw(refusal, title=_("Confirmation not refused"))
		doc.not_confirmed_reason = doc.not_confirmed_reason.strip()
		doc.closed_reason = doc.not_confirmed_reason
