import { error } from '@sveltejs/kit';
import { normaliseCode } from '$lib/tracking';
import { secretFor } from '$lib/tracking/server';
import { attachmentByCode } from '$lib/complaints/server';
import { download } from '$lib/uploads/server';
import type { RequestHandler } from './$types';

/** A citizen's file download: checked by code + secret in SQL, then streamed through the app. */
export const GET: RequestHandler = async ({ params, cookies }) => {
	const code = normaliseCode(params.code);
	const secret = code ? secretFor(cookies, code) : null;
	if (!code || !secret || !/^[0-9a-f-]{36}$/i.test(params.id)) error(404, 'not_found');
	const file = await attachmentByCode(code, secret, params.id).catch(() => null);
	if (!file) error(404, 'not_found');
	return download(file.bucket, file.path, file.file_name, file.mime_type);
};
