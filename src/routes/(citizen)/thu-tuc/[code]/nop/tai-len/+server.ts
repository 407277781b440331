/**
 * Citizen uploads for an application draft (the JS path of FileUploader on the application form):
 * POST multipart {draft_key, file} → the stored row; GET ?draft_key → the draft's files; DELETE
 * ?id&draft_key → remove one. The draft key is the form's idempotency key; submit_application
 * links the rows under it. Uploads are refused (404) for a procedure that is not online.
 */
import { json } from '@sveltejs/kit';
import * as catalogue from '$lib/procedures/server/catalogue';
import { isOnline } from '$lib/procedures/types';
import { draftUploadEndpoint } from '$lib/uploads/server/draft-endpoint';

export const { POST, GET, DELETE } = draftUploadEndpoint({
	ownerKind: 'application',
	/** As many files as submit_application accepts for one application. */
	maxFiles: 20,
	guard: async ({ params }) => {
		const p = await catalogue.get(params.code ?? '');
		return !p || !isOnline(p) ? json({ error: 'procedure_not_online' }, { status: 404 }) : null;
	}
});
