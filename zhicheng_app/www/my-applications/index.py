"""我的职称申报: the applicant's applications and the notices open for applications."""

from zhicheng_app.i18n import _
from zhicheng_app.services import portal

no_cache = 1


def get_context(context):
	portal.require_login()
	context.title = _("My Title Applications")
	context.show_sidebar = True
	context.applications = portal.my_applications()
	context.notices = portal.open_notices()
	context.page_messages = portal.page_messages()
