"""Rule family: required materials, existing-title evidence, Putonghua, masking and file types
[spec §7.1, §7.2, §7.6, §7.9]."""

from __future__ import annotations

import operator
import os
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from zhicheng_app.rules.context import Ctx, notice_table
from zhicheng_app.rules.continuing_education import ce_required
from zhicheng_app.rules.eligibility import exam_requirement
from zhicheng_app.rules.registry import finding
from zhicheng_app.rules.registry import translate as _
from zhicheng_app.rules.vocabulary import (
	PUTONGHUA_RANK,
	Occupation,
	Ownership,
	PutonghuaLevel,
	Route,
	UnitCategory,
)

# vocabulary members as module constants: attribute access on an Enum class is slow
_UNITCATEGORY_CENTRAL_IN_XINJIANG: Final = UnitCategory.CENTRAL_IN_XINJIANG
_UNITCATEGORY_OUT_OF_PROVINCE_ENTERPRISE: Final = UnitCategory.OUT_OF_PROVINCE_ENTERPRISE
_UNITCATEGORY_MILITARY: Final = UnitCategory.MILITARY
_OCCUPATION_TEACHER: Final = Occupation.TEACHER
_OCCUPATION_CHINESE_TEACHER: Final = Occupation.CHINESE_TEACHER
_OCCUPATION_BROADCASTER: Final = Occupation.BROADCASTER
_PUTONGHUALEVEL_L2B: Final = PutonghuaLevel.L2B
_OCCUPATION_CHINESE_BROADCASTER: Final = Occupation.CHINESE_BROADCASTER
_PUTONGHUALEVEL_L1B: Final = PutonghuaLevel.L1B
_PUTONGHUALEVEL_L2A: Final = PutonghuaLevel.L2A
_OWNERSHIP_PUBLIC_INSTITUTION: Final = Ownership.PUBLIC_INSTITUTION
_OWNERSHIP_PRIVATE_ENTERPRISE: Final = Ownership.PRIVATE_ENTERPRISE
_OWNERSHIP_STATE_ENTERPRISE: Final = Ownership.STATE_ENTERPRISE
_ROUTE_PRIVATE: Final = Route.PRIVATE
_ROUTE_FANGHUIJU: Final = Route.FANGHUIJU
_PUTONGHUALEVEL_NONE: Final = PutonghuaLevel.NONE

_ENTRUSTED: Final = frozenset(
	{_UNITCATEGORY_CENTRAL_IN_XINJIANG, _UNITCATEGORY_OUT_OF_PROVINCE_ENTERPRISE, _UNITCATEGORY_MILITARY}
)
_TEACHERS: Final = frozenset({_OCCUPATION_TEACHER, _OCCUPATION_CHINESE_TEACHER})

# Putonghua thresholds by occupation [004 L79]
OCCUPATION_PUTONGHUA: Final[dict[str, PutonghuaLevel]] = {
	_OCCUPATION_BROADCASTER: _PUTONGHUALEVEL_L2B,
	_OCCUPATION_CHINESE_BROADCASTER: _PUTONGHUALEVEL_L1B,
	_OCCUPATION_TEACHER: _PUTONGHUALEVEL_L2B,
	_OCCUPATION_CHINESE_TEACHER: _PUTONGHUALEVEL_L2A,
}

# materials that other uploads can stand in for [003 L94–96]: any one group suffices
ALTERNATIVES: Final = {
	"social_security_6m": (
		("social_security_6m",),
		("deferral_certificate",),
		("labour_contract", "wage_statement"),
	),
}

CONDITIONS: Final = {
	"all": lambda ctx: True,
	"public_institution": lambda ctx: ctx.p.unit.ownership == _OWNERSHIP_PUBLIC_INSTITUTION,
	"enterprise": lambda ctx: (
		ctx.p.unit.ownership in (_OWNERSHIP_PRIVATE_ENTERPRISE, _OWNERSHIP_STATE_ENTERPRISE)
	),
	"prior_title": lambda ctx: ctx.title is not None,
	"skills": lambda ctx: bool(ctx.p.skills) or ctx.p.via_skill_integration,
	"ce_required": ce_required,
	"ce_exempt": lambda ctx: ctx.p.ce_exemption,
	"entrusted": lambda ctx: ctx.p.unit.category in _ENTRUSTED,
	"aid": lambda ctx: ctx.p.aid_staff,
	"transfer": lambda ctx: ctx.p.transferred_from_agency,
	"teacher": lambda ctx: ctx.p.occupation in _TEACHERS,
	"exam": lambda ctx: exam_requirement(ctx, ctx.level) is not None,
	"private": lambda ctx: ctx.p.route == _ROUTE_PRIVATE,
	"route_fanghuiju": lambda ctx: ctx.p.route == _ROUTE_FANGHUIJU,
}


@notice_table("materials")
def _compile(n) -> tuple:
	"""(checklist rows {code, label, seed_ref} in notice order with their condition code, or None
	when always required; the distinct condition codes; {condition outcomes: rows}, filled as met)."""
	rows = []
	for m in n.materials:
		cond = m.condition or "all"
		if cond == "all" or cond not in CONDITIONS:  # an unknown condition keeps the material required
			cond = None
		row = {"code": m.code, "label": m.label or m.code, "seed_ref": m.seed_ref}
		rows.append((MappingProxyType(row), cond))  # shared by every result: read-only
	conds = tuple(dict.fromkeys(c for _r, c in rows if c is not None))
	return tuple(rows), conds, {}


