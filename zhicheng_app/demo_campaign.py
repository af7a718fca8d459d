"""The demo's current campaign: the five seed notices copied with their timetables moved so that
today falls at a chosen point of each, and applications replayed through their chains by the
demo users up to a state each, so that every demo user finds work waiting.

``zhicheng_app.demo.load`` calls ``load_current_campaign`` after the seed notices (the 2024
history) exist. A replayed step runs on the campaign clock frozen at a moment of the past inside
the windows the step needs (``services/clock``), through the workflow and every check an
ordinary user meets: an application reaches its state only when the rules let it.
"""

import datetime
import io
from typing import NamedTuple

import frappe
from dateutil.relativedelta import relativedelta
from frappe.model.workflow import apply_workflow, get_workflow, is_transition_condition_satisfied
from frappe.translate import print_language
from stdnum.cn import ric

from zhicheng_app.demo import create_user, notice_name
from zhicheng_app.roles import APPLICANT
from zhicheng_app.rules import paper_stage
from zhicheng_app.rules.calendar import add_working_days, is_workday
from zhicheng_app.rules.deadlines import closing_deadlines
from zhicheng_app.rules.fees import allowed_methods
from zhicheng_app.rules.vocabulary import PayerKind, WindowKind, WorkflowState
from zhicheng_app.services import clock, fees, review_meeting
from zhicheng_app.services import paper_stage as paper_stage_service
from zhicheng_app.services.notice_copy import copy_notice
from zhicheng_app.services.precheck import notice_config, run_precheck

# Where today falls in each copied notice: (window kind, edge of it, days from that edge to today)
TODAY_IN = {
	"000": (WindowKind.APPLICATION, "end", -10),  # applications open, the committee reviewing
	"001": (WindowKind.APPLICATION, "end", -5),  # the last days for reaching the committee
	"002": (WindowKind.APPLICATION, "end", -20),  # the autonomous region's long window open
	"003": (WindowKind.EVALUATION, "start", 1),  # the committee met yesterday: results, certificates
	"004": (WindowKind.APPLICATION, "end", -3),  # applications open, units and bureaus reviewing
}
# the window a step must fall in (its start is the earliest moment, its end the latest)
STEP_WINDOW = {
	"Submit": WindowKind.APPLICATION,
	"Resubmit": WindowKind.APPLICATION,
	"Receive Paper Materials": WindowKind.PAPER,
	"Record Fee": WindowKind.FEE,
	"Pass": WindowKind.EVALUATION,
	"Fail": WindowKind.EVALUATION,
}
STEP_GAP = datetime.timedelta(hours=20)
# the time before a step that needs a publicity to have ended: the unit publicises the applicants
# who passed the review before it sends its paper (004 四、（二）1)
STEP_GAPS = {"Submit Paper Materials": datetime.timedelta(days=12)}

# the demo's defense session (Defense Session) of the notices whose applications reach Defense
DEFENSE_ACTION = "Schedule Defense"
CERTIFY_ACTION = "Certify"
REVOKE_ACTION = "Revoke"
REVOCATION_REASON = (
	"经查实，申报人提交的劳动合同和银行工资流水单系伪造，按通知附件1“基本信息”项的规定取消资格"
)
DEFENSE_TITLE = "专业水平答辩（第{0}场）"  # numbered: a session whose results are recorded takes no more
DEFENSE_VENUE = "库尔勒市人民东路 巴州市场监督管理局三楼会议室"
DEFENSE_LINK = "https://meeting.example.com/zhicheng-defense"
DEFENSE_INSTRUCTIONS = "请携带身份证原件，提前30分钟到场签到；答辩时间以本通知为准。"
DEFENSE_EXPERT = "zc.expert@example.com"

