import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { signedUrl } from '$lib/procedures/server/files';
import { isUuid } from '$lib/identity';

/**
 * A staff download. open_application_attachment checks (as the staff member) that the file
 * belongs to an application they may see and logs the read — an ID-card image as such — for the
 * citizen's "who opened my file"; only then is a signed URL made.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!locals.staff) error(403, { message: 'not_allowed' });
	if (!isUuid(params.id) || !isUuid(params.attachment))
		error(404, { message: 'attachment_not_found' });
	const { data } = await locals.supabase
		.rpc('open_application_attachment', { p_id: params.id, p_attachment_id: params.attachment })
		.maybeSingle<{ bucket: string; path: string; file_name: string }>();
	if (!data) error(404, { message: 'attachment_not_found' });
	redirect(303, await signedUrl(data.bucket, data.path, data.file_name));
};
