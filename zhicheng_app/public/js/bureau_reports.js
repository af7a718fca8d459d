// The filters the bureau's reports share (申报情况汇总, 缴费情况, 申报人名册): notice, state, unit,
// region, route and level. Route and level offer the stored values of Title Application's Select
// fields with their zh labels (a unit test compares them with the DocType's options).
frappe.provide("zhicheng");

zhicheng.REPORT_ROUTES = [
	"Directed Evaluation",
	"Private Enterprise Special",
	"Autonomous Region Evaluation",
	"Grant by Degree",
	"Initial Junior",
	"Township Initial Intermediate",
	"Fanghuiju Three-Year Promotion",
];
zhicheng.REPORT_LEVELS = ["Full Senior", "Deputy Senior", "Intermediate", "Assistant", "Entry"];

zhicheng.bureau_report_filters = function () {
	const choices = (values) => [""].concat(values.map((value) => ({ value, label: __(value) })));
	return [
		{ fieldname: "notice", label: __("Notice"), fieldtype: "Link", options: "Title Notice" },
		{
			fieldname: "workflow_state",
			label: __("Workflow State"),
			fieldtype: "Link",
			options: "Workflow State",
		},
		{
			fieldname: "employer_unit",
			label: __("Employer Unit"),
			fieldtype: "Link",
			options: "Employer Unit",
		},
		{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "Region" },
		{
			fieldname: "route",
			label: __("Route"),
			fieldtype: "Select",
			options: choices(zhicheng.REPORT_ROUTES),
		},
		{
			fieldname: "target_level",
			label: __("Target Level"),
			fieldtype: "Select",
			options: choices(zhicheng.REPORT_LEVELS),
		},
	];
};
