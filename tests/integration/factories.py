"""Test-data factories for the integration level: valid codes, unique names, minimal records."""

import datetime
import random
import string

import frappe
from stdnum.cn import ric, uscc

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def unique(prefix: str) -> str:
	return f"{prefix}-{frappe.generate_hash(length=8)}"


def credit_code() -> str:
	body = "91652900" + "".join(random.choices(_USCC_ALPHABET, k=9))
	return body + uscc.calc_check_digit(body)


def resident_id(birth: str | None = None, region: str = "652901") -> str:
	"""A valid 居民身份证号码 (GB 11643) of someone born in 1988, on a random day unless given, so
	numbers of different test runs do not collide (an ID number belongs to one applicant account)."""
	if birth is None:
		day = datetime.date(1988, 1, 1) + datetime.timedelta(days=random.randrange(366))
		birth = day.strftime("%Y%m%d")
	body = region + birth + "".join(random.choices(string.digits, k=3))
	return body + ric.calc_check_digit(body + "0")


def make_unit(**kw):
	doc = frappe.get_doc(
		{
			"doctype": "Employer Unit",
			"unit_name": unique("测试单位"),
			"credit_code": credit_code(),
			"ownership": "Public Institution",
			"location": "Prefecture-direct",
			"region": "阿克苏地区",
			**kw,
		}
	)
	return doc.insert(ignore_permissions=True)


def make_notice(**kw):
	doc = frappe.get_doc(
		{
			"doctype": "Title Notice",
			"code": unique("T"),
			"title": "测试通知",
			"campaign_year": 2024,
			"region": "阿克苏地区",
			"windows": [
				{"kind": "Application", "start": "2024-07-22 00:00:00", "end": "2024-08-30 18:00:00"}
			],
			"fees": [{"committee": "测试评审委员会", "level_tier": "Senior", "amount": 700}],
			**kw,
		}
	)
	return doc.insert(ignore_permissions=True)


def make_application(unit=None, notice=None, **kw):
	unit = unit or make_unit()
	notice = notice or make_notice()
	doc = frappe.get_doc(
		{
			"doctype": "Title Application",
			"notice": notice.name,
			"route": "Directed Evaluation",
			"series": "工程系列",
			"profession": "建筑",
			"target_level": "Intermediate",
			"applicant_name": "测试申报人",
			"id_number": resident_id(),
			"employer_unit": unit.name,
			**kw,
		}
	)
	return doc.insert(ignore_permissions=True)


def make_user(
	role: str, permission: tuple[str, str] | None = None, password: str = "Integration-Test-2024!"
) -> str:
	"""A user with one role and, optionally, one User Permission (doctype, value); returns the email."""
	email = f"{unique(role.lower().replace(' ', '.'))}@example.com"
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": role,
			"username": email.split("@")[0].replace(".", "_").replace("-", "_"),
			"send_welcome_email": 0,
			"new_password": password,
			"roles": [{"role": role}],
		}
	)
	user.flags.no_welcome_mail = True
	user.insert(ignore_permissions=True)
	if permission:
		frappe.get_doc(
			{"doctype": "User Permission", "user": email, "allow": permission[0], "for_value": permission[1]}
		).insert(ignore_permissions=True)
	return email
