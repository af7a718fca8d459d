"""Frappe's Notification, sending its e-mail only where the site can send mail.

Without an outgoing Email Account, Frappe's Notification asks for one each time it would send an
e-mail: the request pops up for whoever made the change (a committee officer returning a file),
and nothing is sent. Here such a notification sends no e-mail and says nothing; its in-app
notification (a separate record of the same event) is unaffected.
"""

from frappe.email.doctype.notification.notification import Notification

from zhicheng_app.services import notifications


class MailAwareNotification(Notification):
	def send_an_email(self, doc, context):
		if notifications.outgoing_mail_configured():
			super().send_an_email(doc, context)
