/**
 * The JS path of FileUploader, one endpoint per kind of draft (a complaint, an application):
 * POST multipart {draft_key, file} → the stored row (201); GET ?draft_key → the draft's files;
 * DELETE ?id&draft_key → remove one. The draft key is an unguessable UUID known only to the
 * citizen's device. Refusals: 413 too big (the uploader names the file and the 10 MB limit),
 * 400 bad input or type, 503 storage; `guard` may refuse first (e.g. a procedure not online).
 */
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { readForm } from '$lib/server/request-body';
import { UploadError, listDraft, removeDraft, store } from './index';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface DraftEndpoint {
	/** attachments.owner_kind of the draft's files. */
	ownerKind: string;
	/** Max files per draft (store()'s default otherwise). */
	maxFiles?: number;
	/** A refusal before the upload is read, or null to go on. */
	guard?: (event: RequestEvent) => Promise<Response | null>;
}

export function draftUploadEndpoint({ ownerKind, maxFiles, guard }: DraftEndpoint) {
	const POST: RequestHandler = async (event) => {
		const refused = await guard?.(event);
		if (refused) return refused;
		const { form: fd, error } = await readForm(event.request);
		if (error === 'too_big') return json({ error }, { status: 413 });
		const draftKey = String(fd?.get('draft_key') ?? '');
		const file = fd?.get('file');
		if (!UUID.test(draftKey) || !(file instanceof File))
			return json({ error: 'invalid_input' }, { status: 400 });
		try {
			return json(await store({ file, ownerKind, draftKey, maxFiles }), { status: 201 });
		} catch (e) {
			const code = e instanceof UploadError ? e.code : 'storage';
			return json(
				{ error: code },
				{ status: code === 'storage' ? 503 : code === 'too_big' ? 413 : 400 }
			);
		}
	};

	const GET: RequestHandler = async ({ url }) => {
		const draftKey = url.searchParams.get('draft_key') ?? '';
		if (!UUID.test(draftKey)) return json([], { status: 400 });
		return json(await listDraft(ownerKind, draftKey));
	};

	const DELETE: RequestHandler = async ({ url }) => {
		const id = url.searchParams.get('id') ?? '';
		const draftKey = url.searchParams.get('draft_key') ?? '';
		if (!UUID.test(id) || !UUID.test(draftKey))
			return json({ error: 'invalid_input' }, { status: 400 });
		return json({ removed: await removeDraft(id, draftKey) });
	};

	return { POST, GET, DELETE };
}
