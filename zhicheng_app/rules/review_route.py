"""Who reviews an application after its unit recommends it: the one place that decides it.

The approval workflow (``workflows/title_application_approval.json``) has one 审核推荐
(Recommend) transition out of Unit Review per next reviewer, each guarded by one named switch of
the application, e.g. ``doc.to_county_review``. The switches are Check fields the server owns
(permission level 3); ``review_switches`` sets exactly one of them from the route, the unit's
location, whether the unit has a supervising unit, and the notice's approval chain settings
(Title Notice: ``chain_private_via_employment_service``, ``chain_via_supervising_unit``, copied
to the application as ``via_employment_service`` and ``via_supervising_unit``).

Clauses of the five notices [spec §4.2–§4.6, §4.9]:

- 000 二、（一）/（二）: directed and private-enterprise applications go from the unit to the
  committee (地区住建局评审委员会 / 地区工程系列建筑专业评审委员会); the notice names no
  reviewer in between, so its chain settings are off.
- 001 三、（二）: private-enterprise applications "经同级公共就业服务机构审核、推荐" before the
  committee; 001 四、（二）: "用人单位及主管部门要认真审核" — the supervising department reviews
  directed applications of units that have one.
- 002 四、（三）: the 主管单位 reviews and uploads its sealed 推荐意见 before the committee.
- 003 二、: the 各县市公共就业服务中心 receive the private-enterprise applications.
- 004 三、（二）: 1. prefecture-direct (地直) units' 授予, 初定 and 高定: unit → 地区人社局审核确认;
  2. county-or-lower units' 初定初级: unit → 县（市）人社局审核确认;
  3. county-or-lower units' 授予, 乡镇初定中级 and 高定: unit → 县（市）人社局审核、推荐 →
  地区人社局审核确认.
"""

from __future__ import annotations

from zhicheng_app.rules.vocabulary import CONFIRMATION_ROUTES, Location, Route, WorkflowState

# switch field of Title Application -> the state the unit's recommendation leads to
REVIEW_SWITCHES: dict[str, WorkflowState] = {
	"to_supervising_review": WorkflowState.SUPERVISING_REVIEW,
	"to_employment_service_review": WorkflowState.EMPLOYMENT_SERVICE_REVIEW,
	"to_county_review": WorkflowState.COUNTY_REVIEW,
	"to_county_confirmation": WorkflowState.COUNTY_CONFIRMATION,
	"to_prefecture_confirmation": WorkflowState.PREFECTURE_CONFIRMATION,
	"to_committee_review": WorkflowState.COMMITTEE_REVIEW,
}

# the routes the supervising unit reviews when the notice says so (001 四、（二）; 002 四、（三）)
SUPERVISED_ROUTES = frozenset({Route.DIRECTED, Route.REGION})


def next_reviewer(
	route: str | None,
	unit_location: str | None,
	has_supervising_unit: bool,
	via_employment_service: bool,
	via_supervising_unit: bool,
) -> WorkflowState | None:
	"""The state an application goes to when its unit recommends it; None for no known route."""
	if route in CONFIRMATION_ROUTES:
		if unit_location == Location.PREFECTURE_DIRECT:
			return WorkflowState.PREFECTURE_CONFIRMATION  # 004 三、（二）1
		if route == Route.INITIAL_JUNIOR:
			return WorkflowState.COUNTY_CONFIRMATION  # 004 三、（二）2
		return WorkflowState.COUNTY_REVIEW  # 004 三、（二）3
	if route == Route.PRIVATE:
		if via_employment_service:  # 001 三、（二）; 003 二、
			return WorkflowState.EMPLOYMENT_SERVICE_REVIEW
		return WorkflowState.COMMITTEE_REVIEW  # 000 二、（二）
	if route in SUPERVISED_ROUTES:
		if has_supervising_unit and via_supervising_unit:  # 001 四、（二）; 002 四、（三）
			return WorkflowState.SUPERVISING_REVIEW
		return WorkflowState.COMMITTEE_REVIEW  # 000 二、（一）; 001 三、（一）
	return None


def review_switches(
	route: str | None,
	unit_location: str | None,
	supervising_unit: str | bool | None,
	via_employment_service: bool | int,
	via_supervising_unit: bool | int,
) -> dict[str, int]:
	"""Every switch field with its value: 1 for the next reviewer's switch, 0 for the others.
	``supervising_unit`` is the unit's supervising unit (or whether it has one)."""
	target = next_reviewer(
		route,
		unit_location,
		bool(supervising_unit),
		bool(via_employment_service),
		bool(via_supervising_unit),
	)
	return {fieldname: int(state == target) for fieldname, state in REVIEW_SWITCHES.items()}
