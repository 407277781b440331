/**
 * Citizen uploads for a complaint draft (JS path of FileUploader): POST multipart {draft_key,
 * file} → the stored row; GET ?draft_key → the draft's files; DELETE ?id&draft_key → remove one.
 */
import { draftUploadEndpoint } from '$lib/uploads/server/draft-endpoint';

export const { POST, GET, DELETE } = draftUploadEndpoint({ ownerKind: 'complaint' });
