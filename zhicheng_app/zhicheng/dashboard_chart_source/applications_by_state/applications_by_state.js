// Applications by State: the current campaign's applications the user may read (api/dashboard.py)
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Applications by State"] = {
	method: "zhicheng_app.api.dashboard.applications_by_state",
	// without a notice: the current campaign's
	filters: [{ fieldname: "notice", label: __("Notice"), fieldtype: "Link", options: "Title Notice" }],
};
