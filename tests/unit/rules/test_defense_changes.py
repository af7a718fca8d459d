"""A moved or cancelled defense is told once per change: the notification key tells the changes of
one session apart and leaves the keys of the other notifications as they were."""

import datetime

from zhicheng_app.rules import reminders

AT = datetime.datetime(2024, 8, 5, 9, 30)


def test_each_change_of_a_session_has_its_own_key():
	first = reminders.sent_key("ZC-1", reminders.DEFENSE_RESCHEDULED, "a@example.com", AT, "DS-2024-0001#1")
	second = reminders.sent_key("ZC-1", reminders.DEFENSE_RESCHEDULED, "a@example.com", AT, "DS-2024-0001#2")
	assert first != second
	assert first == "ZC-1|Defense Rescheduled|2024-08-05 09:30|a@example.com|DS-2024-0001#1"


def test_without_a_detail_the_key_is_the_one_stored_before():
	assert (
		reminders.sent_key("ZC-1", reminders.DEFENSE_SCHEDULED, "a@example.com", AT)
		== "ZC-1|Defense Scheduled|2024-08-05 09:30|a@example.com"
	)