SECOND_APPLICANT = ("zc.applicant2@example.com", "阿依古丽·买买提")
NOT_CONFIRMED_REASON = (
	"经核查，申报人所学专业与现从事专业技术工作不一致，不符合阿地人社传〔2024〕6号规定的职称授予条件。"
)
# the results the demo's committee and defense panel give: by the action the replay takes
RESULTS = {"Pass": "Passed", "Fail": "Failed", "Pass Defense": "Passed", "Fail Defense": "Failed"}
DEMO_MEETING = "评审委员会评审会议（演示）"
# the meeting open today, of the notice whose committee met yesterday (TODAY_IN), for what it left
MEETING_SEED = "003"
OPEN_MEETING = "评审委员会评审会议（续会，演示）"
RETURN_REASONS = "1. 个人业务工作总结未写明近五年主持的项目；\n2. 继续教育证书扫描件不清晰，请重新上传。"


class DemoApplication(NamedTuple):
	key: str
	seed: str  # the seed notice whose current copy it is made under
	state: str  # reached through the workflow
	applicant_name: str
	birth: str  # YYYYMMDD, for the ID number
	unit: str
	route: str
	level: str
	series: str
	profession: str
	current_level: str | None
	applicant_user: str | None  # None: the person has no account of their own in the demo
	# made under the seed notice itself (the 2024 history): its paper windows are past, while those
	# of the current copy of 004 lie ahead of today
	history: bool = False


