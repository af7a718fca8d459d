"""Identity validators: 居民身份证号码 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015).

Check digits are computed by python-stdnum (``stdnum.cn.ric`` and ``stdnum.cn.uscc``); this
module only turns stdnum's exceptions into results with Chinese messages [spec §11.1 V-01…V-03].
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Final

from stdnum.cn import ric, uscc
from stdnum.exceptions import (
	InvalidChecksum,
	InvalidComponent,
	InvalidFormat,
	InvalidLength,
	ValidationError,
)

from zhicheng_app.rules.registry import translate as _


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
	if value is None:
		return ""
	if not isinstance(value, str):
		value = str(value)
	# stdnum's compact() strips spaces and dashes; we also accept full-width digits and letters
	if value.isascii():  # nothing full-width to translate
		if value.isalnum():  # no spaces or dashes either
			return value.upper()
		return value.replace(" ", "").replace("-", "").strip().upper()
	return value.translate(_FULLWIDTH).replace(" ", "").replace("-", "").strip().upper()


_FULLWIDTH: Final = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


def check_resident_id(value: object, today: datetime.date | None = None) -> IdCheck:
	"""Validate an 18-character resident identity card number.

	Returns ``IdCheck(ok, error, birth_date, gender, normalized)``; ``error`` is a translated
	message when ``ok`` is false. A birth date in the future is an error.
	"""
	return IdCheck(*resident_id_facts(value, today))


_ODD_DIGITS: Final = frozenset("13579")
_CHECK_CHARS: Final = "0123456789X"


def resident_id_facts(value, today: datetime.date | None = None) -> tuple:
	"""``check_resident_id`` as a plain tuple (ok, error, birth_date, gender, normalized)."""
	number = _clean(value)
	# fast path for a well-formed number in ASCII digits: the same checks with fewer conversions
	if len(number) == 18 and number.isascii() and number[:17].isdigit():
		last = number[17]
		# ric.calc_check_digit(number), inlined: ISO 7064 MOD 11-2
		if (last.isdigit() or last == "X") and _CHECK_CHARS[(1 - 2 * int(number[:17], 13)) % 11] == last:
			ymd = int(number[6:14])
			try:
				birth = datetime.date(ymd // 10000, ymd // 100 % 100, ymd % 100)
			except ValueError:
				birth = None
			if birth is not None and birth <= (today or datetime.date.today()):
				return True, None, birth, "Male" if number[16] in _ODD_DIGITS else "Female", number
	if not number:
		return (False, _("Resident ID number is required"), None, None, "")
	if len(number) != 18:
		return (
			False,
			_("Resident ID number must have 18 characters; {0} were entered").format(len(number)),
			None,
			None,
			number,
		)
	if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
		return (
			False,
			_("Resident ID number must be 17 digits followed by a digit or X"),
			None,
			None,
			number,
		)
	# stdnum's check digit (GB 11643 / ISO 7064 MOD 11-2). ric.validate() is not used: it also
	# looks the area code up in stdnum's county list for the birth year, which is incomplete
	# (e.g. 652901 before 1983) and slow; the date and the check digit decide.
	if ric.calc_check_digit(number) != number[17]:
		return (False, _("Resident ID number check digit is wrong; please verify it"), None, None, number)
	try:
		birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
	except ValueError:
		return (
			False,
			_("Resident ID number contains an invalid birth date (digits 7–14)"),
			None,
			None,
			number,
		)
	if birth > (today or datetime.date.today()):
		return (False, _("Resident ID number contains a birth date in the future"), None, None, number)
	gender = "Male" if int(number[16]) % 2 else "Female"
	return (True, None, birth, gender, number)


_USCC_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015 (as stdnum.cn.uscc)
_USCC_VALUE: Final = {c: i for i, c in enumerate(_USCC_ALPHABET)}


# The weights of GB 32100 are 3**i mod 31, and 34 = 3 (mod 31): with every character replaced by the
# base-34 digit of its value, int(reversed code, 34) mod 31 is the weighted sum mod 31. Characters
# outside the alphabet become "!" so that int() rejects them.
_USCC_TO_BASE34: Final = str.maketrans(
	{chr(c): "!" for c in range(128)}
	| {ch: "0123456789ABCDEFGHIJKLMNOPQRSTUVWX"[i] for i, ch in enumerate(_USCC_ALPHABET)}
)


# the same mapping as a bytes table (bytes.translate is cheaper than str.translate with a dict)
_USCC_TO_BASE34_BYTES: Final = bytes(ord(_USCC_TO_BASE34.get(b, "!")) for b in range(256))


def _uscc_valid(code: str) -> bool:
	"""The checks of ``uscc.validate`` for an 18-character ASCII code that stdnum's ``compact()``
	leaves unchanged (digits and capital letters); False means: let stdnum decide and name the error."""
	if not (code.isascii() and code.isalnum() and code[:8].isdigit()):
		return False
	try:
		total = int(code[16::-1].encode().translate(_USCC_TO_BASE34_BYTES), 34)
	except ValueError:
		return False
	last = code[17]
	return last in _USCC_VALUE and _USCC_ALPHABET[-total % 31] == last


def _uscc_validate(code: str) -> str:
	return uscc.validate(code)


def check_credit_code(value: object) -> CodeCheck:
	"""Validate an 18-character unified social credit code (统一社会信用代码)."""
	return CodeCheck(*credit_code_facts(value))


def credit_code_facts(value) -> tuple:
	"""``check_credit_code`` as a plain tuple (ok, error, normalized)."""
	code = _clean(value)
	if not code:
		return (False, _("Unified social credit code is required"), "")
	if len(code) != 18:
		return (
			False,
			_("Unified social credit code must have 18 characters; {0} were entered").format(len(code)),
			code,
		)
	if _uscc_valid(code):  # fast path; stdnum.cn.uscc.validate would return the code unchanged
		return (True, None, code)
	try:
		code = _uscc_validate(code)
	except InvalidChecksum:
		return (False, _("Unified social credit code check character is wrong; please verify it"), code)
	except (InvalidFormat, InvalidLength, InvalidComponent, ValidationError):
		return (
			False,
			_(
				"Unified social credit code format is invalid: the first 8 characters are digits and I, O, S, V, Z are never used"
			),
			code,
		)
	return (True, None, code)
