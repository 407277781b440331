import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { messageChoiceFromForm } from '$lib/messages/schema';
import { createAnonClient } from '$lib/server/supabase';
import {
	KINDS,
	coFilerRows,
	inputFromForm,
	validateComplaint,
	valuesFromForm,
	vnToday,
	type ComplaintKind
} from '$lib/complaints/schema';
import { Refusal, submit, units } from '$lib/complaints/server';
import { setReceipt } from '$lib/complaints/server/receipt';
import { listDraft, storeAll } from '$lib/uploads/server';
import { te, tf } from '$lib/complaints/labels';
import {
	capacityLabel,
	contentLabel,
	kindLabel,
	subjectLabel,
	titleLabel,
	translate
} from '$lib/complaints/form-labels';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The form's labels, translated here: the page ships the strings of one language in its data
 * instead of the message functions of both (citizen JavaScript budget, issue 5). Two texts keep a
 * placeholder the page fills in ({n}, {time}).
 */
function formTexts() {
	return {
		app_short_name: m.app_short_name(),
		common_select_placeholder: m.common_select_placeholder(),
		complaints_address_line: m.complaints_address_line(),
		complaints_authorisation: m.complaints_authorisation(),
		complaints_authorisation_hint: m.complaints_authorisation_hint(),
		complaints_capacity_legend: m.complaints_capacity_legend(),
		complaints_case_number: m.complaints_case_number(),
		complaints_cccd: m.complaints_cccd(),
		complaints_cccd_hint: m.complaints_cccd_hint(),
		complaints_consent_label: m.complaints_consent_label(),
		complaints_consent_link: m.complaints_consent_link(),
		complaints_content_hint: m.complaints_content_hint(),
		complaints_decision_date: m.complaints_decision_date(),
		complaints_decision_number: m.complaints_decision_number(),
		complaints_decision_number_hint: m.complaints_decision_number_hint(),
		complaints_denunciation_anonymous: m.complaints_denunciation_anonymous(),
		complaints_denunciation_identity_text: m.complaints_denunciation_identity_text(),
		complaints_denunciation_identity_title: m.complaints_denunciation_identity_title(),
		complaints_draft_clear: m.complaints_draft_clear(),
		complaints_draft_restored: m.complaints_draft_restored(),
		complaints_email: m.complaints_email(),
		complaints_enforcement_officer: m.complaints_enforcement_officer(),
		complaints_enforcement_officer_denunciation: m.complaints_enforcement_officer_denunciation(),
		complaints_err_files: m.complaints_err_files(),
		complaints_files_hint: m.complaints_files_hint(),
		complaints_files_label: m.complaints_files_label(),
		complaints_form_change_kind: m.complaints_form_change_kind(),
		complaints_form_steps_check: m.complaints_form_steps_check(),
		complaints_form_steps_done: m.complaints_form_steps_done(),
		complaints_form_steps_fill: m.complaints_form_steps_fill(),
		complaints_full_name: m.complaints_full_name(),
		complaints_group_add: m.complaints_group_add(),
		complaints_group_checkbox: m.complaints_group_checkbox(),
		complaints_group_hint: m.complaints_group_hint(),
		complaints_group_is_rep: m.complaints_group_is_rep(),
		complaints_learned_on: m.complaints_learned_on(),
		complaints_offline_review_text: m.complaints_offline_review_text(),
		complaints_offline_review_title: m.complaints_offline_review_title(),
		complaints_outbox_sending: m.complaints_outbox_sending(),
		complaints_outbox_state_waiting: m.complaints_outbox_state_waiting(),
		complaints_outbox_waiting: m.complaints_outbox_waiting(),
		complaints_phone: m.complaints_phone(),
		complaints_phone_hint: m.complaints_phone_hint(),
		complaints_province: m.complaints_province(),
		complaints_request: m.complaints_request(),
		complaints_request_hint: m.complaints_request_hint(),
		complaints_review_declaration: m.complaints_review_declaration(),
		complaints_review_edit: m.complaints_review_edit(),
		complaints_review_kind: m.complaints_review_kind(),
		complaints_review_lead: m.complaints_review_lead(),
		complaints_review_none: m.complaints_review_none(),
		complaints_review_submit: m.complaints_review_submit(),
		complaints_review_title: m.complaints_review_title(),
		complaints_section_act: m.complaints_section_act(),
		complaints_section_act_denunciation: m.complaints_section_act_denunciation(),
		complaints_section_act_petition: m.complaints_section_act_petition(),
		complaints_section_consent: m.complaints_section_consent(),
		complaints_section_content: m.complaints_section_content(),
		complaints_section_filer: m.complaints_section_filer(),
		complaints_section_files: m.complaints_section_files(),
		complaints_section_group: m.complaints_section_group(),
		complaints_section_represented: m.complaints_section_represented(),
		complaints_send_receipt_label: m.complaints_send_receipt_label(),
		complaints_subject_label: m.complaints_subject_label(),
		complaints_to_review: m.complaints_to_review(),
		complaints_unit: m.complaints_unit(),
		complaints_unit_hint: m.complaints_unit_hint(),
		complaints_via_rep_legend: m.complaints_via_rep_legend(),
		complaints_via_rep_no: m.complaints_via_rep_no(),
		complaints_via_rep_yes: m.complaints_via_rep_yes(),
		complaints_ward: m.complaints_ward(),
		complaints_ward_hint: m.complaints_ward_hint(),
		complaints_draft_saved: m.complaints_draft_saved({ time: '{time}' }),
		complaints_group_person: m.complaints_group_person({ n: '{n}' })
	};
}

