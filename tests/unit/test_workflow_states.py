"""One vocabulary of workflow states: vocabulary.WorkflowState is exactly the set of states of the
shipped approval workflow."""

from __future__ import annotations

import json
import pathlib

from zhicheng_app.rules.vocabulary import WorkflowState

WORKFLOW_JSON = (
	pathlib.Path(__file__).resolve().parents[2]
	/ "zhicheng_app"
	/ "workflows"
	/ "title_application_approval.json"
)


def _shipped() -> dict:
	return json.loads(WORKFLOW_JSON.read_text(encoding="utf-8"))


def test_vocabulary_names_every_state_of_the_shipped_workflow_and_no_other():
	shipped = _shipped()
	vocabulary = {str(state) for state in WorkflowState}
	records = {row["workflow_state_name"] for row in shipped["states"]}  # the Workflow State records
	workflow_states = {row["state"] for row in shipped["workflow"]["states"]}
	assert vocabulary == records
	assert vocabulary == workflow_states


def test_transitions_use_only_vocabulary_states():
	vocabulary = {str(state) for state in WorkflowState}
	for row in _shipped()["workflow"]["transitions"]:
		assert row["state"] in vocabulary, row
		assert row["next_state"] in vocabulary, row
