"""The bureau's dashboards and reports without a site: the stages the number cards count, the
summary's counts, and the shipped records (number cards, charts, reports, workspace) agreeing with
them, with every label in zh."""

import json
import re
from pathlib import Path

import pytest

from zhicheng_app.i18n import catalog
from zhicheng_app.rules import reporting
from zhicheng_app.rules.vocabulary import ACCEPTED_STATES, Level, Route, WorkflowState

APP = Path(__file__).resolve().parents[2] / "zhicheng_app"
MODULE = APP / "zhicheng"
WORKFLOW = json.loads((APP / "workflows" / "title_application_approval.json").read_text(encoding="utf-8"))
APPLICATION = json.loads(
	(MODULE / "doctype" / "title_application" / "title_application.json").read_text(encoding="utf-8")
)
ZH = catalog("zh")


def records(kind: str) -> dict[str, dict]:
	out = {}
	for path in (MODULE / kind).glob("*/*.json"):
		doc = json.loads(path.read_text(encoding="utf-8"))
		out[doc["name"]] = doc
	return out


CARDS = records("number_card")
CHARTS = records("dashboard_chart")
SOURCES = records("dashboard_chart_source")
REPORTS = records("report")
WORKSPACE = json.loads((MODULE / "workspace" / "zhicheng" / "zhicheng.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- stages
def test_stages_are_workflow_states_and_never_overlap():
	workflow_states = {s["state"] for s in WORKFLOW["workflow"]["states"]}
	seen: set[str] = set()
	for stage in reporting.STAGES:
		assert set(stage.states) <= workflow_states, stage
		assert not seen & set(stage.states), f"{stage.key} counts a state of another stage"
		seen |= set(stage.states)
	# every state an application waits in between submission and the end is some stage's
	assert seen == workflow_states - {
		WorkflowState.DRAFT,
		WorkflowState.FAILED,
		WorkflowState.ABANDONED,
		WorkflowState.NOT_ACCEPTED,
		WorkflowState.NOT_CONFIRMED,  # 不予确认 by the bureau: ended without a title
		WorkflowState.REVOKED,  # a title taken back: ended, counted by no stage
	}


# the cards beyond the stages: each counts with its own method
OTHER_CARDS = {
	"Applications with a Deadline Today": "zhicheng_app.api.dashboard.due_today_count",
	"Applications Abandoned": "zhicheng_app.api.dashboard.abandoned_count",
}


def test_every_stage_has_its_card_counting_it():
	assert {stage.card for stage in reporting.STAGES} | set(OTHER_CARDS) == set(CARDS)
	for name, method in OTHER_CARDS.items():
		assert CARDS[name]["type"] == "Custom" and CARDS[name]["method"] == method
		assert CARDS[name]["document_type"] == "Title Application"
	for stage in reporting.STAGES:
		card = CARDS[stage.card]
		assert card["type"] == "Custom"
		assert card["method"] == "zhicheng_app.api.dashboard.stage_count"
		assert json.loads(card["filters_json"]) == {"stage": stage.key}
		# Frappe shows a card to those who may read its DocType (not a review expert)
		assert card["document_type"] == "Title Application"
		assert card["is_standard"] and card["module"] == "Zhicheng"


# ---------------------------------------------------------------- the summary
def row(state, submissions=1, notice="N", route=Route.DIRECTED, level=Level.INTERMEDIATE):
	return {
		"notice": notice,
		"route": route,
		"target_level": level,
		"workflow_state": state,
		"submission_count": submissions,
	}


@pytest.mark.parametrize(
	("state", "submissions", "expected"),
	[
		(WorkflowState.DRAFT, 0, set()),
		(WorkflowState.DRAFT, 1, {"submitted"}),  # returned by the unit to the applicant
		(WorkflowState.ABANDONED, 0, set()),
		(WorkflowState.UNIT_REVIEW, 1, {"submitted"}),
		(WorkflowState.RETURNED, 1, {"submitted", "returned"}),
		(WorkflowState.ACCEPTED, 1, {"submitted", "accepted"}),
		(WorkflowState.FEE_PAID, 2, {"submitted", "accepted"}),
		(WorkflowState.NOT_ACCEPTED, 1, {"submitted", "not_accepted"}),
		(WorkflowState.CERTIFIED, 1, {"submitted", "accepted", "certified"}),
		(WorkflowState.CONFIRMED, 1, {"submitted", "certified"}),
	],
)
def test_summary_counts_of_one_application(state, submissions, expected):
	counts = reporting.summary_counts(row(state, submissions))
	assert counts["total"] == 1
	assert {k for k, v in counts.items() if v and k != "total"} == expected


def test_summarize_groups_by_notice_route_and_level_and_totals_add_up():
	rows = [
		row(WorkflowState.ACCEPTED),
		row(WorkflowState.RETURNED),
		row(WorkflowState.CERTIFIED, level=Level.DEPUTY_SENIOR),
		row(WorkflowState.UNIT_REVIEW, notice="M", route=Route.PRIVATE),
		row(WorkflowState.DRAFT, 0, notice="M", route=Route.PRIVATE),
	]
	groups = reporting.summarize(rows)
	keys = [(g["notice"], g["route"], g["target_level"]) for g in groups]
	assert keys == sorted(keys) and len(keys) == 3
	first = next(g for g in groups if g["notice"] == "N" and g["target_level"] == Level.INTERMEDIATE)
	assert (first["total"], first["submitted"], first["returned"], first["accepted"]) == (2, 2, 1, 1)
	private = next(g for g in groups if g["notice"] == "M")
	assert (private["total"], private["submitted"]) == (2, 1)
	assert reporting.totals(groups) == {
		"total": 5,
		"submitted": 4,
		"returned": 1,
		"accepted": 2,
		"not_accepted": 0,
		"certified": 1,
	}
	assert {WorkflowState.CERTIFIED} <= ACCEPTED_STATES


# ---------------------------------------------------------------- shipped records
BUREAU = {"County HRSS Officer", "Prefecture HRSS Officer", "Employment Service Officer", "Committee Office"}
NOBODY_ELSE = {"Title Applicant", "Unit HR", "Review Expert"}


def test_reports_are_script_reports_of_applications_for_the_bureaus_only():
	assert set(REPORTS) == {"Application Summary", "Fee Payments", "Applicant Roster", "Deadline Risk"}
	for name, report in REPORTS.items():
		roles = {r["role"] for r in report["roles"]}
		assert report["report_type"] == "Script Report" and report["is_standard"] == "Yes"
		assert report["ref_doctype"] == "Title Application"
		assert {"System Manager", "Title Administrator", "Committee Office"} <= roles
		assert not roles & NOBODY_ELSE, name
	assert BUREAU <= {r["role"] for r in REPORTS["Application Summary"]["roles"]}
	assert BUREAU <= {r["role"] for r in REPORTS["Applicant Roster"]["roles"]}
	assert BUREAU <= {r["role"] for r in REPORTS["Deadline Risk"]["roles"]}


def test_charts_use_the_apps_sources_and_roles():
	for chart in CHARTS.values():
		assert chart["chart_type"] == "Custom" and chart["source"] in SOURCES
		roles = {r["role"] for r in chart["roles"]}
		assert roles and not roles & NOBODY_ELSE
	for name in SOURCES:
		folder = MODULE / "dashboard_chart_source" / name.lower().replace(" ", "_")
		js = (folder / f"{folder.name}.js").read_text(encoding="utf-8")
		method = re.search(r'method: "([\w.]+)"', js).group(1)
		assert method.startswith("zhicheng_app.api.dashboard.")
		assert f"def {method.rsplit('.', 1)[1]}(" in (APP / "api" / "dashboard.py").read_text(
			encoding="utf-8"
		)


def test_workspace_shows_every_card_chart_and_report():
	content = json.loads(WORKSPACE["content"])
	blocks = {
		(b["type"], next(iter(v for k, v in b["data"].items() if k.endswith("_name")), None)) for b in content
	}
	assert {("number_card", c) for c in CARDS} <= blocks
	assert {("chart", c) for c in CHARTS} <= blocks
	assert {n["number_card_name"] for n in WORKSPACE["number_cards"]} == set(CARDS)
	assert {c["chart_name"] for c in WORKSPACE["charts"]} == set(CHARTS)
	linked = {link["link_to"] for link in WORKSPACE["links"] if link.get("link_type") == "Report"}
	assert linked == set(REPORTS)


def test_labels_are_in_zh():
	labels = set(CARDS) | set(CHARTS) | set(REPORTS) | {label for _key, label in reporting.SUMMARY_COUNTS}
	labels |= {link["label"] for link in WORKSPACE["links"] if link.get("link_type") == "Report"}
	labels.add("Reports")
	missing = sorted(label for label in labels if not ZH.get(label))
	assert not missing, missing
	for folder in (MODULE / "report").iterdir():
		for path in folder.glob("*.py"):
			for label in re.findall(r'"label": _\("([^"]+)"\)', path.read_text(encoding="utf-8")):
				assert ZH.get(label), f"{label} of {path.name}"


def test_report_filters_offer_the_doctypes_select_values():
	js = (APP / "public" / "js" / "bureau_reports.js").read_text(encoding="utf-8")
	options = {f["fieldname"]: f.get("options", "").split("\n") for f in APPLICATION["fields"]}

	def listed(name):
		body = re.search(rf"{name} = \[(.*?)\];", js, re.S).group(1)
		return re.findall(r'"([^"]+)"', body)

	assert listed("REPORT_ROUTES") == [o for o in options["route"] if o]
	assert listed("REPORT_LEVELS") == [o for o in options["target_level"] if o]
	for label in re.findall(r'__\("([^"]+)"\)', js):
		assert ZH.get(label), label
	for value in listed("REPORT_ROUTES") + listed("REPORT_LEVELS"):
		assert ZH.get(value), value
