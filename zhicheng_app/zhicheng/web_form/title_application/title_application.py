from zhicheng_app.services.portal import web_form_context


def get_context(context):
	web_form_context(context)