export const load: PageServerLoad = async ({ url, request }) => {
	// The labels below are in the URL's language: reading the pathname makes SvelteKit rerun this
	// load when only the language prefix changes.
	void url.pathname;
	const k = url.searchParams.get('loai');
	const chosen = KINDS.includes(k as ComplaintKind);
	// Nothing is chosen for the citizen (issue 18.3): "Tiếp tục" without a kind goes back to the
	// question with its error. A posted form (`?/review`, no `loai`) carries its kind itself.
	if (!chosen && request.method === 'GET') redirect(303, localizeHref('/gui-don?chua-chon=1'));
	const kind: ComplaintKind = chosen ? (k as ComplaintKind) : 'complaint';
	return {
		kind,
		units: (await units()).map((u) => ({
			value: u.id,
			label: u.name,
			province: u.province_name,
			level: u.level
		})),
		// Fresh keys for this form; a returned form keeps its own (hidden inputs).
		draftKey: randomUUID(),
		idempotencyKey: randomUUID(),
		today: vnToday(),
		t: formTexts(),
		labels: {
			kind: translate(kindLabel),
			capacity: translate(capacityLabel),
			subject: translate(subjectLabel),
			title: translate(titleLabel),
			content: translate(contentLabel)
		}
	};
};

/** Store files posted without JavaScript under the draft key; the values keep the key. */
async function withFiles(fd: FormData) {
	const values = valuesFromForm(fd);
	// The message channels and language, carried as one field between the steps.
	values.messages = messageChoiceFromForm(fd);
	delete values.msg_channel;
	delete values.msg_lang;
	delete values.msg_shown;
	if (!UUID.test(values.draft_key ?? '')) values.draft_key = randomUUID();
	if (!UUID.test(values.idempotency_key ?? '')) values.idempotency_key = randomUUID();
	const posted = fd.getAll('files').filter((f): f is File => f instanceof File && f.size > 0);
	const { problems } = posted.length
		? await storeAll(posted, { ownerKind: 'complaint', draftKey: values.draft_key })
		: { problems: [] };
	const files = await listDraft('complaint', values.draft_key!);
	return { values, files, problems };
}

/** Error texts are translated here, so the page does not ship the message table. */
const texts = (errors: Record<string, string>) =>
	Object.fromEntries(
		Object.entries(errors).map(([k, v]) => [k, v.startsWith('complaints_error_') ? te(v) : tf(v)])
	);

function refused(
	values: Record<string, string>,
	files: unknown[],
	errors: Record<string, string>,
	problems: unknown[] = []
) {
	return fail(400, {
		values,
		files,
		errors,
		errorTexts: texts(errors),
		problems,
		review: false as const
	});
}

export const actions: Actions = {
	/** Step 1 → "check your answers". */
	review: async ({ request }) => {
		const fd = await request.formData();
		const { values, files, problems } = await withFiles(fd);
		fd.set('draft_key', values.draft_key!);
		const v = validateComplaint(inputFromForm(fd));
		if (!v.ok || problems.length) {
			return refused(values, files, v.ok ? {} : v.errors, problems);
		}
		// The review shows the dates the boxes make up.
		values.learned_on = v.data.learned_on ?? '';
		values.decision_date = v.data.decision_date ?? '';
		return { values, files, errors: {}, problems, review: true as const };
	},

	/** Back from the review to the form, with everything kept. */
	edit: async ({ request }) => {
		const fd = await request.formData();
		const { values, files } = await withFiles(fd);
		return { values, files, errors: {}, problems: [], review: false as const };
	},

	/** One more co-filer row (the no-JS way to grow the list). */
	addPerson: async ({ request }) => {
		const fd = await request.formData();
		const { values, files } = await withFiles(fd);
		values.is_group = 'yes';
		values.co_count = String(coFilerRows(fd) + 1);
		return {
			values,
			files,
			errors: {},
			problems: [],
			review: false as const,
			focus: `co_full_name_${coFilerRows(fd)}`
		};
	},

	/** Send. Idempotent: a repeated post (double click, reload) gives the same code. */
	submit: async ({ request, cookies }) => {
		const fd = await request.formData();
		const { values, files } = await withFiles(fd);
		fd.set('draft_key', values.draft_key!);
		const v = validateComplaint(inputFromForm(fd));
		if (!v.ok) return refused(values, files, v.errors);
		try {
			const r = await submit(
				v.data,
				values.idempotency_key!,
				createAnonClient(values.messages ? { 'x-thads-messages': values.messages } : undefined)
			);
			setReceipt(cookies, {
				code: r.code,
				secret: r.secret,
				accept_due: r.accept_due,
				kind: v.data.kind,
				subject: v.data.subject
			});
		} catch (e) {
			const code = e instanceof Refusal ? e.code : 'generic';
			if (code.startsWith('invalid_') && code !== 'invalid_transition') {
				const field = code.slice('invalid_'.length).replace(/\./g, '_');
				return refused(values, files, {
					[field === 'filer_identity' ? 'filer_cccd' : field]: 'complaints_error_invalid_input'
				});
			}
			return fail(code === 'rate_limited' ? 429 : 500, {
				values,
				files,
				errors: {},
				problems: [],
				review: true as const,
				formError: te(`complaints_error_${code}`)
			});
		}
		redirect(303, localizeHref('/gui-don/xac-nhan'));
	}
};
