"""Valid application profiles for each seed notice; tests mutate copies of them."""

from __future__ import annotations

import copy
import datetime
import random

from stdnum.cn import ric, uscc

from zhicheng_app.rules.model import SEED_NOTICE_CODES, load_seed_notice


def make_id(birth: str = "19900315", seq: str = "123", area: str = "652901") -> str:
	body = area + birth + seq
	return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


def make_credit_code(body: str = "91652901MA7812345") -> str:
	return body + uscc.calc_check_digit(body)


ID_MALE = make_id()  # digit 17 = 3 → male
NOW = {
	"000": datetime.datetime(2024, 8, 1, 10, 0),
	"001": datetime.datetime(2024, 8, 1, 10, 0),
	"002": datetime.datetime(2024, 9, 2, 10, 0),
	"003": datetime.datetime(2024, 7, 15, 10, 0),
	"004": datetime.datetime(2024, 4, 22, 10, 0),
}

SUMMARY_BODY = "本人任现职以来，坚持加强个人思想政治学习，认真完成专业工作，注重总结存在的问题及今后打算。"


def summary_text(chars: int) -> str:
	text = SUMMARY_BODY
	while len(text) < chars:
		text += "在工程项目管理与技术攻关中积累了丰富经验。"
	return text[:chars]


def _ce(years_prof, years_gen):
	rows = {}
	for y in years_prof:
		rows.setdefault(y, {"year": y})["professional_certificate"] = True
		rows[y]["professional_hours"] = 64
	for y in years_gen:
		rows.setdefault(y, {"year": y})["general_certificate"] = True
		rows[y]["general_hours"] = 30
	return list(rows.values())


def _attachments(code: str, ext: str = ".jpg"):
	return [
		{"code": m.code, "present": True, "masked": True, "file_name": f"{m.code}{ext}", "caption": m.label}
		for m in load_seed_notice(code).materials
	]


_BASE = {
	"applicant_name": "李明华",
	"id_number": ID_MALE,
	"gender": "Male",
	"birth_date": "1990-03-15",
	"ethnicity": "汉族",
	"political_status": "中共党员",
	"unit": {
		"unit_name": "阿克苏天山建筑设计有限公司",
		"aliases": ["天山建筑设计"],
		"credit_code": make_credit_code(),
		"ownership": "State-owned Enterprise",
		"location": "Prefecture-direct",
		"prefecture": "阿克苏地区",
		"county": "阿克苏市",
		"licence_region": "阿克苏地区",
	},
	"route": "Directed Evaluation",
	"series": "工程系列",
	"profession": "建筑",
	"target_level": "Intermediate",
	"work_start_date": "2012-07-01",
	"professional_start_date": "2012-07-01",
	"education": [
		{
			"education": "Bachelor",
			"degree": "Bachelor Degree",
			"full_time": True,
			"graduation_date": "2012-06-30",
		}
	],
	"work_history": [{"start_date": "2012-07-01", "unit_name": "阿克苏***公司", "position": "技术员"}],
	"titles": [
		{
			"level": "Assistant",
			"series": "工程系列",
			"profession": "建筑",
			"obtained_date": "2016-09-01",
			"origin": "Xinjiang",
			"has_certificate": True,
			"has_qualification_document": True,
		}
	],
	"continuing_education": _ce(range(2020, 2025), range(2020, 2025)),
	"assessments": [{"year": y, "result": "Competent"} for y in (2021, 2022, 2023)],
	"summary": summary_text(2100),
}


def base(code: str) -> dict:
	p = copy.deepcopy(_BASE)
	p["attachments"] = _attachments(code)
	if code == "001":
		p["profession"] = "公路"
		for r in p["continuing_education"]:
			r["professional_hours"], r["general_hours"] = 64, 30
	elif code == "002":
		p["route"] = "Autonomous Region Evaluation"
		p["target_level"] = "Full Senior"
		p["titles"][0]["level"] = "Deputy Senior"
		p["summary"] = summary_text(2800)
	elif code == "003":
		p["route"] = "Private Enterprise Special"
		p["profession"] = "质量技术监督"
		p["unit"].update(
			{
				"unit_name": "库尔勒恒信检测有限公司",
				"aliases": ["恒信检测"],
				"ownership": "Private Enterprise",
				"prefecture": "巴音郭楞蒙古自治州",
				"county": "库尔勒市",
				"licence_region": "巴音郭楞蒙古自治州",
			}
		)
		p["summary"] = summary_text(2500)
	elif code == "004":
		p["route"] = "Initial Junior"
		p["target_level"] = "Assistant"
		p["profession"] = "建筑"
		p["titles"] = []
		p["professional_start_date"] = "2023-07-01"
		p["work_start_date"] = "2023-07-01"
		p["education"][0]["graduation_date"] = "2023-06-30"
		p["assessments"] = [{"year": 2023, "result": "Competent"}]
		p["publicity_start"] = "2024-04-08"
		p["publicity_end"] = "2024-04-12"
		p["summary"] = ""
	return p


# ---- varied profiles (benchmark and engine tests)

