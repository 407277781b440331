// Partner API tables (issue 19, migration 20261207022000): administrators read partners and
// webhook deliveries; keys and webhooks are read column by column (never the hash or the signing
// secret), so `select *` is denied to every client role; all writes go through SQL functions.
import { createHash, randomBytes } from 'node:crypto';
import { actors, type Fixtures, type RlsEntry } from './types';

async function partner(f: Fixtures) {
	const { data, error } = await f.service
		.from('partners')
		.insert({ name: f.unique('rls-partner') })
		.select('id')
		.single();
	if (error) throw error;
	return { id: data.id as string };
}

async function key(f: Fixtures) {
	const p = await partner(f);
	const raw = `thads_pk_${randomBytes(20).toString('hex')}`;
	const { data, error } = await f.service
		.from('partner_keys')
		.insert({
			partner_id: p.id,
			prefix: raw.slice(0, 17),
			key_hash: createHash('sha256').update(raw).digest('hex'),
			scopes: ['applications:submit']
		})
		.select('id')
		.single();
	if (error) throw error;
	return { id: data.id as string };
}

async function webhook(f: Fixtures) {
	const p = await partner(f);
	const { data, error } = await f.service
		.from('partner_webhooks')
		.insert({ partner_id: p.id, url: 'http://127.0.0.1:9/hook', secret: 'x'.repeat(64) })
		.select('id')
		.single();
	if (error) throw error;
	return { id: data.id as string };
}

async function delivery(f: Fixtures) {
	const w = await webhook(f);
	const { data, error } = await f.service
		.from('webhook_deliveries')
		.insert({ webhook_id: w.id, event: 'rls', payload: {} })
		.select('id')
		.single();
	if (error) throw error;
	return { id: data.id as string };
}

const adminOnly = actors<'denied' | 'none' | 'all'>('none', { anon: 'denied', admin: 'all' });

export const entries: RlsEntry[] = [
	{
		relation: 'partners',
		seed: async (f) => void (await partner(f)),
		select: adminOnly,
		insert: { row: (f) => ({ name: f.unique('rls-partner') }), expect: actors('denied') },
		update: { target: partner, patch: { name: 'Đổi tên' }, expect: actors('denied') },
		delete: { target: partner, expect: actors('denied') }
	},
	{
		relation: 'partner_keys',
		seed: async (f) => void (await key(f)),
		select: actors('denied'),
		insert: { row: () => ({ prefix: 'thads_pk_aaaaaaaa' }), expect: actors('denied') },
		update: { target: key, patch: { revoked_at: null }, expect: actors('denied') },
		delete: { target: key, expect: actors('denied') }
	},
	{
		relation: 'partner_webhooks',
		seed: async (f) => void (await webhook(f)),
		select: actors('denied'),
		insert: { row: () => ({ url: 'http://example.vn' }), expect: actors('denied') },
		update: { target: webhook, patch: { is_active: false }, expect: actors('denied') },
		delete: { target: webhook, expect: actors('denied') }
	},
	{
		relation: 'webhook_deliveries',
		seed: async (f) => void (await delivery(f)),
		select: adminOnly,
		insert: { row: () => ({ event: 'x', payload: {} }), expect: actors('denied') },
		update: { target: delivery, patch: { status: 'delivered' }, expect: actors('denied') },
		delete: { target: delivery, expect: actors('denied') }
	}
];
