import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import {
	KINDS,
	coFilerRows,
	inputFromForm,
	validateComplaint,
	valuesFromForm,
	vnToday,
	type ComplaintKind
} from '$lib/complaints/schema';
import { ComplaintError, submit, units } from '$lib/complaints/server';
import { setReceipt } from '$lib/complaints/server/receipt';
import { listDraft, storeAll } from '$lib/uploads/server';
import { te, tf } from '$lib/complaints/labels';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ url }) => {
	const k = url.searchParams.get('loai');
	const kind: ComplaintKind = KINDS.includes(k as ComplaintKind)
		? (k as ComplaintKind)
		: 'complaint';
	return {
		kind,
		units: (await units()).map((u) => ({ value: u.id, label: u.name, province: u.province_name })),
		// Fresh keys for this form; a returned form keeps its own (hidden inputs).
		draftKey: randomUUID(),
		idempotencyKey: randomUUID(),
		today: vnToday()
	};
};

/** Store files posted without JavaScript under the draft key; the values keep the key. */
async function withFiles(fd: FormData) {
	const values = valuesFromForm(fd);
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
			const r = await submit(v.data, values.idempotency_key!);
			setReceipt(cookies, {
				code: r.code,
				secret: r.secret,
				accept_due: r.accept_due,
				kind: v.data.kind,
				subject: v.data.subject
			});
		} catch (e) {
			const code = e instanceof ComplaintError ? e.code : 'generic';
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
