// Deadline Risk: the bureau's shared filters and how many days ahead to look
frappe.query_reports["Deadline Risk"] = {
	filters: zhicheng.bureau_report_filters().concat([
		{ fieldname: "within_days", label: __("Within Days"), fieldtype: "Int", default: 7 },
	]),
};
