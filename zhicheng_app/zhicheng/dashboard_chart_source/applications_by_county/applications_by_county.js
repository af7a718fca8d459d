// Applications by County: the current campaign's applications the user may read, per county, the 地直 units apart (api/dashboard.py)
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Applications by County"] = {
	method: "zhicheng_app.api.dashboard.applications_by_county",
	// without a notice: the current campaign's
	filters: [{ fieldname: "notice", label: __("Notice"), fieldtype: "Link", options: "Title Notice" }],
};
