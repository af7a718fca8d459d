"""The engine's mechanics: a failing rule family becomes a CHECK-FAILED finding while the others
still report, findings are ordered by severity, results are independent of each other and of
later edits of the profile, and the file-type rule follows ``os.path.splitext``."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.unit.rules.factories import NOW, base, varied_profiles
from zhicheng_app.rules.model import ApplicationProfile, NoticeConfig, load_seed_notice
from zhicheng_app.rules.precheck import FAMILIES, precheck
from zhicheng_app.rules.vocabulary import Severity


def _fresh_notice(code: str) -> NoticeConfig:
	return NoticeConfig.from_dict(load_seed_notice(code).to_dict())


def test_failing_family_becomes_check_failed():
	notice = _fresh_notice("000")
	notice.summary_topics = [None]  # data no form produces: the summary family fails on it
	profile = base("000")
	profile["id_number"] = "123"  # ID-INVALID, reported by an earlier family
	result = precheck(profile, notice, NOW["000"])
	ids = result.rule_ids()
	failed = [f for f in result.findings if f.rule_id == "CHECK-FAILED"]
	assert len(failed) == 1
	assert "summary: AttributeError" in failed[0].message
	assert ids.count("ID-INVALID") == 1
	assert result.eligible_options  # the families before it reported
	assert result.fee and result.deadlines  # and the families after it still ran


def test_every_family_is_guarded():
	"""A notice whose tables hold junk: each family that reads one fails on its own."""
	notice = _fresh_notice("000")
	for name in ("routes", "materials", "ce_policies", "fees", "defense_rules", "summary_topics"):
		setattr(notice, name, [None])
	result = precheck(base("000"), notice, NOW["000"])
	messages = [f.message for f in result.findings if f.rule_id == "CHECK-FAILED"]
	failed = {label for label, _family in FAMILIES if any(f"{label}: " in m for m in messages)}
	assert failed == {"eligibility", "continuing education", "materials", "summary", "fee", "defense"}
	assert len(messages) == len(failed)
	assert "INPUT-MISSING" not in result.rule_ids() and result.deadlines  # the others still ran


def test_findings_are_ordered_by_severity():
	order = list(Severity)
	for raw, code in varied_profiles(200, seed=5):
		findings = precheck(raw, code, NOW[code]).findings
		ranks = [order.index(f.severity) for f in findings]
		assert ranks == sorted(ranks)


def test_message_keeps_the_values_the_precheck_saw():
	def township_profile():
		profile = ApplicationProfile.from_dict(base("004"))
		profile.route = "Township Initial Intermediate"
		profile.target_level = "Intermediate"
		profile.professional_start_date = profile.professional_start_date.replace(year=2023)
		return profile

	profile = township_profile()
	result = precheck(profile, "004", NOW["004"])
	before = [f.to_dict() for f in result.findings]
	profile.professional_start_date = profile.professional_start_date.replace(year=2000)
	profile.route = "Grant by Degree"
	assert [f.to_dict() for f in result.findings] == before
	assert "TOWN-YEARS" in result.rule_ids()


def test_results_do_not_share_rows():
	first = precheck(base("000"), "000", NOW["000"])
	first.required_materials[0]["label"] = "changed"
	first.eligible_options[0]["committee"] = "changed"
	first.fee["amount"] = 1
	second = precheck(base("000"), "000", NOW["000"]).to_dict()
	assert second["required_materials"][0]["label"] != "changed"
	assert second["eligible_options"][0]["committee"] != "changed"
	assert second["fee"]["amount"] != 1
	d = second.copy()
	d["deadlines"][0]["label"] = "changed"
	assert precheck(base("000"), "000", NOW["000"]).deadlines[0]["label"] != "changed"


def test_fraud_ban_empties_the_eligible_lists():
	profile = base("000")
	profile["sanctions"] = [{"kind": "Fraud", "decided_on": "2023-05-01", "application_year": 2023}]
	result = precheck(profile, "000", NOW["000"])
	assert "BAN-FRAUD" in result.rule_ids()
	assert result.eligible_routes == result.eligible_levels == result.eligible_options == []
	assert precheck(base("000"), "000", NOW["000"]).eligible_options


_NAME = st.text(alphabet="ab./\\PpDdFfJj0 ", max_size=12)


@given(st.lists(_NAME, min_size=1, max_size=6))
def test_file_type_rule_follows_splitext(names):
	"""002 accepts jpg only: a file is refused exactly when its extension is not .jpg."""
	profile = base("002")
	profile["attachments"] = [
		{"code": f"x{i}", "present": True, "masked": True, "file_name": name} for i, name in enumerate(names)
	]
	result = precheck(profile, "002", NOW["002"])
	expected = [n for n in names if n and os.path.splitext(n)[1].lower() != ".jpg"]
	found = [f for f in result.findings if f.rule_id == "FILE-TYPE"]
	if expected:
		(finding,) = found
		assert finding.message.endswith("、".join(expected))
	else:
		assert not found


@pytest.mark.parametrize(("name", "accepted"), [("id.JPG", True), ("id.jpg.pdf", False), (".jpg", False)])
def test_file_type_examples(name, accepted):
	profile = base("002")
	profile["attachments"][0]["file_name"] = name
	assert ("FILE-TYPE" not in precheck(profile, "002", NOW["002"]).rule_ids()) == accepted