A = DemoApplication
APPLICATIONS = [
	A("000-draft", "000", "Draft", "阿依古丽·买买提", "19900311", "阿克苏地区建筑勘察设计院",
		"Directed Evaluation", "Intermediate", "工程系列", "建筑", "Assistant", SECOND_APPLICANT[0]),
	A("000-unit", "000", "Unit Review", "王丽", "19880520", "阿克苏地区建筑勘察设计院",
		"Directed Evaluation", "Intermediate", "工程系列", "建筑", "Assistant", None),
	A("000-private-unit", "000", "Unit Review", "买买提·艾力", "19870214", "新疆天山恒基建设工程有限公司",
		"Private Enterprise Special", "Intermediate", "工程系列", "建筑", "Assistant", None),
	A("000-committee", "000", "Committee Review", "刘芳", "19860917", "阿克苏地区建筑勘察设计院",
		"Directed Evaluation", "Deputy Senior", "工程系列", "建筑", "Intermediate", None),
	A("000-private-committee", "000", "Committee Review", "热依拉·吾斯曼", "19890806",
		"新疆天山恒基建设工程有限公司", "Private Enterprise Special", "Intermediate", "工程系列", "建筑",
		"Assistant", None),
	A("000-returned", "000", "Returned", "张伟", "19850312", "阿克苏地区建筑勘察设计院",
		"Directed Evaluation", "Deputy Senior", "工程系列", "建筑", "Intermediate", "zc.applicant@example.com"),
	A("000-accepted", "000", "Accepted", "陈刚", "19840403", "阿克苏地区建筑勘察设计院",
		"Directed Evaluation", "Intermediate", "工程系列", "建筑", "Assistant", None),
	A("000-paper", "000", "Paper Received", "何静", "19870125", "阿克苏地区建筑勘察设计院",
		"Directed Evaluation", "Intermediate", "工程系列", "建筑", "Assistant", None),
	A("000-not-accepted", "000", "Not Accepted", "赵磊", "19881130", "阿克苏地区建筑勘察设计院",
		"Directed Evaluation", "Intermediate", "工程系列", "建筑", "Assistant", None),
	A("001-employment-service", "001", "Employment Service Review", "吐尔洪·阿不都", "19850722",
		"新疆天山恒基建设工程有限公司", "Private Enterprise Special", "Intermediate", "工程系列", "公路",
		"Assistant", None),
	A("001-supervising", "001", "Supervising Review", "周建华", "19830215", "阿克苏地区公路管理局",
		"Directed Evaluation", "Intermediate", "工程系列", "公路", "Assistant", None),
	A("001-accepted", "001", "Accepted", "杨军", "19820610", "阿克苏地区公路管理局",
		"Directed Evaluation", "Intermediate", "工程系列", "公路", "Assistant", None),
	A("002-supervising", "002", "Supervising Review", "黄磊", "19780301", "阿克苏地区建筑勘察设计院",
		"Autonomous Region Evaluation", "Full Senior", "工程系列", "建筑", "Deputy Senior", None),
	A("002-committee", "002", "Committee Review", "孙海燕", "19750101", "新疆交通职业技术学院",
		"Autonomous Region Evaluation", "Full Senior", "工程系列", "公路", "Deputy Senior", None),
	A("003-fee", "003", "Fee Paid", "马晓东", "19860808", "若羌县昆仑质量检测有限公司",
		"Private Enterprise Special", "Intermediate", "工程系列", "质量技术监督", "Assistant", None),
	A("003-defense", "003", "Defense", "罗斌", "19840918", "库尔勒市华信计量检测有限公司",
		"Private Enterprise Special", "Intermediate", "工程系列", "质量技术监督", "Assistant", None),
	A("003-evaluation", "003", "Under Evaluation", "阿里木·肉孜", "19850505", "若羌县昆仑质量检测有限公司",
		"Private Enterprise Special", "Intermediate", "工程系列", "质量技术监督", "Assistant", None),
	A("003-passed", "003", "Passed Publicity", "古丽娜尔", "19870909", "若羌县昆仑质量检测有限公司",
		"Private Enterprise Special", "Intermediate", "工程系列", "质量技术监督", "Assistant", None),
	# certified after the results publicity (会议公示) of 5 working days, and a title revoked: in the
	# 2024 history (the current copy's meeting was yesterday)
	A("003-certified", "003", "Certified", "王海涛", "19860412", "库尔勒市华信计量检测有限公司",
		"Private Enterprise Special", "Intermediate", "工程系列", "质量技术监督", "Assistant", None, True),
	A("003-revoked", "003", "Revoked", "赵永强", "19850716", "库尔勒市华信计量检测有限公司",
		"Private Enterprise Special", "Intermediate", "工程系列", "质量技术监督", "Assistant", None, True),
	A("003-failed", "003", "Failed", "李建新", "19880618", "库尔勒市华信计量检测有限公司",
		"Private Enterprise Special", "Intermediate", "工程系列", "质量技术监督", "Assistant", None),
	A("004-draft", "004", "Draft", "努尔曼古丽", "19960418", "温宿县佳木镇农业发展服务中心",
		"Initial Junior", "Assistant", "工程系列", "", None, None),
	A("004-unit", "004", "Unit Review", "帕提古丽·吐尔逊", "19950505", "温宿县佳木镇农业发展服务中心",
		"Initial Junior", "Assistant", "工程系列", "", None, None),
	A("004-county-confirmation", "004", "County Confirmation", "艾克拜尔", "19960227",
		"温宿县佳木镇农业发展服务中心", "Initial Junior", "Assistant", "工程系列", "", None, None),
	A("004-county-review", "004", "County Review", "李明", "19881120", "温宿县住房和城乡建设局",
		"Grant by Degree", "Intermediate", "工程系列", "", None, None),
	A("004-prefecture", "004", "Prefecture Confirmation", "韩雪", "19890315", "温宿县住房和城乡建设局",
		"Grant by Degree", "Intermediate", "工程系列", "", None, None),
	A("004-results-publicity", "004", "Unit Results Publicity", "热娜古丽·阿不来提", "19900427", "阿克苏地区交通运输局",
		"Grant by Degree", "Intermediate", "工程系列", "", None, None),
	# 004's paper stage (四、（二）), in the 2024 history
	A("004-paper-submitted", "004", "Paper Submitted", "买尔旦·艾合买提", "19940316",
		"温宿县佳木镇农业发展服务中心", "Initial Junior", "Assistant", "工程系列", "", None, None, True),
	A("004-county-paper", "004", "County Paper Submitted", "周丽萍", "19890624", "温宿县住房和城乡建设局",
		"Grant by Degree", "Intermediate", "工程系列", "", None, None, True),
	A("004-confirmed", "004", "Confirmed", "吾买尔江·托合提", "19880912", "阿克苏地区交通运输局",
		"Grant by Degree", "Intermediate", "工程系列", "", None, None, True),
	A("004-failed", "004", "Failed", "张晓燕", "19951012", "温宿县佳木镇农业发展服务中心",
		"Initial Junior", "Assistant", "工程系列", "", None, None),
	# 不予确认 by the 地区人社局 after the unit's paper reached it (四、（二）), in the 2024 history
	A("004-not-confirmed", "004", "Not Confirmed", "古丽米拉·阿不都", "19910708", "阿克苏地区交通运输局",
		"Grant by Degree", "Intermediate", "工程系列", "", None, None, True),
]  # fmt: skip

