// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// What Frappe's desk shows outside of its translated strings, in the user's language.

// A Datetime field names its time zone under the value: in words ("北京时间"), not its identifier
frappe.ui.form.ControlDatetime.prototype.get_user_time_zone = function () {
	const zone = frappe.boot.time_zone ? frappe.boot.time_zone.user : frappe.sys_defaults.time_zone;
	return zone ? __(zone) : zone;
};

// The timeline shows a value that was empty before a change as "" (Frappe would print "null")
const zhicheng_html2text = frappe.utils.html2text;
frappe.utils.html2text = function (html) {
	return html === null || html === undefined ? "" : zhicheng_html2text.call(this, html);
};
