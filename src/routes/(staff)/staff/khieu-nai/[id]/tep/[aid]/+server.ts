import { error } from '@sveltejs/kit';
import { download } from '$lib/uploads/server';
import type { RequestHandler } from './$types';

/** Staff download: the row is read with the officer's own client (RLS decides), then streamed. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!/^[0-9a-f-]{36}$/i.test(params.aid)) error(404, 'not_found');
	const { data } = await locals.supabase
		.from('attachments')
		.select('bucket, path, file_name, mime_type, owner_id')
		.eq('id', params.aid)
		.eq('owner_kind', 'complaint')
		.maybeSingle();
	if (!data || data.owner_id !== params.id) error(404, 'not_found');
	return download(
		data.bucket as string,
		data.path as string,
		data.file_name as string,
		data.mime_type as string
	);
};
