"""What the bureau's dashboards and reports count: the stages of a campaign's applications and the
summary of a notice's applications per route and level. Pure Python: rows in, counts out.

A stage is a set of workflow states; every state an application can rest in belongs to at most one
stage, so the cards of a campaign never count an application twice.
"""

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from zhicheng_app.rules.vocabulary import ACCEPTED_STATES, WorkflowState

S = WorkflowState


class Stage(NamedTuple):
	key: str
	card: str  # the Number Card that shows it (zhicheng/number_card/); zh label in zh.csv
	states: tuple[str, ...]


# The stages of the bureau's number cards, in the order an application passes them
STAGES: tuple[Stage, ...] = (
	Stage("unit_review", "Applications in Unit Review", (S.UNIT_REVIEW,)),
	Stage(
		"bureau_review",
		"Applications under Bureau Review",
		(
			S.SUPERVISING_REVIEW,
			S.EMPLOYMENT_SERVICE_REVIEW,
			S.COUNTY_REVIEW,
			S.COUNTY_CONFIRMATION,
			S.PREFECTURE_CONFIRMATION,
			# 004's paper stage: the unit's second publicity and its paper at the bureaus
			S.UNIT_RESULTS_PUBLICITY,
			S.PAPER_SUBMITTED,
			S.COUNTY_PAPER_SUBMITTED,
		),
	),
	Stage("committee_review", "Applications in Committee Review", (S.COMMITTEE_REVIEW,)),
	Stage("returned", "Applications Returned, Awaiting Resubmission", (S.RETURNED,)),
	# accepted online, the fee not yet recorded
	Stage("accepted", "Applications Accepted, Fee Not Paid", (S.ACCEPTED, S.PAPER_RECEIVED)),
	# the fee recorded and the evaluation (defense, meeting, publicity of the result) under way
	Stage(
		"fee_paid",
		"Applications with the Fee Paid, in Evaluation",
		(S.FEE_PAID, S.DEFENSE, S.UNDER_EVALUATION, S.PASSED_PUBLICITY),
	),
	# a qualification document issued (committee routes) or the bureau's confirmation (004 routes)
	Stage("certified", "Applications Certified or Confirmed", (S.CERTIFIED, S.CONFIRMED)),
)
STAGE_BY_KEY: dict[str, Stage] = {stage.key: stage for stage in STAGES}

# The states that end with a qualification: certified by a committee, confirmed by a bureau
QUALIFIED_STATES = frozenset({S.CERTIFIED, S.CONFIRMED})

# The summary's counts, in column order: (key, English label)
SUMMARY_COUNTS: tuple[tuple[str, str], ...] = (
	("total", "Applications"),
	("submitted", "Submitted"),
	("returned", "Returned"),
	("accepted", "Accepted"),
	("not_accepted", "Not Accepted"),
	("certified", "Certified or Confirmed"),
)


def summary_counts(row: Mapping) -> dict[str, int]:
	"""The summary's counts of one application ``row`` (workflow_state, submission_count): 1 in
	every count it falls under, 0 in the others.

	submitted: sent by the applicant at least once; returned: returned by the committee and not
	yet resubmitted; accepted: accepted online by the committee, whatever came after (certified
	included); not accepted: refused by the committee; certified: certified or confirmed.
	"""
	state = row.get("workflow_state") or ""
	return {
		"total": 1,
		"submitted": int(bool(row.get("submission_count")) or state not in ("", S.DRAFT, S.ABANDONED)),
		"returned": int(state == S.RETURNED),
		"accepted": int(state in ACCEPTED_STATES),
		"not_accepted": int(state == S.NOT_ACCEPTED),
		"certified": int(state in QUALIFIED_STATES),
	}


def summarize(rows: Iterable[Mapping]) -> list[dict]:
	"""Counts per (notice, route, target_level) of the application ``rows``, sorted by those keys."""
	groups: dict[tuple[str, str, str], dict] = {}
	for row in rows:
		key = (row.get("notice") or "", row.get("route") or "", row.get("target_level") or "")
		group = groups.get(key)
		if group is None:
			group = groups[key] = {
				"notice": key[0],
				"route": key[1],
				"target_level": key[2],
				**{count: 0 for count, _label in SUMMARY_COUNTS},
			}
		for count, value in summary_counts(row).items():
			group[count] += value
	return [groups[key] for key in sorted(groups)]


def totals(groups: Iterable[Mapping]) -> dict[str, int]:
	"""The sum of every count over ``groups``."""
	out = {count: 0 for count, _label in SUMMARY_COUNTS}
	for group in groups:
		for count in out:
			out[count] += group.get(count) or 0
	return out


# ---------------------------------------------------------------- 缴费情况 (fees per committee, tier and method)
# the method of a payment recorded before the fee desk existed (patches/v1_1/fee_payments_from_applications)
NOT_RECORDED = "Not Recorded"


def fee_summary(payments: Iterable[Mapping], outstanding: Iterable[Mapping] = ()) -> list[dict]:
	"""One row per (committee, level_tier, method): ``count`` payments of ``amount`` each (None when
	they differ), ``total`` = their sum, split into ``paid`` (standing) and ``refunded``; and one
	row per (committee, level_tier) with the method empty for the accepted applications whose fee
	is ``outstanding``. ``payments``: committee, level_tier, method, amount, status ("Paid" or
	"Refunded"); ``outstanding``: committee, level_tier, amount. Sorted by committee, tier, method
	(outstanding last); in every row total == paid + refunded + outstanding."""
	groups: dict[tuple[str, str, str], dict] = {}

	def group(row: Mapping, method: str) -> dict:
		key = (row.get("committee") or "", row.get("level_tier") or "", method)
		if key not in groups:
			groups[key] = {
				"committee": key[0],
				"level_tier": key[1],
				"method": key[2],
				"count": 0,
				"amounts": set(),
				"total": 0.0,
				"paid": 0.0,
				"refunded": 0.0,
				"outstanding": 0.0,
			}
		return groups[key]

	for row in payments:
		g, amount = group(row, row.get("method") or NOT_RECORDED), float(row.get("amount") or 0)
		g["count"] += 1
		g["amounts"].add(amount)
		g["total"] += amount
		g["refunded" if row.get("status") == "Refunded" else "paid"] += amount
	for row in outstanding:
		g, amount = group(row, ""), float(row.get("amount") or 0)
		g["count"] += 1
		g["amounts"].add(amount)
		g["total"] += amount
		g["outstanding"] += amount
	out = []
	for key in sorted(groups, key=lambda k: (k[0], k[1], k[2] == "", k[2])):
		g = groups[key]
		amounts = g.pop("amounts")
		g["amount"] = next(iter(amounts)) if len(amounts) == 1 else None
		out.append(g)
	return out


def fee_totals(rows: Iterable[Mapping]) -> dict:
	"""The sums of ``fee_summary`` rows."""
	out = {"count": 0, "total": 0.0, "paid": 0.0, "refunded": 0.0, "outstanding": 0.0}
	for row in rows:
		for key in out:
			out[key] += row.get(key) or 0
	return out
