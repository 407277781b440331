// Partner API in the database (issue 19): keys issued by an administrator only, stored hashed,
// checked and revoked at once; submissions idempotent per partner; status changes queued as
// webhook deliveries with back-off; who may read what.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { anonClient, serviceClient, signIn, sql } from './helpers';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';

let admin: SupabaseClient;
let officer: SupabaseClient;
let service: SupabaseClient;
let partnerId: string;

const payload = (name = 'Nguyễn Thị Đối Tác') => ({
	procedure_code: 'xac-nhan-ket-qua-thi-hanh-an',
	unit_id: HN_KV1,
	applicant: { name, phone: '0912345678' },
	answers: { so_quyet_dinh_tha: '12/QĐ-THADS', tu_cach: 'duoc_thi_hanh' }
});

async function issue(scopes = ['applications:submit'], rate = 60) {
	const { data, error } = await admin
		.rpc('issue_partner_key', {
			p_partner_id: partnerId,
			p_scopes: scopes,
			p_rate_per_minute: rate
		})
		.single();
	if (error) throw error;
	return data as { key_id: string; key: string; prefix: string };
}

beforeAll(async () => {
	admin = await signIn('admin@thads.local');
	officer = await signIn('motcua.hn1@thads.local');
	service = serviceClient();
	const { data, error } = await admin.rpc('create_partner', {
		p_name: `Cổng DVC quốc gia ${randomUUID().slice(0, 6)}`,
		p_contact_email: 'api@dichvucong.example'
	});
	if (error) throw error;
	partnerId = data as string;
});

describe('partner keys', () => {
	it('are issued by an administrator only, shown once and stored as a hash', async () => {
		const refused = await officer.rpc('issue_partner_key', {
			p_partner_id: partnerId,
			p_scopes: ['applications:submit']
		});
		expect(refused.error?.message).toBe('not_allowed');
		const anon = await anonClient().rpc('issue_partner_key', {
			p_partner_id: partnerId,
			p_scopes: ['applications:submit']
		});
		expect(anon.error?.code, JSON.stringify(anon.error)).toBe('42501');

		const k = await issue();
		expect(k.key).toMatch(/^thads_pk_[a-z2-9]{40}$/);
		const rows = await sql<{ key_hash: string; prefix: string }>(
			`select key_hash, prefix from public.partner_keys where id = $1`,
			[k.key_id]
		);
		expect(rows[0]!.prefix).toBe(k.key.slice(0, 17));
		expect(rows[0]!.key_hash).not.toContain(k.key.slice(9));
		// Administrators list keys but never read the hash.
		const list = await admin.from('partner_keys').select('id, prefix').eq('id', k.key_id);
		expect(list.data).toHaveLength(1);
		const hash = await admin.from('partner_keys').select('key_hash').eq('id', k.key_id);
		expect(hash.error?.code, JSON.stringify(hash.error)).toBe('42501');
		const byOfficer = await officer.from('partner_keys').select('id');
		expect(byOfficer.data ?? []).toHaveLength(0);
		const audit = await sql(
			`select 1 from public.audit_events where entity_type = 'partner_key' and entity_id = $1 and action = 'issue'`,
			[k.key_id]
		);
		expect(audit).toHaveLength(1);
	});

	it('are checked by the service role only, and a revoked key is refused at once', async () => {
		const k = await issue();
		const anon = await anonClient().rpc('partner_key_check', { p_key: k.key });
		expect(anon.error?.code, JSON.stringify(anon.error)).toBe('42501');
		const ok = await service.rpc('partner_key_check', { p_key: k.key }).single();
		expect(ok.data).toMatchObject({ key_id: k.key_id, partner_id: partnerId, revoked: false });
		const unknown = await service.rpc('partner_key_check', { p_key: k.key + 'x' });
		expect(unknown.data).toEqual([]);

		expect((await admin.rpc('revoke_partner_key', { p_key_id: k.key_id })).error).toBeNull();
		const after = await service.rpc('partner_key_check', { p_key: k.key }).single();
		expect(after.data).toMatchObject({ revoked: true });
		const submit = await service.rpc('partner_submit_application', {
			p_key_id: k.key_id,
			p_payload: payload(),
			p_idempotency_key: randomUUID()
		});
		expect(submit.error?.message).toBe('partner_key_revoked');
	});
});