# people of the 2024 history who apply again: their ID numbers stay theirs
RETURNING = {"张伟": "652901198503121010", "古丽娜尔": "652824198709091020", "李明": "652922198811201014",
	"帕提古丽·吐尔逊": "652922199505051024"}  # fmt: skip
# ID number region codes of the units' places (GB/T 2260)
ID_REGION = {"000": "652901", "001": "652901", "002": "652901", "003": "652824", "004": "652922"}
HAN = ("王", "刘", "张", "陈", "赵", "周", "杨", "何", "马", "黄", "孙", "李", "韩")
SUMMARY_PARAGRAPH = (
	"一、思想政治方面：认真学习习近平新时代中国特色社会主义思想，坚决拥护党的路线方针政策，遵纪守法，"
	"爱岗敬业，团结同事，坚持以铸牢中华民族共同体意识为主线做好本职工作。"
	"二、专业工作方面：任现职以来，本人长期在工程一线从事勘察、设计、施工管理和质量技术工作，"
	"主持和参与了多项市政道路、房屋建筑及公路改扩建项目，负责方案比选、技术交底、质量检查和竣工验收，"
	"解决了冻土地基处理、沙漠地区路基防护等技术难题，编写施工组织设计和专项方案十余份，"
	"带领青年技术人员开展技术攻关，累计培养助理工程师六名。"
	"三、存在的问题：理论研究和论文写作还不够深入，新技术、新规范的学习需要进一步加强。"
	"四、今后打算：继续加强专业学习，积极参加继续教育，把新规范、新工艺用到工程实践中，"
	"为地方经济社会发展贡献专业力量。"
)


def load_current_campaign(today: datetime.date | None = None):
	"""Copy the seed notices into the current campaign and replay its applications (only the
	missing ones: the demo is loaded again without duplicates)."""
	today = today or clock.now().date()
	notices = {code: current_notice(code, today) for code in TODAY_IN}
	ensure_second_applicant()
	for spec in APPLICATIONS:
		notice = spec_notice(spec, notices)
		if not frappe.db.exists(
			"Title Application", {"notice": notice, "applicant_name": spec.applicant_name}
		):
			replay_application(spec, notice)
	open_demo_meeting(notices[MEETING_SEED])
	frappe.db.commit()


def open_demo_meeting(notice: str):
	"""The committee office's open review meeting of ``notice`` (made once): the demo review expert
	on it, on its agenda the packets of the notice's applications awaiting the evaluation, so the
	expert has ballots to cast and the office a meeting to close."""
	from zhicheng_app.services import review_packets

	if frappe.db.exists("Review Meeting", {"notice": notice, "meeting_title": OPEN_MEETING}):
		return
	waiting = frappe.get_all(
		"Title Application",
		filters={"notice": notice, "workflow_state": WorkflowState.UNDER_EVALUATION},
		pluck="name",
		order_by="name asc",
	)
	packets = [packet for app in waiting if (packet := review_packets.build_packet(app))]
	committees = frappe.get_doc("Title Notice", notice).committees
	if not packets or not committees:
		return
	meeting = frappe.get_doc(
		{
			"doctype": "Review Meeting",
			"meeting_title": OPEN_MEETING,
			"committee": committees[0].committee,
			"notice": notice,
			"meeting_date": datetime.datetime.combine(clock.now().date(), datetime.time(10, 0)),
			"venue": DEFENSE_VENUE,
			"experts": [{"expert": DEFENSE_EXPERT, "attendance": "Present"}],
			"agenda": [{"packet": packet} for packet in packets],
		}
	).insert(ignore_permissions=True)
	review_meeting.open_meeting(meeting.name)


def spec_notice(spec, notices: dict[str, str]) -> str:
	"""The notice the demo application ``spec`` is made under: the current copy of its seed notice
	(``notices``: seed code -> current copy), or the seed notice itself for the history."""
	return notice_name(spec.seed) if spec.history else notices[spec.seed]


def current_code(code: str, year: int) -> str:
	return f"{code}-{year}"


