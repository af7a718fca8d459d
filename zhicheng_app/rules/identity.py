"""Identity validators: 居民身份证号码 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015).

Check digits are computed by python-stdnum (``stdnum.cn.ric`` and ``stdnum.cn.uscc``); this
module turns its answers into results with translated messages.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, ValidationError

from zhicheng_app.i18n import _


@dataclass(frozen=True, slots=True)
class IdCheck:
	ok: bool
	error: str | None
	birth_date: datetime.date | None
	gender: str | None  # "Male" | "Female" | None
	normalized: str

	def to_dict(self) -> dict:
		return {
			"ok": self.ok,
			"error": self.error,
			"birth_date": self.birth_date.isoformat() if self.birth_date else None,
			"gender": self.gender,
			"normalized": self.normalized,
		}


@dataclass(frozen=True, slots=True)
class CodeCheck:
	ok: bool
	error: str | None
	normalized: str

	def to_dict(self) -> dict:
		return {"ok": self.ok, "error": self.error, "normalized": self.normalized}


def _clean(value) -> str:
	"""``value`` as stdnum's ``compact()`` would read it (spaces and dashes dropped, upper case), with
	full-width digits, letters and spaces (as typed with a Chinese input method) made ASCII first."""
	if value is None:
		return ""
	text = value if isinstance(value, str) else str(value)
	return text.translate(_FULLWIDTH).replace(" ", "").replace("-", "").strip().upper()


_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def check_resident_id(value: object, today: datetime.date | None = None) -> IdCheck:
	"""Validate an 18-character resident identity card number (GB 11643).

	Returns ``IdCheck(ok, error, birth_date, gender, normalized)``; ``error`` is a translated
	message when ``ok`` is false. A birth date in the future is an error.
	"""
	number = _clean(value)
	if not number:
		return IdCheck(False, _("Resident ID number is required"), None, None, "")
	if len(number) != 18:
		return _id_error(
			_("Resident ID number must have 18 characters; {0} were entered").format(len(number)), number
		)
	if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
		return _id_error(_("Resident ID number must be 17 digits followed by a digit or X"), number)
	# stdnum's check digit (ISO 7064 MOD 11-2). ric.validate() is not used: it also looks the area
	# code up in stdnum's county list for the birth year, which is incomplete (e.g. 652901 before
	# 1983); the date and the check digit decide.
	if ric.calc_check_digit(number) != number[17]:
		return _id_error(_("Resident ID number check digit is wrong; please verify it"), number)
	try:
		birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
	except ValueError:
		return _id_error(_("Resident ID number contains an invalid birth date (digits 7–14)"), number)
	if birth > (today or datetime.date.today()):
		return _id_error(_("Resident ID number contains a birth date in the future"), number)
	gender = "Male" if int(number[16]) % 2 else "Female"
	return IdCheck(True, None, birth, gender, number)


def _id_error(message: str, number: str) -> IdCheck:
	return IdCheck(False, message, None, None, number)


def check_credit_code(value: object) -> CodeCheck:
	"""Validate an 18-character unified social credit code (统一社会信用代码, GB 32100)."""
	code = _clean(value)
	if not code:
		return CodeCheck(False, _("Unified social credit code is required"), "")
	if len(code) != 18:
		return CodeCheck(
			False,
			_("Unified social credit code must have 18 characters; {0} were entered").format(len(code)),
			code,
		)
	try:
		code = uscc.validate(code)
	except InvalidChecksum:
		return CodeCheck(
			False, _("Unified social credit code check character is wrong; please verify it"), code
		)
	except ValidationError:
		return CodeCheck(
			False,
			_(
				"Unified social credit code format is invalid: the first 8 characters are digits and I, O, S, V, Z are never used"
			),
			code,
		)
	return CodeCheck(True, None, code)
