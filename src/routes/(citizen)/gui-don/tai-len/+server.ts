/**
 * Citizen uploads for a complaint draft (JS path of FileUploader): POST multipart {draft_key,
 * file} → the stored row; GET ?draft_key → the draft's files; DELETE ?id&draft_key → remove one.
 * The draft key is an unguessable UUID known only to the citizen's device.
 */
import { json } from '@sveltejs/kit';
import { UploadError, listDraft, removeDraft, store } from '$lib/uploads/server';
import { readForm } from '$lib/server/request-body';
import type { RequestHandler } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const POST: RequestHandler = async ({ request }) => {
	const { form: fd, error } = await readForm(request);
	if (error === 'too_big') return json({ error }, { status: 413 });
	const draftKey = String(fd?.get('draft_key') ?? '');
	const file = fd?.get('file');
	if (!UUID.test(draftKey) || !(file instanceof File))
		return json({ error: 'invalid_input' }, { status: 400 });
	try {
		return json(await store({ file, ownerKind: 'complaint', draftKey }), { status: 201 });
	} catch (e) {
		const code = e instanceof UploadError ? e.code : 'storage';
		return json(
			{ error: code },
			{ status: code === 'storage' ? 503 : code === 'too_big' ? 413 : 400 }
		);
	}
};

export const GET: RequestHandler = async ({ url }) => {
	const draftKey = url.searchParams.get('draft_key') ?? '';
	if (!UUID.test(draftKey)) return json([], { status: 400 });
	return json(await listDraft('complaint', draftKey));
};

export const DELETE: RequestHandler = async ({ url }) => {
	const id = url.searchParams.get('id') ?? '';
	const draftKey = url.searchParams.get('draft_key') ?? '';
	if (!UUID.test(id) || !UUID.test(draftKey))
		return json({ error: 'invalid_input' }, { status: 400 });
	return json({ removed: await removeDraft(id, draftKey) });
};