def current_notice(code: str, today: datetime.date) -> str:
	"""The seed notice ``code`` copied with its dates moved so that today is where TODAY_IN says."""
	year = today.year
	existing = frappe.db.get_value("Title Notice", {"code": current_code(code, year)})
	if existing:
		return existing
	source = frappe.get_doc("Title Notice", notice_name(code))
	kind, edge, days = TODAY_IN[code]
	window = next(w for w in source.windows if w.kind == kind)
	anchor = frappe.utils.getdate(window.end if edge == "end" else window.start)
	delta = relativedelta(days=(today - anchor).days - days)
	notice = copy_notice(source.name, delta, code=current_code(code, year))
	notice.db_set(
		{"campaign_year": year, "title": notice.title.replace(str(source.campaign_year), str(year))}
	)
	return notice.name


def ensure_second_applicant():
	create_user(*SECOND_APPLICANT, APPLICANT)


def id_number(name: str, birth: str, code: str) -> str:
	if name in RETURNING:
		return RETURNING[name]
	body = ID_REGION[code] + birth + f"{sum(map(ord, name)) % 900 + 100:03d}"
	return body + ric.calc_check_digit(body + "0")


def _date(year: int, month: int, day: int) -> str:
	return datetime.date(year, month, day).isoformat()


def profile(spec, notice) -> dict:
	"""Everything the application needs for its route (the rules engine decides whether it is)."""
	name, route, level, unit = spec.applicant_name, spec.route, spec.level, spec.unit
	year = notice.campaign_year
	born = int(spec.birth[:4])
	start = born + (26 if route == "Grant by Degree" else 23)
	if route == "Initial Junior":
		start = year - 3
	first_work = _date(start, 7, 1)
	values = {
		"doctype": "Title Application",
		"notice": notice.name,
		"route": route,
		"series": spec.series,
		"profession": spec.profession or None,
		"target_level": level,
		"applicant_name": name,
		"id_number": id_number(name, spec.birth, spec.seed),
		"applicant_user": spec.applicant_user,
		"employer_unit": unit,
		"political_status": "CPC Member" if name.startswith(HAN) else "Masses",
		"ethnicity": "汉族" if name.startswith(HAN) else "维吾尔族",
		"mobile": f"139{int(spec.birth) % 100000000:08d}",
		"first_work_date": first_work,
		"professional_start_date": first_work,
		"putonghua_level": "Level 2 A",
		"position": "技术员" if level in ("Assistant", "Entry") else "工程师",
		"commitment_signed": 1,
		"education": [
			{
				"education": "Master" if route == "Grant by Degree" else "Bachelor",
				"degree": "Master Degree" if route == "Grant by Degree" else "Bachelor Degree",
				"school": "新疆大学" if route != "Initial Junior" else "塔里木大学",
				"major": "土木工程",
				"start_date": _date(start - (7 if route == "Grant by Degree" else 4), 9, 1),
				"graduation_date": _date(start, 6, 30),
				"full_time": 1,
			}
		],
		"work_history": [
			{
				"start_date": first_work,
				"unit_name": unit,
				"position": "专业技术岗位",
				"in_profession": 1,
				"in_xinjiang": 1,
			}
		],
		"assessments": [
			{"year": y, "result": "Excellent" if y == year - 1 else "Competent"}
			for y in range(max(start, year - 5), year)
		],
		"continuing_education": [
			{
				"year": y,
				"professional_hours": 64,
				"public_hours": 30,
				"professional_certificate": 1,
				"public_certificate": 1,
				"professional_source": "System",
				"public_source": "System",
			}
			for y in range(max(start, year - 5), year + 1)
		],
		"achievements": [
			{
				"kind": "Achievement",
				"title": f"{unit[:6]}片区道路改造工程第{i}标段技术负责",
				"achieved_on": _date(year - i, 10, 1),
				"rank": "第1名",
				"issuer": "建设单位",
				"witness": "项目总监",
			}
			for i in range(1, 6)
		],
		"personal_summary": SUMMARY_PARAGRAPH * 8,
	}
	if spec.current_level:
		values.update(
			{
				"current_level": spec.current_level,
				"current_title_date": _date(year - 6, 12, 20),
				"current_title_origin": "Xinjiang",
				"has_qualification_document": 1,
				"has_certificate": 1,
				"has_evaluation_form": 1,
			}
		)
	return values


