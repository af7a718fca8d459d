"""Valid application profiles for each seed notice; tests mutate copies of them."""

from __future__ import annotations

import copy
import datetime

from stdnum.cn import ric, uscc

from zhicheng_app.rules.model import load_seed_notice


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
