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
permission_query_conditions = {
	"Title Application": "zhicheng_app.permissions.application_query_conditions",
}
has_permission = {
	"Title Application": "zhicheng_app.permissions.application_has_permission",
}

# Document events
# ---------------
doc_events = {
	"Title Application": {"on_update": "zhicheng_app.services.notifications.notify_next_actors"},
}

# Desk
# ----
doctype_js = {"Workflow": "public/js/workflow.js"}

# Scheduled jobs
# --------------
scheduler_events = {
	"hourly": ["zhicheng_app.services.deadlines.close_overdue_applications"],
}