def sample_scan(label: str) -> bytes:
	"""A JPEG standing in for a scanned document: a white page with the material's name."""
	from PIL import Image, ImageDraw, ImageFont

	image = Image.new("RGB", (640, 900), "white")
	draw = ImageDraw.Draw(image)
	try:
		font = ImageFont.truetype("NotoSansCJK-Regular.ttc", 28)
	except OSError:
		font = ImageFont.load_default()
	draw.rectangle((20, 20, 620, 880), outline="black", width=3)
	for i in range(0, len(label), 18):
		draw.text((50, 80 + i * 3), label[i : i + 18], fill="black", font=font)
	draw.text((50, 820), "示例扫描件", fill="gray", font=font)
	out = io.BytesIO()
	image.save(out, "JPEG", quality=70)
	return out.getvalue()


def attach_materials(doc):
	"""One scan per material the applicant provides, masked as the notices require."""
	for material in run_precheck(doc).required_materials:
		if any(row.material_code == material["code"] for row in doc.attachments):
			continue
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{material['code']}.jpg",
				"content": sample_scan(material["label"]),
				"is_private": 1,
				"attached_to_doctype": "Title Application",
				"attached_to_name": doc.name,
			}
		).insert(ignore_permissions=True)
		doc.append(
			"attachments",
			{
				"material_code": material["code"],
				"file": file.file_url,
				"description": material["label"][:140],
				"masking": "Masked",
			},
		)
	doc.save(ignore_permissions=True)


def publicity_dates(notice_name: str, before: datetime.date) -> dict:
	"""A publicity of the notice's working days (one more to spare) ended before ``before``."""
	config = notice_config(notice_name)
	end = before - datetime.timedelta(days=1)
	while not is_workday(end):
		end -= datetime.timedelta(days=1)
	start = add_working_days(end, -config.publicity_min_working_days)
	return {"publicity_start": start, "publicity_end": end}


def path_to(doc, target: str) -> list[tuple]:
	"""The shortest list of (state, action, allowed role) from the document's state to ``target``
	through the transitions whose condition the document meets."""
	workflow = get_workflow("Title Application")
	queue, seen = [(doc.workflow_state, [])], {doc.workflow_state}
	while queue:
		state, steps = queue.pop(0)
		if state == target:
			return steps
		for t in workflow.transitions:
			if t.state == state and t.next_state not in seen and is_transition_condition_satisfied(t, doc):
				seen.add(t.next_state)
				queue.append((t.next_state, [*steps, (t.state, t.action, t.allowed)]))
	raise ValueError(f"the workflow has no path from {doc.workflow_state} to {target} for {doc.name}")


def step_window(notice, state: str, action: str, next_state: str | None):
	"""(start, end, consequence) of the window a step must fall in: its action's, else the one the
	paper stage of 004 sets for the move (rules/paper_stage.py); None when there is none."""
	kind = STEP_WINDOW.get(action) or (paper_stage.window_of(state, next_state) if next_state else None)
	return clock.window(notice, kind) if kind else None


def schedule(
	steps: list[tuple], notice, now: datetime.datetime, target: str | None = None
) -> list[datetime.datetime]:
	"""Moments for the steps: as late as possible, a step gap apart (longer before a step that needs a
	publicity first), the last an hour ago, each inside the window its action needs (the latest
	moment of the window, the earliest checked) and before any deadline that closes the state it
	leaves. ``target``: the state the last step leads to."""
	deadlines = closing_deadlines(notice_config(notice.name))
	nexts = (
		[s[0] for s in steps[1:]] + [target] if steps else []
	)  # an application left where it starts has none
	moments = []
	at = clock.wall(now) - datetime.timedelta(hours=1)
	for (state, action, _role), next_state in reversed(list(zip(steps, nexts, strict=True))):
		window = step_window(notice, state, action, next_state)
		if window and window[1]:
			at = min(at, clock.wall(window[1]) - datetime.timedelta(hours=1))
		for deadline in deadlines:
			if deadline.governs(state):
				at = min(at, clock.wall(deadline.at) - datetime.timedelta(hours=1))
		if window and window[0] and at < clock.wall(window[0]):
			raise ValueError(f"{notice.name}: no moment for {action} inside its window before {at}")
		moments.append(at)
		at -= STEP_GAPS.get(action, STEP_GAP)
	return list(reversed(moments))


