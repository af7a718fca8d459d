app_name = "zhicheng_app"
app_title = "职称申报"
app_publisher = "zhicheng_app developers"
app_description = "Professional-title (职称) application campaigns for Xinjiang"
app_email = "dev@zhicheng.invalid"
app_license = "mit"

export_python_type_annotations = True

# Installation
# ------------
before_install = "zhicheng_app.install.before_install"
after_install = "zhicheng_app.install.after_install"
after_migrate = "zhicheng_app.install.after_migrate"
before_uninstall = "zhicheng_app.install.before_uninstall"

# Permissions
# -----------
# One scope for an application and every record that carries its data (permissions.py). A row
# of a child table is checked on its parent document (zhicheng/application_row.py).
from zhicheng_app.permissions import APPLICATION_CHILD_DOCTYPES, REFERENCING_DOCTYPES  # noqa: E402

permission_query_conditions = {
	"Title Application": "zhicheng_app.permissions.application_query_conditions",
	**{dt: "zhicheng_app.permissions.child_query_conditions" for dt in APPLICATION_CHILD_DOCTYPES},
	**{dt: "zhicheng_app.permissions.referencing_query_conditions" for dt in REFERENCING_DOCTYPES},
	"Generated Document": "zhicheng_app.permissions.generated_document_query_conditions",
	"User": "zhicheng_app.permissions.user_query_conditions",
	"Publicity Objection": "zhicheng_app.services.publicity_objections.query_conditions",
	"Unit Registration": "zhicheng_app.services.unit_registration.query_conditions",
	"Committee Scope": "zhicheng_app.permissions.committee_scope_query_conditions",
	"Fee Payment": "zhicheng_app.permissions.fee_payment_query_conditions",
	"Review Packet": "zhicheng_app.services.review_packets.packet_query_conditions",
	"Review Packet Source": "zhicheng_app.services.review_packets.source_query_conditions",
	"Review Meeting": "zhicheng_app.services.review_meeting.meeting_query_conditions",
	"Review Vote": "zhicheng_app.services.review_meeting.vote_query_conditions",
	**{
		dt: "zhicheng_app.services.review_packets.packet_child_query_conditions"
		for dt in ("Review Packet Achievement", "Review Packet Material")
	},
	**{
		dt: "zhicheng_app.services.review_meeting.meeting_child_query_conditions"
		for dt in ("Review Meeting Expert", "Review Meeting Packet", "Review Meeting Recusal")
	},
	"Defense Session": "zhicheng_app.services.defense.query_conditions",
	"Defense Session Application": "zhicheng_app.services.defense.row_query_conditions",
	"Defense Panel Member": "zhicheng_app.services.defense.row_query_conditions",
	"Material Redaction": "zhicheng_app.services.masking.query_conditions",
}
# a review packet's files and comments: only for those who read the packet
for _doctype in ("File", "Comment"):
	permission_query_conditions[_doctype] = [
		permission_query_conditions[_doctype],
		"zhicheng_app.services.review_packets.file_query_conditions",
	]
has_permission = {
	"Title Application": "zhicheng_app.permissions.application_has_permission",
	**{dt: "zhicheng_app.permissions.referencing_has_permission" for dt in REFERENCING_DOCTYPES},
	"Generated Document": "zhicheng_app.permissions.generated_document_has_permission",
	"User": "zhicheng_app.permissions.user_has_permission",
	"Publicity Objection": "zhicheng_app.services.publicity_objections.has_permission",
	"Unit Registration": "zhicheng_app.services.unit_registration.has_permission",
	"Fee Payment": "zhicheng_app.permissions.fee_payment_has_permission",
	"Review Packet": "zhicheng_app.services.review_packets.packet_has_permission",
	"Review Packet Source": "zhicheng_app.services.review_packets.source_has_permission",
	"Review Meeting": "zhicheng_app.services.review_meeting.meeting_has_permission",
	"Review Vote": "zhicheng_app.services.review_meeting.vote_has_permission",
	"Defense Session": "zhicheng_app.services.defense.has_permission",
	"Material Redaction": "zhicheng_app.services.masking.has_permission",
}

# uploads to an application are checked before Frappe stores them (overrides/file.py)
override_doctype_class = {
	"File": "zhicheng_app.overrides.file.ApplicationAwareFile",
	"Notification": "zhicheng_app.overrides.notification.MailAwareNotification",
}

# Frappe's own whitelisted methods whose permission checks are missing
override_whitelisted_methods = {
	"frappe.client.get_count": "zhicheng_app.overrides.client.get_count",
}

# Document events
# ---------------
doc_events = {
	"Title Application": {
		"on_update": [
			"zhicheng_app.services.notifications.notify_next_actors",
			# 已接收材料 and 不予确认: the applicant is told (services/reminders.py), once
			"zhicheng_app.services.reminders.on_application_update",
			# the committee's acceptance queues the application's review packet
			"zhicheng_app.services.review_packets.on_application_update",
			# blind review: each uploaded image gets its masking proposal (services/masking.py)
			"zhicheng_app.services.masking.sync_redactions",
		],
		# its fee payments, sent-notification log and redactions go with it
		"on_trash": "zhicheng_app.services.application_records.delete_with_application",
		# the publicity objection flag stays set while an objection stands (Publicity Objection)
		"before_validate": "zhicheng_app.services.publicity_objections.keep_objection_flag",
	},
	# a changed redaction rebuilds the review packet that carries it
	"Material Redaction": {"on_update": "zhicheng_app.services.review_packets.on_redaction_update"},
}

# Portal
# ------
# Applicants and employer units work in the portal: the applicant's applications (我的职称申报);
# the unit's applications, publicity, documents and decisions
portal_menu_items = [
	{"title": "My Title Applications", "route": "/my-applications", "role": "Title Applicant"},
	{"title": "Unit Applications", "route": "/unit-applications", "role": "Unit HR"},
]
# applicants land on their applications after logging in, a unit's HR on the unit's
role_home_page = {"Title Applicant": ["my-applications"], "Unit HR": ["unit-applications"]}
website_route_rules = [{"from_route": "/my-applications/<name>", "to_route": "my-applications/application"}]

# Desk
# ----
doctype_js = {
	"Workflow": "public/js/workflow.js",
	# the committee office builds a notice's review packets from its form (review_packets.js)
	"Title Notice": ["public/js/county_paper.js", "public/js/review_packets.js"],
}
# the desk's batch documents (progress, done, failed), shared by the unit's and the notice's forms;
# what the desk shows outside its translated strings (a time zone, an empty value) in the user's language
# the filters shared by the bureau's reports (zhicheng/report/)
app_include_js = [
	"/assets/zhicheng_app/js/batch_documents.js",
	"/assets/zhicheng_app/js/desk_language.js",
	"/assets/zhicheng_app/js/bureau_reports.js",
]

# Scheduled jobs
# --------------
scheduler_events = {
	"hourly": [
		"zhicheng_app.services.deadlines.close_overdue_applications",
		"zhicheng_app.services.reminders.send_deadline_reminders",
	],
}

# Input checks and error responses
# --------------------------------
# Values written to the app's DocTypes are checked for type, range and size before the
# controllers read them (services/input_checks.py); REST writes are checked before Frappe builds
# the document, oversized bodies are refused, and only System Managers see tracebacks
# (services/request_guard.py).
doc_events.setdefault("*", {})["before_validate"] = "zhicheng_app.services.input_checks.check_document"
before_request = ["zhicheng_app.services.request_guard.before_request"]
after_request = ["zhicheng_app.services.request_guard.after_request"]
