// Applicant Roster: the filters the bureau's reports share (public/js/bureau_reports.js)
frappe.query_reports["Applicant Roster"] = {
	filters: zhicheng.bureau_report_filters(),
};