def republicity_dates(notice_name: str, before: datetime.date) -> dict:
	"""The unit's publicity of the passed applicants (004 四、（二）1) ended before ``before``."""
	dates = publicity_dates(notice_name, before)
	return {"republicity_start": dates["publicity_start"], "republicity_end": dates["publicity_end"]}


def actor(doc, role: str) -> str:
	"""The demo user of ``role`` who may act on the document, else Administrator."""
	users = frappe.get_all(
		"Has Role", filters={"role": role, "parenttype": "User", "parent": ("like", "zc.%")}, pluck="parent"
	)
	for user in sorted(users):
		if frappe.has_permission("Title Application", "write", doc, user=user):
			return user
	return "Administrator"


def schedule_defense(doc, at: datetime.datetime):
	"""The committee office's open demo Defense Session of the application's notice, else the next
	one (a session whose results are recorded schedules no more) for the next working day after
	``at``, 10:00 Beijing time, with the demo review expert on its panel; the application is
	scheduled through it."""
	from zhicheng_app.services import defense

	demo_sessions = frappe.get_all(
		"Defense Session",
		filters={"notice": doc.notice, "session_title": ("like", DEFENSE_TITLE.format("%"))},
		fields=["name", "status"],
		order_by="creation asc",
	)
	open_sessions = [s.name for s in demo_sessions if s.status not in (defense.RECORDED, defense.CANCELLED)]
	if open_sessions:
		session = frappe.get_doc("Defense Session", open_sessions[0])
	else:
		notice = frappe.get_doc("Title Notice", doc.notice)
		config = notice_config(doc.notice)
		day = add_working_days(at.date(), 1, config.extra_holidays, config.extra_workdays)
		mode = defense.default_mode(doc.notice, doc.target_level)
		session = frappe.get_doc(
			{
				"doctype": "Defense Session",
				"session_title": DEFENSE_TITLE.format(len(demo_sessions) + 1),
				"notice": doc.notice,
				"committee": notice.committees[0].committee if notice.committees else None,
				"starts_at": datetime.datetime.combine(day, datetime.time(10, 0)),
				"mode": mode,
				"venue": DEFENSE_VENUE if mode != defense.ONLINE else None,
				"online_link": DEFENSE_LINK if mode == defense.ONLINE else None,
				"instructions": DEFENSE_INSTRUCTIONS,
				"panel": [{"expert": DEFENSE_EXPERT, "role_in_panel": "Chair"}],
			}
		).insert(ignore_permissions=True)
	session.append("applications", {"application": doc.name, "slot_order": len(session.applications) + 1})
	session.save(ignore_permissions=True)
	with print_language("zh"):  # the rows keep their outcome in the users' language
		outcome = defense.schedule(session.name)
	if doc.name not in outcome["scheduled"]:
		raise ValueError(f"{doc.name} could not be scheduled: {outcome['refused']}")


