/**
 * Partner API administration (issue 19), administrators only: organisations, their keys (issued
 * here and shown once, then only the prefix; revoked at once), their webhook and its deliveries.
 * Every change is an SQL function that checks the role and writes the audit log.
 */
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { hasAnyRole } from '$lib/server/auth';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const SCOPES = ['applications:submit', 'applications:read'] as const;

const partnerInput = z.object({
	name: z.string().trim().min(2, 'api_partners_error_name').max(200, 'api_error_too_long'),
	contact_email: z.union([z.literal(''), z.email('api_partners_error_email').max(254)])
});
const keyInput = z.object({
	partner_id: z.uuid('api_error_invalid'),
	scopes: z.array(z.enum(SCOPES)).min(1, 'api_partners_error_scopes'),
	rate_per_minute: z.coerce
		.number()
		.int('api_partners_error_rate')
		.min(1, 'api_partners_error_rate')
		.max(6000, 'api_partners_error_rate'),
	label: z.string().trim().max(200, 'api_error_too_long')
});
const webhookInput = z.object({
	partner_id: z.uuid('api_error_invalid'),
	url: z.url({ protocol: /^https?$/, error: 'api_partners_error_url' }).max(2000)
});

function admin(event: Pick<RequestEvent, 'locals'>) {
	if (!hasAnyRole(event.locals.staff, ['admin'])) error(404, 'Not found');
}

export const load: PageServerLoad = async (event) => {
	admin(event);
	const db = event.locals.supabase;
	const [partners, keys, hooks, deliveries] = await Promise.all([
		db.from('partners').select('id, name, contact_email, created_at').order('name'),
		db
			.from('partner_keys')
			.select(
				'id, partner_id, prefix, scopes, rate_per_minute, label, created_at, revoked_at, last_used_at'
			)
			.order('created_at', { ascending: false }),
		db
			.from('partner_webhooks')
			.select('id, partner_id, url, is_active, created_at')
			.eq('is_active', true),
		db
			.from('webhook_deliveries')
			.select(
				'id, webhook_id, event, payload, status, attempts, last_status_code, last_error, created_at, delivered_at, next_attempt_at'
			)
			.order('created_at', { ascending: false })
			.limit(100)
	]);
	for (const r of [partners, keys, hooks, deliveries]) if (r.error) throw r.error;
	return {
		scopes: SCOPES,
		partners: partners.data ?? [],
		keys: keys.data ?? [],
		webhooks: hooks.data ?? [],
		deliveries: (deliveries.data ?? []).map((d) => ({
			...d,
			code: (d.payload as { code?: string } | null)?.code ?? null,
			to_status: (d.payload as { status?: string } | null)?.status ?? null
		}))
	};
};

const fieldErrors = (e: z.ZodError) =>
	Object.fromEntries(e.issues.map((i) => [String(i.path[0] ?? 'form'), i.message]));

export const actions: Actions = {
	partner: async (event) => {
		admin(event);
		const fd = await event.request.formData();
		const values = {
			name: String(fd.get('name') ?? ''),
			contact_email: String(fd.get('contact_email') ?? '').trim()
		};
		const parsed = partnerInput.safeParse(values);
		if (!parsed.success)
			return fail(400, { action: 'partner', errors: fieldErrors(parsed.error), values });
		const { error: e } = await event.locals.supabase.rpc('create_partner', {
			p_name: parsed.data.name,
			p_contact_email: parsed.data.contact_email || null
		});
		if (e)
			return fail(400, { action: 'partner', errors: { name: 'api_partners_error_save' }, values });
		return { action: 'partner', done: true };
	},
	key: async (event) => {
		admin(event);
		const fd = await event.request.formData();
		const values = {
			partner_id: String(fd.get('partner_id') ?? ''),
			scopes: fd.getAll('scopes').map(String),
			rate_per_minute: String(fd.get('rate_per_minute') ?? '60'),
			label: String(fd.get('label') ?? '')
		};
		const parsed = keyInput.safeParse(values);
		if (!parsed.success)
			return fail(400, {
				action: 'key',
				errors: fieldErrors(parsed.error),
				partnerId: values.partner_id
			});
		const { data, error: e } = await event.locals.supabase
			.rpc('issue_partner_key', {
				p_partner_id: parsed.data.partner_id,
				p_scopes: parsed.data.scopes,
				p_rate_per_minute: parsed.data.rate_per_minute,
				p_label: parsed.data.label || null
			})
			.single();
		if (e)
			return fail(400, {
				action: 'key',
				errors: { form: 'api_partners_error_save' },
				partnerId: values.partner_id
			});
		// Shown once: the database keeps only its hash.
		return { action: 'key', issued: (data as { key: string }).key, partnerId: values.partner_id };
	},
	revoke: async (event) => {
		admin(event);
		const fd = await event.request.formData();
		const id = String(fd.get('key_id') ?? '');
		if (!z.uuid().safeParse(id).success) return fail(400, { action: 'revoke' });
		const { error: e } = await event.locals.supabase.rpc('revoke_partner_key', { p_key_id: id });
		if (e) return fail(400, { action: 'revoke', errors: { form: 'api_partners_error_save' } });
		return { action: 'revoke', done: true };
	},
	webhook: async (event) => {
		admin(event);
		const fd = await event.request.formData();
		const values = {
			partner_id: String(fd.get('partner_id') ?? ''),
			url: String(fd.get('url') ?? '').trim()
		};
		const parsed = webhookInput.safeParse(values);
		if (!parsed.success)
			return fail(400, {
				action: 'webhook',
				errors: fieldErrors(parsed.error),
				partnerId: values.partner_id
			});
		const { data, error: e } = await event.locals.supabase.rpc('set_partner_webhook', {
			p_partner_id: parsed.data.partner_id,
			p_url: parsed.data.url
		});
		if (e)
			return fail(400, {
				action: 'webhook',
				errors: { url: 'api_partners_error_url' },
				partnerId: values.partner_id
			});
		return { action: 'webhook', secret: data as string, partnerId: values.partner_id };
	}
};