LEVELS = ["Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]
NAMES = ["李明华", "王芳", "阿依古丽·买买提", "张伟", "刘洋", "陈静", "艾尔肯·吐尔逊", "杨帆"]
UNITS = [
	("阿克苏天山建筑设计有限公司", ["天山建筑设计"], "阿克苏地区", "阿克苏市"),
	("库尔勒恒信检测有限公司", ["恒信检测"], "巴音郭楞蒙古自治州", "库尔勒市"),
	("喀什丝路工程咨询有限公司", ["丝路咨询"], "喀什地区", "喀什市"),
	("若羌县城乡建设服务中心", [], "巴音郭楞蒙古自治州", "若羌县"),
]
OWNERSHIPS = ["State-owned Enterprise", "Private Enterprise", "Public Institution", "Other"]
LOCATIONS = ["Prefecture-direct", "County", "Township"]
ASSESSMENTS = ["Competent", "Competent", "Competent", "Excellent", "Basically Competent", "Incompetent"]
EXTRA_TEXT = "\n  在岗位上团结同事，服从安排，认真履行岗位职责。\u3000"


def _date(rng: random.Random, y0: int, y1: int) -> str:
	return datetime.date(rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28)).isoformat()


def varied_profiles(count: int, seed: int = 20240722) -> list[tuple[dict, str]]:
	"""``count`` distinct profiles (dicts), each with the code of the notice it is checked against:
	the valid profiles of the seed notices with random changes, so that every rule family runs and
	most profiles differ in many fields (some invalid). Used by the benchmark and by tests."""
	rng = random.Random(seed)
	bases = {c: base(c) for c in SEED_NOTICE_CODES}
	routes = {c: sorted({r.route for r in load_seed_notice(c).routes}) for c in SEED_NOTICE_CODES}
	out = []
	for i in range(count):
		code = SEED_NOTICE_CODES[i % len(SEED_NOTICE_CODES)]
		p = copy.deepcopy(bases[code])
		p["applicant_name"] = rng.choice(NAMES)
		birth = datetime.date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28))
		p["birth_date"] = birth.isoformat()
		male = rng.random() < 0.5
		p["gender"] = "Male" if male else "Female"
		seq = f"{rng.randint(0, 99):02d}{rng.choice('13579' if male else '02468')}"
		p["id_number"] = make_id(birth.strftime("%Y%m%d"), seq, rng.choice(["652901", "652801", "653101"]))
		r = rng.random()
		if r < 0.04:
			p["id_number"] = p["id_number"][:17] + (
				"0" if p["id_number"][17] != "0" else "1"
			)  # bad check digit
		elif r < 0.06:
			p["id_number"] = p["id_number"][:15]
		elif r < 0.08:
			p["birth_date"] = "1990-02-30"  # unreadable date
		elif r < 0.10:
			p["gender"] = "Female" if male else "Male"
		if rng.random() < 0.5:
			name, aliases, prefecture, county = rng.choice(UNITS)
			p["unit"].update(
				{
					"unit_name": name,
					"aliases": aliases,
					"prefecture": prefecture,
					"county": county,
					"licence_region": prefecture,
					"ownership": rng.choice(OWNERSHIPS),
					"location": rng.choice(LOCATIONS),
				}
			)
		body = f"9165{rng.randint(0, 9999):04d}MA{rng.randint(0, 9999999):07d}"
		p["unit"]["credit_code"] = make_credit_code(body) if rng.random() < 0.95 else body + "I"
		p["target_level"] = rng.choice(LEVELS)
		p["route"] = rng.choice(routes[code])
		start = _date(rng, 2000, 2022)
		p["work_start_date"] = p["professional_start_date"] = start
		if rng.random() < 0.3:
			p["education"][0]["education"] = rng.choice(["Junior College", "Master", "Secondary Vocational"])
		if p["titles"] and rng.random() < 0.4:
			p["titles"][0]["level"] = rng.choice(LEVELS[1:])
			p["titles"][0]["obtained_date"] = _date(rng, 2010, 2022)
			p["titles"][0]["origin"] = rng.choice(["Xinjiang", "Xinjiang", "Other Region", "Bingtuan"])
		if rng.random() < 0.3:
			p["continuing_education"] = [
				r for r in p["continuing_education"] if rng.random() < 0.8
			]  # some years missing
		if rng.random() < 0.5:
			p["assessments"] = [{"year": y, "result": rng.choice(ASSESSMENTS)} for y in (2021, 2022, 2023)]
		if rng.random() < 0.6:
			text = summary_text(rng.randint(1500, 3200))
			if rng.random() < 0.5:
				text = text[:800] + EXTRA_TEXT + text[800:]
			if rng.random() < 0.1:
				text += p["applicant_name"]
			p["summary"] = text
		if rng.random() < 0.3:
			p["attachments"] = p["attachments"][: rng.randint(0, len(p["attachments"]))]
		if rng.random() < 0.1 and p["attachments"]:
			p["attachments"][rng.randrange(len(p["attachments"]))]["masked"] = None
		if rng.random() < 0.3:
			d = datetime.date(2024, rng.randint(3, 7), rng.randint(1, 20))
			p["publicity_start"] = d.isoformat()
			p["publicity_end"] = (d + datetime.timedelta(days=rng.randint(3, 12))).isoformat()
		if rng.random() < 0.2:
			p["via_skill_integration"] = True
			p["skills"] = [
				{
					"skill_level": rng.choice(["Technician", "Senior Technician"]),
					"obtained_date": _date(rng, 2012, 2022),
				}
			]
		if rng.random() < 0.05:
			p["other_applications"] = [
				{
					"year": 2024,
					"route": rng.choice(routes[code]),
					"series": p["series"],
					"level": p["target_level"],
				}
			]
		if rng.random() < 0.03:
			p["sanctions"] = [{"kind": "Fraud", "decided_on": "2022-05-01", "application_year": 2022}]
		if rng.random() < 0.05:
			p["submissions_made"] = 1
			p["last_returned_at"] = "2024-08-01 09:00"
		out.append((p, code))
	return out
