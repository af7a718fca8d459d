# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from zhicheng_app.roles import APPLICANT
from zhicheng_app.rules.identity import check_resident_id
from zhicheng_app.rules.review_route import review_switches
from zhicheng_app.rules.summary import count_chars
from zhicheng_app.services.editability import check_editable, check_fixed_after_submission
from zhicheng_app.services.precheck import id_number_of_another_account, notice_config
from zhicheng_app.services.transitions import on_transition


class TitleApplication(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from zhicheng_app.zhicheng.doctype.application_achievement.application_achievement import (
			ApplicationAchievement,
		)
		from zhicheng_app.zhicheng.doctype.application_assessment.application_assessment import (
			ApplicationAssessment,
		)
		from zhicheng_app.zhicheng.doctype.application_attachment.application_attachment import (
			ApplicationAttachment,
		)
		from zhicheng_app.zhicheng.doctype.application_continuing_education.application_continuing_education import (
			ApplicationContinuingEducation,
		)
		from zhicheng_app.zhicheng.doctype.application_education.application_education import (
			ApplicationEducation,
		)
		from zhicheng_app.zhicheng.doctype.application_grassroots_service.application_grassroots_service import (
			ApplicationGrassrootsService,
		)
		from zhicheng_app.zhicheng.doctype.application_return.application_return import ApplicationReturn
		from zhicheng_app.zhicheng.doctype.application_work_history.application_work_history import (
			ApplicationWorkHistory,
		)

		achievements: DF.Table[ApplicationAchievement]
		aid_posting_end: DF.Date | None
		aid_report_date: DF.Date | None
		aid_serving: DF.Check
		aid_staff: DF.Check
		applicant_name: DF.Data
		applicant_user: DF.Link | None
		assessments: DF.Table[ApplicationAssessment]
		attachments: DF.Table[ApplicationAttachment]
		birth_date: DF.Date | None
		ce_exemption: DF.Check
		ce_exemption_reason: DF.SmallText | None
		certificate_no: DF.Data | None
		certified_at: DF.Datetime | None
		certified_by: DF.Link | None
		closed_at: DF.Datetime | None
		closed_reason: DF.SmallText | None
		commitment_signed: DF.Check
		confirmed_at: DF.Datetime | None
		confirmed_by: DF.Link | None
		continuing_education: DF.Table[ApplicationContinuingEducation]
		county_paper_submitted_at: DF.Datetime | None
		current_level: DF.Literal["", "Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]
		current_title: DF.Link | None
		current_title_date: DF.Date | None
		current_title_origin: DF.Literal["", "Xinjiang", "Bingtuan", "Other Region"]
		defense_at: DF.Datetime | None
		defense_exempt: DF.Check
		defense_online: DF.Check
		defense_required: DF.Check
		defense_result: DF.Literal["", "Passed", "Failed"]
		defense_score: DF.Float
		defense_score_averaged: DF.Check
		defense_session: DF.Link | None
		education: DF.Table[ApplicationEducation]
		employer_unit: DF.Link
		employment_status: DF.Literal["Serving", "Retired"]
		ethnicity: DF.Data | None
		evaluation_result: DF.Literal["", "Passed", "Failed"]
		exam_evaluation: DF.Check
		exam_name: DF.Data | None
		exam_passed: DF.Check
		exam_score: DF.Float
		exam_year: DF.Int
		fee_amount: DF.Currency
		fee_paid_at: DF.Datetime | None
		fee_recorded_by: DF.Link | None
		first_time_private: DF.Check
		first_work_date: DF.Date | None
		gender: DF.Literal["", "Male", "Female"]
		grassroots_service: DF.Table[ApplicationGrassrootsService]
		has_certificate: DF.Check
		has_evaluation_form: DF.Check
		has_qualification_document: DF.Check
		id_number: DF.Data
		last_submitted_at: DF.Datetime | None
		mobile: DF.Data | None
		module: DF.Data | None
		naming_series: DF.Literal["ZC-.YYYY.-.#####"]
		not_confirmed_reason: DF.SmallText | None
		notice: DF.Link
		occupation: DF.Literal[
			"Other Occupation",
			"Broadcaster or Host",
			"Chinese-language Broadcaster or Host",
			"School Teacher",
			"Chinese-language Teacher",
		]
		paper_received_at: DF.Datetime | None
		paper_received_by: DF.Link | None
		paper_submitted_at: DF.Datetime | None
		paper_submitted_by: DF.Link | None
		personal_summary: DF.LongText | None
		personnel_agency_filed: DF.Check
		political_status: DF.Literal[
			"", "CPC Member", "CPC Probationary Member", "CYL Member", "Democratic Party Member", "Masses"
		]
		position: DF.Data | None
		profession: DF.Link | None
		professional_start_date: DF.Date | None
		publicity_end: DF.Date | None
		publicity_notes: DF.SmallText | None
		publicity_objection: DF.Check
		publicity_start: DF.Date | None
		putonghua_level: DF.Literal[
			"No Certificate", "Level 3 B", "Level 3 A", "Level 2 B", "Level 2 A", "Level 1 B", "Level 1 A"
		]
		qualification_document: DF.Link | None
		qualification_document_no: DF.Data | None
		region: DF.Link | None
		republicity_end: DF.Date | None
		republicity_notes: DF.SmallText | None
		republicity_objection: DF.Check
		republicity_start: DF.Date | None
		resubmit_deadline: DF.Datetime | None
		results_publicity_by: DF.Link | None
		results_publicity_end: DF.Date | None
		results_publicity_start: DF.Date | None
		return_count: DF.Int
		return_reasons: DF.SmallText | None
		returns: DF.Table[ApplicationReturn]
		review_passed_at: DF.Datetime | None
		revocation_document_no: DF.Data | None
		revocation_for_fraud: DF.Check
		revocation_reason: DF.SmallText | None
		revoked_at: DF.Datetime | None
		revoked_by: DF.Link | None
		route: DF.Literal[
			"Directed Evaluation",
			"Private Enterprise Special",
			"Autonomous Region Evaluation",
			"Grant by Degree",
			"Initial Junior",
			"Township Initial Intermediate",
			"Fanghuiju Three-Year Promotion",
		]
		sanction: DF.Link | None
		series: DF.Link
		skill_integration: DF.Check
		skill_level: DF.Literal["", "Senior Worker", "Technician", "Senior Technician"]
		skill_level_date: DF.Date | None
		submission_count: DF.Int
		summary_chars: DF.Int
		supervising_unit: DF.Link | None
		target_level: DF.Literal["Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"]
		target_title: DF.Link | None
		to_committee_review: DF.Check
		to_county_confirmation: DF.Check
		to_county_review: DF.Check
		to_employment_service_review: DF.Check
		to_prefecture_confirmation: DF.Check
		to_supervising_review: DF.Check
		transferred_from_agency: DF.Check
		unit_location: DF.Data | None
		unit_ownership: DF.Data | None
		via_employment_service: DF.Check
		via_supervising_unit: DF.Check
		work_history: DF.Table[ApplicationWorkHistory]
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.set_applicant_user()
		check_fixed_after_submission(self)
		self.validate_identity()
		self.set_unit_and_chain_facts()
		self.summary_chars = count_chars(self.personal_summary or "", self._summary_count_mode())
		self.on_state_change()

	def set_applicant_user(self):
		# validate, not before_insert: Frappe resets fields of higher permission levels after before_insert
		if self.is_new() and not self.applicant_user and APPLICANT in frappe.get_roles():
			self.applicant_user = frappe.session.user

	def set_unit_and_chain_facts(self):
		"""What decides who reviews the application comes from the unit and the notice records,
		never from the request (``rules.review_route``)."""
		unit = frappe.db.get_value(
			"Employer Unit",
			self.employer_unit,
			["region", "supervising_unit", "ownership", "location"],
			as_dict=True,
		)
		if not unit:
			frappe.throw(_("The employer unit {0} does not exist").format(self.employer_unit))
		self.region, self.supervising_unit = unit.region, unit.supervising_unit
		self.unit_ownership, self.unit_location = unit.ownership, unit.location
		chain = frappe.db.get_value(
			"Title Notice",
			self.notice,
			["chain_private_via_employment_service", "chain_via_supervising_unit"],
			as_dict=True,
		)
		if not chain:
			frappe.throw(_("The notice {0} does not exist").format(self.notice))
		self.via_employment_service = chain.chain_private_via_employment_service
		self.via_supervising_unit = chain.chain_via_supervising_unit
		# the switches the workflow's Recommend transitions out of Unit Review test; Frappe
		# evaluates them on the stored application, so they are stored with every save
		self.update(
			review_switches(
				self.route,
				self.unit_location,
				self.supervising_unit,
				self.via_employment_service,
				self.via_supervising_unit,
			)
		)

	def validate_identity(self):
		result = check_resident_id(self.id_number)
		if not result.ok:
			frappe.throw(result.error, title=_("Invalid Resident ID Number"))
		self.id_number = result.normalized
		if id_number_of_another_account(self.id_number, self.applicant_user):
			frappe.throw(
				_(
					"This resident ID number is already used by the applications of another account; check it, or ask the committee office if it is yours"
				),
				title=_("Invalid Resident ID Number"),
			)
		self.birth_date = result.birth_date
		self.gender = result.gender

	def _summary_count_mode(self) -> str:
		if not self.notice:  # links are validated before validate runs
			return "Non-whitespace"
		return notice_config(self.notice).summary_count_mode or "Non-whitespace"

	def on_state_change(self):
		"""Guards and records of a workflow transition; editability of the current state."""
		before = self.get_doc_before_save()
		if not before:
			return
		if self.workflow_state != before.workflow_state:
			check_editable(self, before.workflow_state)
			on_transition(self, before.workflow_state, self.workflow_state)
		else:
			check_editable(self)
