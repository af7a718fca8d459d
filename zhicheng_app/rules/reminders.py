"""Rule family: who is told what about an application, and when a deadline reminder is due.

A reminder goes out once a deadline governing the application's state (``rules.deadlines``) lies
no more than the configured number of hours ahead; it goes to whoever must act in that state:
the applicant where the applicant acts (filling in, resubmitting, paying the fee and handing in
the paper materials once accepted), else the reviewers who may take the state's next step.
Each notification is keyed by application, kind, deadline and recipient so it is sent once.
"""

from __future__ import annotations

import datetime

from zhicheng_app.rules.calendar import to_shanghai
from zhicheng_app.rules.vocabulary import WorkflowState

DEFAULT_REMINDER_HOURS = 24

# the notification kinds (Notification Sent.kind)
ACCEPTED = "Accepted"
DEFENSE_SCHEDULED = "Defense Scheduled"
DEFENSE_RESCHEDULED = "Defense Rescheduled"
DEFENSE_CANCELLED = "Defense Cancelled"
RESULTS_OBJECTION = "Results Objection"
NOT_CONFIRMED = "Not Confirmed"
DEADLINE_REMINDER = "Deadline Reminder"

# the states in which the applicant is the one who must act before the deadline
APPLICANT_ACTS = frozenset(
	{
		WorkflowState.DRAFT,
		WorkflowState.RETURNED,
		WorkflowState.ACCEPTED,  # pays the fee, hands in the paper materials
		WorkflowState.PAPER_RECEIVED,  # pays the fee
	}
)


def due(at: datetime.datetime | None, now: datetime.datetime, hours: int | None) -> bool:
	"""Whether a reminder of the deadline ``at`` is due at ``now``: the deadline is still ahead and
	at most ``hours`` away (no reminders when ``hours`` is 0)."""
	if at is None or not hours or hours <= 0:
		return False
	at, now = to_shanghai(at), to_shanghai(now)
	return now < at <= now + datetime.timedelta(hours=hours)


def applicant_acts(state: str) -> bool:
	return state in APPLICANT_ACTS


def sent_key(
	application: str,
	kind: str,
	recipient: str,
	deadline: datetime.datetime | None = None,
	detail: str = "",
) -> str:
	"""The key under which a notification is recorded as sent (one per application, kind,
	deadline and recipient, and ``detail`` where one kind is sent for several events, e.g. each
	change of a defense session)."""
	moment = to_shanghai(deadline).strftime("%Y-%m-%d %H:%M") if deadline else ""
	key = f"{application}|{kind}|{moment}|{recipient}"
	return f"{key}|{detail}" if detail else key
