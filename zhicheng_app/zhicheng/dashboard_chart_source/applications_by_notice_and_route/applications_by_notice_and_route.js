// Applications by Notice and Route: the current campaign's applications the user may read (api/dashboard.py)
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Applications by Notice and Route"] = {
	method: "zhicheng_app.api.dashboard.applications_by_notice_and_route",
	// without a notice: the current campaign's
	filters: [{ fieldname: "notice", label: __("Notice"), fieldtype: "Link", options: "Title Notice" }],
};
