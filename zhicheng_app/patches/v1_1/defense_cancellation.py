"""Defense Sessions that are moved or cancelled, on a site installed before: the workflow's Cancel
Defense (答辩 back to 已缴费), taken by the Defense Session when the committee office cancels a
session or takes an application out of it. A workflow row the site has stays as it is."""

from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.workflows import add_shipped_states


def execute():
	add_shipped_states([WorkflowState.DEFENSE])
