import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { signedUrl } from '$lib/procedures/server/files';

/** A staff download: the attachments row is read with the staff client (RLS decides), then signed. */
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!locals.staff) error(403, { message: 'not_allowed' });
	const { data } = await locals.supabase
		.from('attachments')
		.select('bucket, path, file_name, owner_id')
		.eq('id', params.attachment)
		.maybeSingle();
	if (!data || data.owner_id !== params.id) error(404, { message: 'attachment_not_found' });
	// An ID card or other document opened: recorded for the citizen ("who opened my file").
	const logged = await locals.supabase.rpc('log_application_access', {
		p_id: params.id,
		p_what: 'document'
	});
	if (logged.error) error(404, { message: 'attachment_not_found' });
	redirect(303, await signedUrl(data.bucket, data.path, data.file_name));
};