def replay_application(spec, notice_name: str):
	notice = frappe.get_doc("Title Notice", notice_name)
	config = notice_config(notice_name)
	target = spec.state
	now = clock.now()
	values = profile(spec, notice)
	try:
		frappe.flags.zhicheng_now = clock.wall(now)
		doc = frappe.get_doc(values).insert(ignore_permissions=True)
		attach_materials(doc)
		# the path as the document will be once accepted (the defense is fixed at acceptance)
		doc.defense_required = 1 if run_precheck(doc).defense.get("required") else 0
		steps = path_to(doc, target)
		doc.reload()
		moments = schedule(steps, notice, now, target)
		publicity = config.publicity_before_application or any(
			state == WorkflowState.UNIT_REVIEW and action == "Recommend" for state, action, _role in steps
		)
		if publicity:  # the unit's publicity, ended before the application (004) or the recommendation
			index = 0 if config.publicity_before_application else 1
			before = moments[index].date() if len(moments) > index else now.date()
			doc.update(publicity_dates(notice_name, before))
			doc.save(ignore_permissions=True)
		for index, ((_state, action, role), at) in enumerate(zip(steps, moments, strict=True)):
			if action == CERTIFY_ACTION:  # the results publicity began when the meeting passed it
				hold_results_publicity(doc, moments[index - 1] if index else at)
			frappe.flags.zhicheng_now = at
			doc = frappe.get_doc("Title Application", doc.name)
			if action == REVOKE_ACTION:  # the reason, and the fraud it was, come first
				doc.db_set({"revocation_reason": REVOCATION_REASON, "revocation_for_fraud": 1})
			if action == "Return for Revision":  # the committee states its reasons first
				doc.db_set("return_reasons", RETURN_REASONS)
			if action == "Refuse Confirmation":  # the bureau states its reason first
				doc.db_set("not_confirmed_reason", NOT_CONFIRMED_REASON)
			if action == paper_stage_service.SUBMIT_PAPER:  # the unit's publicity of the passed applicants
				doc.db_set(republicity_dates(notice_name, at.date()))
			user = actor(doc, role)
			frappe.set_user(user)
			try:
				if action == fees.RECORD_FEE:  # the fee desk records a payment, which takes the step
					record_demo_fee(spec, doc)
				elif action == DEFENSE_ACTION:  # the committee office schedules it in a session
					schedule_defense(doc, at)
				elif action in ("Pass Defense", "Fail Defense"):  # the session records the result
					record_demo_defense(doc, RESULTS[action])
				elif action in ("Pass", "Fail"):  # the committee's ballot gives the result
					with review_meeting.decided_by_vote(DEMO_MEETING, {doc.name: RESULTS[action]}):
						apply_workflow(doc, action)
				else:
					apply_workflow(doc, action)
			finally:
				frappe.set_user("Administrator")
	finally:
		frappe.flags.zhicheng_now = None


def record_demo_defense(doc, result: str):
	"""The committee office records the application's defense result in the demo's session: a score
	above or below the notice's pass mark, else the panel's decision."""
	from zhicheng_app.rules.defense import pass_mark
	from zhicheng_app.services import defense

	mark = pass_mark(notice_config(doc.notice), doc.target_level)
	session = frappe.get_doc("Defense Session", doc.defense_session)
	for row in session.applications:
		if row.application == doc.name:
			row.decision = result
			if mark is not None:
				row.score = float(mark) + (8 if result == "Passed" else -8)
	session.save(ignore_permissions=True)
	with print_language("zh"):  # the rows keep their outcome in the users' language
		outcome = defense.record_results(session.name)
	if doc.name not in outcome["passed"] + outcome["failed"]:
		raise ValueError(f"{doc.name}: the defense result was not recorded: {outcome['refused']}")


def hold_results_publicity(doc, at: datetime.datetime):
	"""The committee office starts the results publicity of the application at ``at``."""
	from zhicheng_app.roles import COMMITTEE_OFFICE
	from zhicheng_app.services import results

	frappe.flags.zhicheng_now = at
	frappe.set_user(actor(doc, COMMITTEE_OFFICE))
	try:
		results.start_results_publicity(doc.notice, [doc.name])
	finally:
		frappe.set_user("Administrator")


def record_demo_fee(spec, doc):
	"""The demo's fee payments: the methods the notice allows in turn, every other one paid by the
	applicant's unit for its staff; a notice that states no amount is paid 300 yuan."""
	paying = [a.key for a in APPLICATIONS if a.seed == spec.seed]
	index = paying.index(spec.key)
	methods = allowed_methods(notice_config(doc.notice).fee_payment_methods)
	by_unit = index % 2 == 1
	fees.record_payment(
		doc.name,
		methods[index % len(methods)],
		f"SJ{doc.notice.replace('-', '')}{index + 1:04d}",
		amount=doc.fee_amount or 300,
		payer_kind=PayerKind.UNIT if by_unit else PayerKind.APPLICANT,
		payer_unit=doc.employer_unit if by_unit else None,
	)
