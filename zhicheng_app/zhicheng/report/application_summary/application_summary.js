// Application Summary: the filters the bureau's reports share (public/js/bureau_reports.js)
frappe.query_reports["Application Summary"] = {
	filters: zhicheng.bureau_report_filters(),
};
