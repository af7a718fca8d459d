# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime

from zhicheng_app.rules.model import NoticeConfig
from zhicheng_app.services.deadlines import check_window_states, closable_states


class TitleNotice(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from zhicheng_app.zhicheng.doctype.notice_basis.notice_basis import NoticeBasis
		from zhicheng_app.zhicheng.doctype.notice_ce_policy.notice_ce_policy import NoticeCEPolicy
		from zhicheng_app.zhicheng.doctype.notice_committee.notice_committee import NoticeCommittee
		from zhicheng_app.zhicheng.doctype.notice_contact.notice_contact import NoticeContact
		from zhicheng_app.zhicheng.doctype.notice_county.notice_county import NoticeCounty
		from zhicheng_app.zhicheng.doctype.notice_defense.notice_defense import NoticeDefense
		from zhicheng_app.zhicheng.doctype.notice_degree_grant.notice_degree_grant import NoticeDegreeGrant
		from zhicheng_app.zhicheng.doctype.notice_exam_replaced_profession.notice_exam_replaced_profession import (
			NoticeExamReplacedProfession,
		)
		from zhicheng_app.zhicheng.doctype.notice_exam_requirement.notice_exam_requirement import (
			NoticeExamRequirement,
		)
		from zhicheng_app.zhicheng.doctype.notice_fee.notice_fee import NoticeFee
		from zhicheng_app.zhicheng.doctype.notice_holiday.notice_holiday import NoticeHoliday
		from zhicheng_app.zhicheng.doctype.notice_initial_junior_rule.notice_initial_junior_rule import (
			NoticeInitialJuniorRule,
		)
		from zhicheng_app.zhicheng.doctype.notice_keyword.notice_keyword import NoticeKeyword
		from zhicheng_app.zhicheng.doctype.notice_material.notice_material import NoticeMaterial
		from zhicheng_app.zhicheng.doctype.notice_remark.notice_remark import NoticeRemark
		from zhicheng_app.zhicheng.doctype.notice_resubmission.notice_resubmission import NoticeResubmission
		from zhicheng_app.zhicheng.doctype.notice_route.notice_route import NoticeRoute
		from zhicheng_app.zhicheng.doctype.notice_rule_clause.notice_rule_clause import NoticeRuleClause
		from zhicheng_app.zhicheng.doctype.notice_scope.notice_scope import NoticeScope
		from zhicheng_app.zhicheng.doctype.notice_skill_integration.notice_skill_integration import (
			NoticeSkillIntegration,
		)
		from zhicheng_app.zhicheng.doctype.notice_window.notice_window import NoticeWindow

		aid_allowed: DF.Check
		aid_min_posting_years: DF.Int
		aid_report_before: DF.Date | None
		allowed_file_types: DF.Data | None
		assessment_from_year: DF.Int
		assessment_incompetent_blocks: DF.Check
		assessment_to_year: DF.Int
		basis: DF.Table[NoticeBasis]
		blind_review: DF.Check
		campaign_year: DF.Int
		ce_exempt_private_first_time: DF.Check
		ce_exemption_reason_to_month: DF.Check
		ce_policies: DF.Table[NoticeCEPolicy]
		ce_system_general_from_year: DF.Int
		ce_system_professional_from_year: DF.Int
		certifying_body: DF.Data | None
		certifying_clause: DF.Data | None
		certifying_role: DF.Literal["Title Administrator", "Prefecture HRSS Officer"]
		chain_private_via_employment_service: DF.Check
		chain_via_supervising_unit: DF.Check
		code: DF.Data
		committees: DF.Table[NoticeCommittee]
		confirmation_requires_competent: DF.Check
		contacts: DF.Table[NoticeContact]
		copied_from: DF.Link | None
		copy_review: DF.LongText | None
		defense_exempt_averaged: DF.Check
		defense_exempt_counties: DF.Table[NoticeCounty]
		defense_exempt_scoring: DF.SmallText | None
		defense_rules: DF.Table[NoticeDefense]
		degree_grants: DF.Table[NoticeDegreeGrant]
		doc_no: DF.Data | None
		entrusted_allowed: DF.Check
		exam_replaced_professions: DF.Table[NoticeExamReplacedProfession]
		exam_requirements: DF.Table[NoticeExamRequirement]
		extra_holidays: DF.Table[NoticeHoliday]
		extra_workdays: DF.Table[NoticeHoliday]
		fanghuiju_years: DF.Int
		fee_payment_methods: DF.Data | None
		fees: DF.Table[NoticeFee]
		fraud_ban_from_next_year: DF.Check
		fraud_ban_years: DF.Int
		initial_junior_rules: DF.Table[NoticeInitialJuniorRule]
		is_active: DF.Check
		issue_date: DF.Date | None
		issuer: DF.Data | None
		kind: DF.Literal["Evaluation", "Confirmation"]
		late_resubmission_consequence: DF.Data | None
		late_resubmission_outcome: DF.Literal["Not Accepted", "Abandoned"]
		mask_check_file_names: DF.Check
		mask_name: DF.Check
		mask_photo: DF.Check
		mask_photo_eyes: DF.Check
		mask_unit: DF.Check
		mask_unit_seal: DF.Check
		materials: DF.Table[NoticeMaterial]
		max_submissions: DF.Int
		one_evaluation_per_year: DF.Check
		one_route_per_series_level: DF.Check
		parent_doc_no: DF.Data | None
		party_school_equivalence: DF.Check
		prior_title_bingtuan_as_elsewhere: DF.Check
		prior_title_evidence_elsewhere: DF.Int
		prior_title_evidence_xinjiang: DF.Int
		private_allow_out_of_xinjiang: DF.Check
		private_allow_personnel_agency: DF.Check
		private_exclude_retirees: DF.Check
		private_licence_region: DF.Data | None
		private_min_posting_years: DF.Int
		publicity_before_application: DF.Check
		publicity_min_working_days: DF.Int
		putonghua_min_level: DF.Data | None
		putonghua_occupation_thresholds: DF.Check
		putonghua_public_institution_required: DF.Check
		qualification_addressees: DF.SmallText | None
		region: DF.Link | None
		remarks: DF.Table[NoticeRemark]
		resubmission_hours: DF.Table[NoticeResubmission]
		resubmission_within_application_window: DF.Check
		results_publicity_clause: DF.Data | None
		results_publicity_place: DF.SmallText | None
		results_publicity_working_days: DF.Int
		routes: DF.Table[NoticeRoute]
		rule_clauses: DF.Table[NoticeRuleClause]
		scope: DF.Table[NoticeScope]
		seniority_cutoff: DF.Date | None
		skill_integration: DF.Table[NoticeSkillIntegration]
		skill_integration_assessment_years: DF.Int
		submissions_count_initial: DF.Check
		summary_count_mode: DF.Data | None
		summary_forbid_name_unit: DF.Check
		summary_max_chars: DF.Int
		summary_min_chars: DF.Int
		summary_required: DF.Check
		summary_topics: DF.Table[NoticeKeyword]
		system_url: DF.Data | None
		tech_school_equivalence: DF.Check
		title: DF.SmallText
		township_education: DF.Data | None
		township_min_years: DF.Int
		windows: DF.Table[NoticeWindow]
	# end: auto-generated types

	def onload(self):
		# the states the windows' deadlines may close, for the form's state picker
		self.set_onload("closable_states", closable_states())

	def validate(self):
		"""A notice the engine cannot read, or a window that ends before it starts, is refused."""
		problems = [
			_("Row {0} of {1}: the window ends before it starts").format(row.idx, _("Windows"))
			for row in self.windows
			if row.start and row.end and get_datetime(row.end) < get_datetime(row.start)
		]
		if (
			self.summary_max_chars
			and self.summary_min_chars
			and self.summary_max_chars < self.summary_min_chars
		):
			problems.append(_("The summary's maximum length is below its minimum"))
		problems += check_window_states(self)
		problems += [f"{e.field}: {e.message}" for e in NoticeConfig.from_dict(self.as_dict()).parse_errors]
		if problems:
			frappe.throw("<br>".join(problems), title=_("The notice cannot be saved"))
