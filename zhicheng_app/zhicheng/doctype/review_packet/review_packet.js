// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// A review expert votes on the packet here: one row of buttons per open meeting that has the packet
// on its agenda (同意 / 不同意 / 弃权, and the defense score where the meeting records scores).
frappe.ui.form.on("Review Packet", {
	refresh(frm) {
		if (!frappe.user.has_role("Review Expert") || frm.is_new()) return;
		frappe
			.call("zhicheng_app.services.review_meeting.my_ballots", { packet: frm.doc.name })
			.then((r) => (r.message || []).forEach((ballot) => zhicheng_ballot(frm, ballot)));
	},
});

function zhicheng_ballot(frm, ballot) {
	const group = __("My Ballot") + " · " + ballot.meeting_title;
	if (ballot.recused) {
		frm.dashboard.set_headline_alert(__("You withdraw from this packet (回避) and do not vote on it"), "orange");
		return;
	}
	if (!ballot.present) return;
	if (ballot.vote) {
		frm.dashboard.set_headline_alert(__("Your vote: {0}", [__(ballot.vote)]), "blue");
	}
	const cast = (vote, score) =>
		frappe
			.call({
				method: "zhicheng_app.services.review_meeting.cast_vote",
				type: "POST",
				args: { meeting: ballot.meeting, packet: ballot.packet, vote, score },
			})
			.then(() => {
				frappe.show_alert({ message: __("Vote recorded"), indicator: "green" });
				frm.refresh();
			});
	["Agree", "Disagree", "Abstain"].forEach((vote) => {
		frm.add_custom_button(
			__(vote),
			() => {
				if (!ballot.record_scores) return cast(vote);
				frappe.prompt(
					{ fieldname: "score", fieldtype: "Float", label: __("Score (0–100)"), default: ballot.score },
					(values) => cast(vote, values.score),
					__("Vote {0}", [__(vote)])
				);
			},
			group
		);
	});
}
