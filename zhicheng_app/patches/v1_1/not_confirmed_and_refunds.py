"""不予确认 and the refund of a fee at 已缴费, on a site installed before: the state Not Confirmed
with the shipped Refuse Confirmation rows into it (阿地人社传〔2024〕6号 四、（二）), and the shipped
Refund Fee rows (Fee Paid back to the state before Record Fee, taken by the fee desk's refund).
A workflow row the site has stays as it is."""

from zhicheng_app.rules.vocabulary import WorkflowState
from zhicheng_app.services.fees import REFUND_FEE
from zhicheng_app.workflows import add_shipped_actions, add_shipped_states


def execute():
	add_shipped_states([WorkflowState.NOT_CONFIRMED])
	add_shipped_actions([REFUND_FEE])