describe('partner submissions', () => {
	it('file an application on the partner channel, idempotent per key', async () => {
		const k = await issue();
		const idem = randomUUID();
		const first = await service.rpc('partner_submit_application', {
			p_key_id: k.key_id,
			p_payload: payload(),
			p_idempotency_key: idem
		});
		expect(first.error).toBeNull();
		const a = first.data as { code: string; secret: string; replayed: boolean };
		expect(a.code).toMatch(/^HS-/);
		expect(a.replayed).toBe(false);
		const again = await service.rpc('partner_submit_application', {
			p_key_id: k.key_id,
			p_payload: payload(),
			p_idempotency_key: idem
		});
		expect(again.data).toMatchObject({ code: a.code, secret: a.secret, replayed: true });
		const conflict = await service.rpc('partner_submit_application', {
			p_key_id: k.key_id,
			p_payload: payload('Người Khác Hẳn'),
			p_idempotency_key: idem
		});
		expect(conflict.error?.message).toBe('idempotency_conflict');

		const rows = await officer
			.from('applications')
			.select('channel, partner_id')
			.eq('tracking_code', a.code);
		expect(rows.data).toEqual([{ channel: 'partner', partner_id: partnerId }]);
	});

	it('need the submit scope', async () => {
		const k = await issue(['applications:read']);
		const r = await service.rpc('partner_submit_application', {
			p_key_id: k.key_id,
			p_payload: payload(),
			p_idempotency_key: randomUUID()
		});
		expect(r.error?.message).toBe('partner_scope_missing');
	});
});

describe('webhooks', () => {
	it('queue a delivery per status change, retried with back-off, readable by admins', async () => {
		const set = await admin.rpc('set_partner_webhook', {
			p_partner_id: partnerId,
			p_url: 'http://127.0.0.1:9/hook'
		});
		expect(set.error).toBeNull();
		expect(set.data as string).toMatch(/^[0-9a-f]{64}$/);
		const k = await issue();
		const r = await service.rpc('partner_submit_application', {
			p_key_id: k.key_id,
			p_payload: payload(),
			p_idempotency_key: randomUUID()
		});
		const code = (r.data as { code: string }).code;
		const app = await officer.from('applications').select('id').eq('tracking_code', code).single();
		const checked = await officer.rpc('check_application', { id: app.data!.id });
		expect(checked.error).toBeNull();

		const queued = await admin
			.from('webhook_deliveries')
			.select('id, event, payload, status')
			.eq('application_id', app.data!.id);
		expect(queued.data).toHaveLength(1);
		expect(queued.data![0]).toMatchObject({
			event: 'application.status_changed',
			status: 'pending',
			payload: { code, status: 'checking', previous_status: 'submitted' }
		});
		const byOfficer = await officer.from('webhook_deliveries').select('id');
		expect(byOfficer.data ?? []).toHaveLength(0);

		const claimed = await service.rpc('claim_webhook_deliveries', { p_limit: 500 });
		const mine = (claimed.data as { id: string; secret: string }[]).find(
			(d) => d.id === queued.data![0]!.id
		);
		expect(mine?.secret).toBe(set.data);
		// Claimed: not handed out twice.
		const twice = await service.rpc('claim_webhook_deliveries', { p_limit: 500 });
		expect((twice.data as { id: string }[]).some((d) => d.id === mine!.id)).toBe(false);

		await service.rpc('record_webhook_attempt', {
			p_id: mine!.id,
			p_ok: false,
			p_status_code: 502,
			p_error: 'Bad gateway'
		});
		const after = await sql<{ attempts: number; status: string; wait: number }>(
			`select attempts, status, extract(epoch from next_attempt_at - now())::int as wait
			   from public.webhook_deliveries where id = $1`,
			[mine!.id]
		);
		expect(after[0]).toMatchObject({ attempts: 1, status: 'pending' });
		expect(after[0]!.wait).toBeGreaterThan(50);
	});
});
