"""The precheck gives exactly the recorded results for a fixed sample of profiles.

``data/precheck_golden.json`` holds 29 profiles (changes to the valid profile of a seed notice)
that together fire 72 rules. For each, the findings are kept for a readable diff and the SHA-256
of the whole ``to_dict()`` (keys sorted, compact separators) for an exact comparison: required
materials, eligible options, fee, defense and deadlines included. A change of behaviour must be deliberate: re-record the file.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import pathlib

import pytest

from tests.unit.rules.factories import base, summary_text
from zhicheng_app.rules.model import ApplicationProfile, load_seed_notice
from zhicheng_app.rules.precheck import precheck

SAMPLE = json.loads((pathlib.Path(__file__).parent / "data" / "precheck_golden.json").read_text("utf-8"))


def _profile(case: dict) -> dict:
	p = base(case["notice"])
	for key in case["removed"]:
		p.pop(key, None)
	for key, value in copy.deepcopy(case["changes"]).items():
		if isinstance(value, dict) and set(value) == {"summary_text"}:
			value = summary_text(value["summary_text"])
		p[key] = value
	return p


def _digest(result: dict) -> str:
	text = json.dumps(result, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
	return hashlib.sha256(text.encode()).hexdigest()


def test_sample_covers_the_rules():
	fired = {f[0] for case in SAMPLE for f in case["findings"]}
	assert len(SAMPLE) >= 25 and len(fired) >= 70


@pytest.mark.parametrize("case", SAMPLE, ids=[f"{i:02d}-{c['notice']}" for i, c in enumerate(SAMPLE)])
def test_precheck_matches_recorded_result(case):
	now = datetime.datetime.fromisoformat(case["now"])
	profile = _profile(case)
	for given in (copy.deepcopy(profile), ApplicationProfile.from_dict(copy.deepcopy(profile))):
		result = precheck(given, load_seed_notice(case["notice"]), now).to_dict()
		findings = [[f["rule_id"], f["severity"], f["field"], f["message"]] for f in result["findings"]]
		assert findings == case["findings"]
		assert _digest(result) == case["sha256"]


@pytest.mark.parametrize(
	"case", SAMPLE[::3], ids=[f"{i * 3:02d}-{c['notice']}" for i, c in enumerate(SAMPLE[::3])]
)
def test_pair_issues_agree_with_eligible_options(case):
	"""``pair_issues`` of every offered pair agrees with the eligible options of the precheck."""
	from zhicheng_app.rules.context import PrecheckContext
	from zhicheng_app.rules.eligibility import pair_issues
	from zhicheng_app.rules.precheck import as_shanghai_time

	notice = load_seed_notice(case["notice"])
	profile = ApplicationProfile.from_dict(_profile(case))
	result = precheck(profile, notice, case["now"])
	if "BAN-FRAUD" in result.rule_ids():
		return  # a ban empties the eligible lists
	eligible = {(o["route"], o["level"]) for o in result.eligible_options}
	ctx = PrecheckContext(profile, notice, as_shanghai_time(case["now"]))
	for row in notice.routes:
		assert (not pair_issues(ctx, row.route, row.level)) == ((row.route, row.level) in eligible)
