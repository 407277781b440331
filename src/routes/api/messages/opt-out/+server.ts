/**
 * The opt-out link in citizens' e-mail: GET shows one button (link scanners and previews must not
 * opt anyone out), POST records the opt-out (public.opt_out_recipient) for that address. The
 * token is the address signed with THADS_OPT_OUT_KEY (or THADS_CLIENT_ADDRESS_KEY), see
 * $lib/server/notifications.ts.
 */
import { createServiceClient } from '$lib/server/supabase';
import { readOptOutToken } from '$lib/server/notifications';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(body: string, status = 200): Response {
	return new Response(
		`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(m.messages_opt_out_title())}</title><style>body{font:18px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}button{font:inherit;min-height:44px;padding:.5rem 1.25rem;background:#8b1a1a;color:#fff;border:0;border-radius:4px}</style></head><body><h1>${escape(m.messages_opt_out_title())}</h1>${body}</body></html>`,
		{ status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } }
	);
}

export const GET: RequestHandler = ({ url }) => {
	const token = url.searchParams.get('t') ?? '';
	const who = readOptOutToken(token);
	if (!who) return page(`<p>${escape(m.messages_opt_out_invalid())}</p>`, 400);
	return page(
		`<p>${escape(m.messages_opt_out_text({ recipient: who.recipient }))}</p><form method="POST"><input type="hidden" name="t" value="${escape(token)}"><button type="submit">${escape(m.messages_opt_out_confirm())}</button></form>`
	);
};

export const POST: RequestHandler = async ({ request }) => {
	const token = String((await request.formData()).get('t') ?? '');
	const who = readOptOutToken(token);
	if (!who) return page(`<p>${escape(m.messages_opt_out_invalid())}</p>`, 400);
	const { error } = await createServiceClient().rpc('opt_out_recipient', {
		p_channel: who.channel,
		p_recipient: who.recipient
	});
	if (error) return page(`<p>${escape(m.messages_opt_out_invalid())}</p>`, 400);
	return page(`<p role="status">${escape(m.messages_opt_out_done())}</p>`);
};
