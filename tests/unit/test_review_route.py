"""The named switches of the Recommend transitions out of Unit Review route every application
exactly as the shipped Python conditions of before did [spec §4.2–§4.6, §4.9].

Both sets of conditions are evaluated the way Frappe does (``doc`` is the application's
``as_dict()``, a dict whose missing keys read as None) over every route × unit location ×
supervising unit present or absent × the notice's two chain switches."""

from __future__ import annotations

import itertools
import json
import pathlib
from types import SimpleNamespace

import pytest

from zhicheng_app.patches.v1_1.review_route_switches import (
	OLD_CONDITIONS,
	replace_shipped_conditions,
	shipped_conditions,
)
from zhicheng_app.rules.review_route import REVIEW_SWITCHES, next_reviewer, review_switches
from zhicheng_app.rules.vocabulary import Location, Route, WorkflowState

WORKFLOW_JSON = (
	pathlib.Path(__file__).resolve().parents[2]
	/ "zhicheng_app"
	/ "workflows"
	/ "title_application_approval.json"
)
ROUTE_VALUES = {str(r) for r in Route}
ROUTES = [str(r) for r in Route] + [None, "", "Some Other Route"]
LOCATIONS = [str(loc) for loc in Location] + [None, ""]
SUPERVISING_UNITS = ["阿克苏地区交通运输局", None, ""]
CHAIN = [0, 1]
COMBINATIONS = list(itertools.product(ROUTES, LOCATIONS, SUPERVISING_UNITS, CHAIN, CHAIN))


class Doc(dict):
	"""What a condition sees as ``doc``: Frappe passes ``doc.as_dict()``, a frappe._dict."""

	def __getattr__(self, key):
		return self.get(key)


def evaluate(condition: str, doc: Doc) -> bool:
	return bool(eval(condition, {"__builtins__": {}}, {"doc": doc}))


def recommend_transitions() -> list[dict]:
	workflow = json.loads(WORKFLOW_JSON.read_text(encoding="utf-8"))["workflow"]
	return [t for t in workflow["transitions"] if t["state"] == "Unit Review" and t["action"] == "Recommend"]


def application(route, location, supervising_unit, via_es, via_su) -> Doc:
	doc = Doc(
		route=route,
		unit_location=location,
		supervising_unit=supervising_unit,
		via_employment_service=via_es,
		via_supervising_unit=via_su,
	)
	doc.update(review_switches(route, location, supervising_unit, via_es, via_su))
	return doc


def test_new_conditions_route_as_the_old_ones():
	transitions = recommend_transitions()
	assert len(transitions) == len(OLD_CONDITIONS)
	differences = []
	for facts in COMBINATIONS:
		doc = application(*facts)
		old = {state for state, condition in OLD_CONDITIONS.items() if evaluate(condition, doc)}
		new = {t["next_state"] for t in transitions if evaluate(t["condition"], doc)}
		if new != old:
			differences.append((facts, old, new))
		# a known route has exactly one way on; no route has none, before and now
		assert len(new) == (1 if facts[0] in ROUTE_VALUES else 0), (facts, new)
	assert not differences, differences[:5]


def test_exactly_one_switch_for_a_known_route():
	for facts in COMBINATIONS:
		switches = review_switches(*facts)
		assert set(switches) == set(REVIEW_SWITCHES)
		assert set(switches.values()) <= {0, 1}
		assert sum(switches.values()) == (1 if facts[0] in ROUTE_VALUES else 0), facts


def test_every_next_reviewer_is_reached():
	reached = {next_reviewer(r, loc, bool(su), es, vs) for r, loc, su, es, vs in COMBINATIONS}
	assert reached - {None} == set(REVIEW_SWITCHES.values())


@pytest.mark.parametrize(
	"facts, expected",
	[
		(("Grant by Degree", "Prefecture-direct", None, 0, 0), "Prefecture Confirmation"),  # 004 F1
		(("Initial Junior", "Township", None, 1, 1), "County Confirmation"),  # 004 F2
		(("Fanghuiju Three-Year Promotion", "County", "X", 0, 1), "County Review"),  # 004 F3
		(("Private Enterprise Special", "County", None, 1, 0), "Employment Service Review"),  # 001, 003
		(("Private Enterprise Special", "County", "X", 0, 1), "Committee Review"),  # 000
		(("Autonomous Region Evaluation", "County", "X", 0, 1), "Supervising Review"),  # 002
		(("Directed Evaluation", "Prefecture-direct", None, 1, 1), "Committee Review"),  # no supervising unit
		(("Directed Evaluation", "Prefecture-direct", "X", 1, 0), "Committee Review"),  # 000
	],
)
def test_chains_of_the_notices(facts, expected):
	assert next_reviewer(facts[0], facts[1], bool(facts[2]), facts[3], facts[4]) == WorkflowState(expected)


def test_shipped_recommend_conditions_are_the_switches():
	assert {t["next_state"]: t["condition"] for t in recommend_transitions()} == {
		state: f"doc.{field}" for field, state in REVIEW_SWITCHES.items()
	}
	assert set(OLD_CONDITIONS) == set(REVIEW_SWITCHES.values())


def _row(next_state, condition, state="Unit Review", action="Recommend"):
	return SimpleNamespace(state=state, action=action, next_state=next_state, condition=condition)


def test_patch_replaces_only_the_old_shipped_text():
	edited = "doc.to_county_review and doc.region == '温宿县'"
	rows = [
		_row("County Review", edited),  # an administrator's own condition
		_row("Prefecture Confirmation", " " + OLD_CONDITIONS["Prefecture Confirmation"] + "\n"),
		_row("Committee Review", OLD_CONDITIONS["Committee Review"]),
		_row("Committee Review", OLD_CONDITIONS["Committee Review"], state="Supervising Review"),
		_row("Defense", "doc.defense_required", state="Fee Paid", action="Schedule Defense"),
	]
	changed = replace_shipped_conditions(rows)
	assert changed == ["Prefecture Confirmation", "Committee Review"]
	new = shipped_conditions()
	assert rows[0].condition == edited
	assert rows[1].condition == new["Prefecture Confirmation"] == "doc.to_prefecture_confirmation"
	assert rows[2].condition == "doc.to_committee_review"
	assert rows[3].condition == OLD_CONDITIONS["Committee Review"]  # not a transition out of Unit Review
	assert rows[4].condition == "doc.defense_required"
	assert replace_shipped_conditions(rows) == []  # a second run changes nothing
