"""The unit publicity rule, as the precheck applies it and as the unit's forwarding does
(``publicity_findings(..., at_forwarding=True)``, called by services/transitions)."""

from __future__ import annotations

import datetime

import pytest

from zhicheng_app.rules.model import NoticeConfig, load_seed_notice
from zhicheng_app.rules.publicity import publicity_findings

D = datetime.date
TODAY = D(2024, 8, 12)  # a Monday


def _ids(findings) -> list[str]:
	return [f.rule_id for f in findings]


@pytest.mark.parametrize("at_forwarding", [False, True])
def test_a_clean_publicity_of_five_working_days_passes(at_forwarding):
	notice = load_seed_notice("000")
	assert publicity_findings(notice, D(2024, 8, 5), D(2024, 8, 9), False, TODAY, at_forwarding) == []


def test_forwarding_needs_the_period():
	(finding,) = publicity_findings(load_seed_notice("000"), None, None, False, TODAY, at_forwarding=True)
	assert finding.rule_id == "PUB-NOT-ENTERED"
	assert finding.message == "请先填写单位公示起止日期，再审核推荐"
	assert finding.seed_ref


def test_precheck_only_announces_a_publicity_that_follows_the_application():
	assert _ids(publicity_findings(load_seed_notice("000"), None, None, False, TODAY)) == ["PUB-PENDING"]
	assert _ids(publicity_findings(load_seed_notice("004"), None, None, False, TODAY)) == ["PUB-MISSING"]


def test_forwarding_needs_the_publicity_over():
	notice = load_seed_notice("000")  # publicity after the application
	running = (D(2024, 8, 6), D(2024, 8, 12))
	assert _ids(publicity_findings(notice, *running, False, TODAY)) == []
	assert _ids(publicity_findings(notice, *running, False, TODAY, at_forwarding=True)) == ["PUB-NOT-ENDED"]


@pytest.mark.parametrize("at_forwarding", [False, True])
def test_too_short_or_contested(at_forwarding):
	notice = load_seed_notice("000")
	short = publicity_findings(notice, D(2024, 8, 5), D(2024, 8, 8), False, TODAY, at_forwarding)
	assert _ids(short) == ["PUB-DAYS"]
	assert "2024-08-09" in short[0].message  # the earliest end
	contested = publicity_findings(notice, D(2024, 8, 5), D(2024, 8, 9), True, TODAY, at_forwarding)
	assert _ids(contested) == ["PUB-OBJECTION"]


def test_no_minimum_when_the_notice_sets_none():
	notice = NoticeConfig.from_dict({**load_seed_notice("000").to_dict(), "publicity_min_working_days": 0})
	assert publicity_findings(notice, D(2024, 8, 5), D(2024, 8, 6), False, TODAY, at_forwarding=True) == []
