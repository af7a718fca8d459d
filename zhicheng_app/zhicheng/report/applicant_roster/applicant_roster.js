// Applicant Roster: the filters the bureau's reports share (public/js/bureau_reports.js), and the
// roster grouped as the 公示情况报告 (阿地人社传〔2024〕6号 附件4) with its counts
frappe.query_reports["Applicant Roster"] = {
	filters: zhicheng.bureau_report_filters().concat([
		{
			fieldname: "group_as_publicity_report",
			label: __("Group as the Publicity Situation Report"),
			fieldtype: "Check",
		},
	]),
};
