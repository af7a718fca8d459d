"""After the review meeting: the results publicity (会议公示), certification by the body the notice
names, certificate numbers and the revocation of a title obtained by fraud. Pure Python.

Clauses of the notices [spec §4.2, §4.3, §4.8, §4.9 T17–T18]:

- 000 三、（四） and 001 一、（五）: after the meeting the passed applicants are publicised in the
  system ("会议公示") and, at the same time, in each unit. Neither names a duration; the common
  five working days of a publicity apply (the help text of the notice's field says so).
- 000 四、（九）: the 地区人力资源和社会保障局 issues the 任职资格文件 (the Prefecture HRSS Officer
  certifies); the other notices name no issuing body, so the title administrator certifies.
- 001 附件3: a title obtained with false materials is revoked ("取消已确认的资格") and the person may
  not apply for three years ("从申报年度下一年度起 3 年内"); 002 五、（二） likewise "三年内不得申报".
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta

from zhicheng_app.i18n import _

DEFAULT_RESULTS_PUBLICITY_DAYS = 5
DEFAULT_FRAUD_BAN_YEARS = 3


def results_publicity_refusal(
	start: datetime.date | None,
	end: datetime.date | None,
	standing_objection: bool,
	today: datetime.date,
	citation: str,
) -> str | None:
	"""Why the application cannot be certified yet because of its results publicity (zh), or None:
	the publicity must have been held, be over and have no objection standing."""
	if not start or not end:
		return _(
			"The passed applicants must be publicised (results publicity) before certification ({0})"
		).format(citation)
	if end >= today:
		return _(
			"The results publicity runs until {0}; the application can be certified only after it has ended ({1})"
		).format(end.isoformat(), citation)
	if standing_objection:
		return _(
			"An objection raised during the results publicity has not been dismissed; the application cannot be certified ({0})"
		).format(citation)
	return None


def certifier_refusal(
	user_roles: set[str], certifying_role: str, certifying_body: str, citation: str
) -> str | None:
	"""Why the user may not certify (zh), or None when they hold the role the notice names."""
	if certifying_role in user_roles:
		return None
	return _("Under {0} the qualification document is issued by {1}; only that body certifies").format(
		citation, certifying_body or _(certifying_role)
	)


def ban_until(decided_on: datetime.date, years: int | None) -> datetime.date:
	"""The last day of the ban decided on ``decided_on`` (three years unless the notice says otherwise)."""
	return decided_on + relativedelta(years=years or DEFAULT_FRAUD_BAN_YEARS)


def certificate_series(committee_code: str, year: int) -> str:
	"""The naming-series prefix of the certificate numbers of a committee in a year, e.g.
	``AKSJZ-2024-`` (the number follows: ``AKSJZ-2024-00001``)."""
	code = "".join(ch for ch in (committee_code or "").strip().upper() if ch.isalnum()) or "ZC"
	return f"{code}-{year}-"


def addressees(unit_names: list[str]) -> str:
	"""主送: the units of the certified applicants, in the order given, each once."""
	seen: list[str] = []
	for name in unit_names:
		if name and name not in seen:
			seen.append(name)
	return "，".join(seen)
