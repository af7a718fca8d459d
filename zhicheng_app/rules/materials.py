"""Rule family: required materials, existing-title evidence, Putonghua, masking and file types."""

from __future__ import annotations

import os

from zhicheng_app.i18n import _
from zhicheng_app.rules.context import PrecheckContext
from zhicheng_app.rules.continuing_education import ce_required
from zhicheng_app.rules.eligibility import exam_requirement
from zhicheng_app.rules.registry import cite, make_finding
from zhicheng_app.rules.vocabulary import (
	PUTONGHUA_RANK,
	Occupation,
	Ownership,
	PutonghuaLevel,
	Route,
	UnitCategory,
)

ENTRUSTED_CATEGORIES = frozenset(
	{UnitCategory.CENTRAL_IN_XINJIANG, UnitCategory.OUT_OF_PROVINCE_ENTERPRISE, UnitCategory.MILITARY}
)
TEACHERS = frozenset({Occupation.TEACHER, Occupation.CHINESE_TEACHER})

# Putonghua thresholds by occupation (004)
OCCUPATION_PUTONGHUA: dict[str, PutonghuaLevel] = {
	Occupation.BROADCASTER: PutonghuaLevel.L2B,
	Occupation.CHINESE_BROADCASTER: PutonghuaLevel.L1B,
	Occupation.TEACHER: PutonghuaLevel.L2B,
	Occupation.CHINESE_TEACHER: PutonghuaLevel.L2A,
}

# materials that other uploads can stand in for (003): any one group suffices
ALTERNATIVES = {
	"social_security_6m": (
		("social_security_6m",),
		("deferral_certificate",),
		("labour_contract", "wage_statement"),
	),
}

# the conditions a notice's material rows may name; a row without one (or "all") is always required
CONDITIONS = {
	"public_institution": lambda ctx: ctx.profile.unit.ownership == Ownership.PUBLIC_INSTITUTION,
	"enterprise": lambda ctx: (
		ctx.profile.unit.ownership in (Ownership.PRIVATE_ENTERPRISE, Ownership.STATE_ENTERPRISE)
	),
	"prior_title": lambda ctx: ctx.title is not None,
	"skills": lambda ctx: bool(ctx.profile.skills) or ctx.profile.via_skill_integration,
	"ce_required": ce_required,
	"ce_exempt": lambda ctx: ctx.profile.ce_exemption,
	"entrusted": lambda ctx: ctx.profile.unit.category in ENTRUSTED_CATEGORIES,
	"aid": lambda ctx: ctx.profile.aid_staff,
	"transfer": lambda ctx: ctx.profile.transferred_from_agency,
	"teacher": lambda ctx: ctx.profile.occupation in TEACHERS,
	"exam": lambda ctx: exam_requirement(ctx, ctx.profile.target_level) is not None,
	"private": lambda ctx: ctx.profile.route == Route.PRIVATE,
	"route_fanghuiju": lambda ctx: ctx.profile.route == Route.FANGHUIJU,
}


def required_materials(ctx: PrecheckContext) -> list[dict]:
	"""The notice's materials that this applicant must upload, as {code, label, seed_ref (the
	notice and the clause that asks for it)}. A row whose condition is unknown stays required."""
	required = []
	for row in ctx.notice.materials:
		if row.provided_by_unit:
			continue  # the unit's own documents, made after the applicant submits
		condition = CONDITIONS.get(row.condition or "all")
		if condition is None or condition(ctx):
			label = row.label or row.code
			required.append({"code": row.code, "label": label, "seed_ref": cite(ctx.notice, row.seed_ref)})
	return required


