// A county bureau's 公示情况报告 and 呈报表 of its county (阿地人社传〔2024〕6号 四、（二）2), on the
// notice's form: generated on the server for the bureau's own counties only, and downloaded.

frappe.ui.form.on("Title Notice", {
	refresh(frm) {
		if (frm.is_new() || !frappe.user.has_role("County HRSS Officer")) return;
		frm.add_custom_button(__("County Paper Materials"), () => zhicheng_county_paper(frm), __("Documents"));
	},
});

async function zhicheng_county_paper(frm) {
	const { message: options } = await frappe.call({ method: "zhicheng_app.api.documents.county_paper_options" });
	if (!options.counties.length) {
		frappe.msgprint(__("Your account answers for no county"));
		return;
	}
	const dialog = new frappe.ui.Dialog({
		title: __("County Paper Materials"),
		fields: [
			{
				fieldname: "region",
				fieldtype: "Select",
				label: __("County"),
				reqd: 1,
				options: options.counties.map((c) => ({ label: c.region_name, value: c.name })),
				default: options.counties[0].name,
			},
			{
				fieldname: "document",
				fieldtype: "Select",
				label: __("Document to Generate"),
				reqd: 1,
				options: options.documents.map((d) => ({ label: d.title, value: d.document })),
				default: options.documents[0].document,
			},
			{
				fieldname: "file_format",
				fieldtype: "Select",
				label: __("Document Format"),
				options: [
					{ label: "Word", value: "docx" },
					{ label: "PDF", value: "pdf" },
				],
				default: "docx",
			},
		],
		primary_action_label: __("Generate and Download"),
		primary_action(values) {
			dialog.hide();
			open_url_post("/api/method/zhicheng_app.api.documents.download_county_paper", {
				...values,
				notice: frm.doc.name,
			});
		},
	});
	dialog.show();
}
