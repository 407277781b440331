import { error, fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { localizeHref } from '$lib/paraglide/runtime';
import * as applications from '$lib/procedures/server/applications';
import { latenessByCode } from '$lib/procedures/server/apology';
import { checkFile, isFile, storeDraftFile } from '$lib/procedures/server/files';
import { t } from '$lib/procedures/server/messages';
import { forgetSecret, recallSecret, rememberSecret } from '$lib/procedures/server/secret-cookie';
import { codeSchema, ratingSchema, secretSchema } from '$lib/procedures/schema';

/** Code from the URL + secret from the form (when posted from /tra-cuu) or the cookie. */
async function credentials({ params, cookies, url }: RequestEvent, form?: FormData) {
	const code = codeSchema.safeParse(params.code);
	if (!code.success) error(404, { message: 'tracking_not_found' });
	const posted = form ? secretSchema.safeParse(String(form.get('secret') ?? '')) : null;
	const secret = posted?.success ? posted.data : recallSecret(cookies, code.data);
	if (!secret) redirect(303, localizeHref(`/thu-tuc/ho-so?ma=${code.data}`));
	if (posted?.success) rememberSecret(cookies, url, code.data, secret);
	return { code: code.data, secret };
}

const back = (code: string, note?: string) =>
	redirect(303, localizeHref(`/thu-tuc/ho-so/${code}${note ? `?tb=${note}` : ''}`));

export const load: PageServerLoad = async (event) => {
	const { code, secret } = await credentials(event);
	const application = await applications.getByCode(code, secret);
	if (!application) {
		forgetSecret(event.cookies, event.url, code);
		redirect(303, localizeHref(`/thu-tuc/ho-so?ma=${code}`));
	}
	return {
		application,
		lateness: await latenessByCode(code, secret).catch(() => null),
		notice: event.url.searchParams.get('tb'),
		uploadKey: randomUUID()
	};
};

export const actions: Actions = {
	/** The citizen hands in the documents that were asked for. */
	documents: async (event) => {
		const form = await event.request.formData();
		const { code, secret } = await credentials(event, form);
		const key = String(form.get('key') ?? '');
		if (!/^[0-9a-f-]{36}$/.test(key)) error(400, { message: 'idempotency_key_required' });
		const files = form.getAll('files').filter(isFile).slice(0, 10);
		if (!files.length)
			return fail(400, { errors: { files: m.procedures_error_document_required() } });
		for (const f of files) {
			const problem = await checkFile(f);
			if (problem) return fail(400, { errors: { files: t(problem) } });
		}
		const docs = [];
		for (const f of files) {
			const saved = await storeDraftFile(f, key);
			docs.push({ attachment_id: saved.id, document_key: 'bo_sung' });
		}
		try {
			const r = await applications.addDocuments(code, secret, docs, key);
			if (!r) redirect(303, localizeHref(`/thu-tuc/ho-so?ma=${code}`));
		} catch (e) {
			if (e instanceof applications.Refusal)
				return fail(400, { errors: { files: t(`procedures_err_${e.code}`) } });
			throw e;
		}
		back(code, 'documents');
	},

	/** One-tap satisfaction rating with an optional comment. */
	rate: async (event) => {
		const form = await event.request.formData();
		const { code, secret } = await credentials(event, form);
		const parsed = ratingSchema.safeParse({
			rating: form.get('rating'),
			comment: form.get('comment') ?? ''
		});
		if (!parsed.success) return fail(400, { errors: { rating: m.procedures_error_rating() } });
		try {
			await applications.rate(code, secret, parsed.data.rating, parsed.data.comment);
		} catch (e) {
			if (e instanceof applications.Refusal)
				return fail(400, { errors: { rating: t(`procedures_err_${e.code}`) } });
			throw e;
		}
		back(code, 'rated');
	},

	/** Forget the secret on this device. */
	signout: async (event) => {
		const code = codeSchema.safeParse(event.params.code);
		if (code.success) forgetSecret(event.cookies, event.url, code.data);
		redirect(303, localizeHref('/thu-tuc/ho-so'));
	}
};
