// Applications by Committee: the current campaign's applications the user may read, per evaluation committee (api/dashboard.py)
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Applications by Committee"] = {
	method: "zhicheng_app.api.dashboard.applications_by_committee",
	// without a notice: the current campaign's
	filters: [{ fieldname: "notice", label: __("Notice"), fieldtype: "Link", options: "Title Notice" }],
};