def check_materials(ctx: PrecheckContext) -> None:
	notice, profile = ctx.notice, ctx.profile
	required = ctx.result.required_materials = required_materials(ctx)
	uploaded = {a.code for a in profile.attachments if a.present}
	for material in required:
		if not _uploaded(material["code"], uploaded):
			ctx.result.findings.append(
				make_finding(
					"MAT-MISSING",
					notice,
					(material["label"],),
					"attachments",
					seed_ref=material["seed_ref"],
				)
			)
	if ctx.title is not None:
		_check_prior_title(ctx)
	if notice.putonghua_public_institution_required:
		_check_putonghua(ctx)
	if notice.blind_review:
		_check_masking_decisions(ctx)
	if notice.mask_check_file_names:
		_check_file_names(ctx)
	if notice.allowed_file_types:
		_check_file_types(ctx)


def _uploaded(code: str, uploaded: set[str]) -> bool:
	"""The material ``code`` counts as uploaded when it is, or when every material of one group of
	its alternatives is."""
	return code in uploaded or any(uploaded.issuperset(group) for group in ALTERNATIVES.get(code, ()))


def _check_prior_title(ctx: PrecheckContext) -> None:
	title, notice = ctx.title, ctx.notice
	elsewhere = ctx.title_from_elsewhere()
	need = notice.prior_title_evidence_elsewhere if elsewhere else notice.prior_title_evidence_xinjiang
	if need <= 0:
		return
	have = int(title.has_qualification_document) + int(title.has_certificate) + int(title.has_evaluation_form)
	if have < need:
		if not elsewhere:
			where = _("in Xinjiang")
		elif notice.prior_title_bingtuan_as_elsewhere:
			where = _("outside Xinjiang or in the Bingtuan")
		else:
			where = _("outside Xinjiang")
		ctx.add("MAT-PRIOR-TITLE", (where, need, have), "titles")


def _check_putonghua(ctx: PrecheckContext) -> None:
	notice, profile = ctx.notice, ctx.profile
	if profile.unit.ownership != Ownership.PUBLIC_INSTITUTION:
		return
	need = notice.putonghua_min_level
	if notice.putonghua_occupation_thresholds:
		occupation_level = OCCUPATION_PUTONGHUA.get(profile.occupation)
		if occupation_level is not None and PUTONGHUA_RANK[occupation_level] > PUTONGHUA_RANK.get(need, 0):
			need = occupation_level
	if PUTONGHUA_RANK.get(profile.putonghua_level, 0) < PUTONGHUA_RANK.get(need, 1):
		have = profile.putonghua_level or PutonghuaLevel.NONE
		ctx.add("MAT-PUTONGHUA", (_(need), _(have)), "putonghua_level")


def _check_masking_decisions(ctx: PrecheckContext) -> None:
	"""Blind review: every uploaded image needs a masking decision (masked, or nothing to mask)."""
	undecided = [
		a.caption or a.file_name or a.code for a in ctx.profile.attachments if a.present and a.masked is None
	]
	if undecided:
		ctx.add("MASK-DECISION", ("、".join(undecided),), "attachments")


def _check_file_names(ctx: PrecheckContext) -> None:
	"""Blind review: no file name or caption may contain the applicant's or the unit's name."""
	profile = ctx.profile
	unit = profile.unit
	words = [
		w for w in (profile.applicant_name.strip(), unit.unit_name.strip(), *unit.aliases) if len(w) >= 2
	]
	for i, attachment in enumerate(profile.attachments):
		text = attachment.file_name + " " + attachment.caption
		if any(word in text for word in words):
			ctx.add("MASK-FILE-NAME", (attachment.caption or attachment.code,), f"attachments[{i}]")


def _check_file_types(ctx: PrecheckContext) -> None:
	allowed = {
		"." + t.strip().lower().lstrip(".") for t in ctx.notice.allowed_file_types.split(",") if t.strip()
	}
	names = [a.file_name for a in ctx.profile.attachments if a.present and a.file_name]
	bad = [name for name in names if os.path.splitext(name)[1].lower() not in allowed]
	if bad:
		ctx.add("FILE-TYPE", ("、".join(sorted(allowed)), "、".join(bad)), "attachments")
