// Fee Payments: the filters the bureau's reports share (public/js/bureau_reports.js); each
// committee's total row in bold
frappe.query_reports["Fee Payments"] = {
	filters: zhicheng.bureau_report_filters(),
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.is_total ? `<b>${value}</b>` : value;
	},
};
