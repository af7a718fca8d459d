// Applications by Level: the current campaign's applications the user may read, per level applied for (api/dashboard.py)
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Applications by Level"] = {
	method: "zhicheng_app.api.dashboard.applications_by_level",
	// without a notice: the current campaign's
	filters: [{ fieldname: "notice", label: __("Notice"), fieldtype: "Link", options: "Title Notice" }],
};