def required_materials(ctx: Ctx) -> list[Mapping[str, Any]]:
	rows, conds, by_outcome = ctx.facts.table("materials")
	outcome = tuple([bool(CONDITIONS[c](ctx)) for c in conds])  # each condition evaluated once
	selected = by_outcome.get(outcome)
	if selected is None:
		met = dict(zip(conds, outcome, strict=True))
		selected = by_outcome[outcome] = tuple(row for row, c in rows if c is None or met[c])
	return list(selected)  # a fresh list of read-only rows


_ITEM_CODE: Final = operator.itemgetter("code")
# codes with alternatives that are satisfied by their own upload (the first check below relies on it)
_SELF_SUFFICIENT: Final = all((code,) in groups for code, groups in ALTERNATIVES.items())


@notice_table("allowed_file_types")
def _allowed_types(n) -> tuple:
	"""(allowed extensions with their dot, the same as a tuple for str.endswith, the list for the
	message)."""
	allowed = {"." + t.strip().lower().lstrip(".") for t in n.allowed_file_types.split(",") if t.strip()}
	return allowed, tuple(sorted(allowed)), "、".join(sorted(allowed))


def _extension(name: str) -> str:
	return os.path.splitext(name)[1].lower()


def bad_file_names(names: list[str], allowed: set, suffixes: tuple) -> list[str]:
	"""The names whose extension (as ``os.path.splitext`` finds it, in any case) is not in
	``allowed``, in order; ``suffixes`` is ``allowed`` as a tuple. A name's extension is allowed
	exactly when the name ends with an allowed one, unless its base name starts with a dot (then it
	has no extension without a second dot)."""
	bad = []
	for name in names:
		if not name.lower().endswith(suffixes) or (
			(name[:1] == "." or "/." in name) and _extension(name) not in allowed
		):
			bad.append(name)
	return bad


def check_materials(ctx: Ctx, required: list[Mapping[str, Any]]) -> None:
	p, n = ctx.p, ctx.n
	attachments = p.attachments
	present = {a.code for a in attachments if a.present}
	if not (_SELF_SUFFICIENT and present.issuperset(map(_ITEM_CODE, required))):
		missing_ref: tuple | None = None
		for m in required:
			code = m["code"]
			if code in present and code not in ALTERNATIVES:
				continue
			groups = ALTERNATIVES.get(code)
			if groups:
				ok = any(all(c in present for c in g) for g in groups)
			else:
				ok = code in present
			if not ok:
				if missing_ref is None:
					missing_ref = ctx.refs["MAT-MISSING"]
				ref, severity, template = missing_ref
				ctx.findings.append(
					finding(
						"MAT-MISSING",
						m["seed_ref"] or ref,
						severity,
						None,
						"attachments",
						template,
						(m["label"],),
					)
				)
	if ctx.title is not None:
		_prior_title(ctx)
	if n.putonghua_public_institution_required:
		_putonghua(ctx)
	if n.blind_review:
		for a in attachments:
			if a.masked is None:  # at least one without a masking decision: list those uploaded
				undecided = [
					a.caption or a.file_name or a.code for a in attachments if a.present and a.masked is None
				]
				if undecided:
					ctx.add("MASK-DECISION", ("、".join(undecided),), "attachments")
				break
	if n.mask_check_file_names:
		u = p.unit
		words = [w for w in (p.applicant_name.strip(), u.unit_name.strip(), *u.aliases) if len(w) >= 2]
		if words:
			# all file names and captions at once first: most applications have no hit at all (a word
			# without spaces or line breaks found in "file name + caption" is in one of the two)
			if not any(" " in w or "\n" in w for w in words):
				blob = "\n".join([a.file_name for a in attachments] + [a.caption for a in attachments])
				for w in words:
					if w in blob:
						break
				else:
					words = []
			for i, a in enumerate(attachments if words else ()):
				text = a.file_name + " " + a.caption
				for w in words:
					if w in text:
						ctx.add("MASK-FILE-NAME", (a.caption or a.code,), f"attachments[{i}]")
						break
	if n.allowed_file_types:
		allowed, suffixes, allowed_text = ctx.facts.table("allowed_file_types")
		names = [a.file_name for a in attachments if a.present and a.file_name]
		bad = bad_file_names(names, allowed, suffixes) if names else ()
		if bad:
			ctx.add("FILE-TYPE", (allowed_text, "、".join(bad)), "attachments")


def _prior_title(ctx: Ctx) -> None:
	t, n = ctx.title, ctx.n
	if t is None:
		return
	elsewhere = ctx.title_elsewhere()
	need = n.prior_title_evidence_elsewhere if elsewhere else n.prior_title_evidence_xinjiang
	if need <= 0:
		return
	have = int(t.has_qualification_document) + int(t.has_certificate) + int(t.has_evaluation_form)
	if have < need:
		where = _("outside Xinjiang or in the Bingtuan") if elsewhere else _("in Xinjiang")
		if elsewhere and not n.prior_title_bingtuan_as_elsewhere:
			where = _("outside Xinjiang")
		ctx.add("MAT-PRIOR-TITLE", (where, need, have), "titles")


def _putonghua(ctx: Ctx) -> None:
	n, p = ctx.n, ctx.p
	if not n.putonghua_public_institution_required or p.unit.ownership != _OWNERSHIP_PUBLIC_INSTITUTION:
		return
	need = n.putonghua_min_level
	if n.putonghua_occupation_thresholds:
		occ = OCCUPATION_PUTONGHUA.get(p.occupation)
		if occ is not None and PUTONGHUA_RANK.get(occ, 0) > PUTONGHUA_RANK.get(need, 0):
			need = occ
	if PUTONGHUA_RANK.get(p.putonghua_level, 0) < PUTONGHUA_RANK.get(need, 1):
		ctx.add("MAT-PUTONGHUA", (_(need), _(p.putonghua_level or _PUTONGHUALEVEL_NONE)), "putonghua_level")
