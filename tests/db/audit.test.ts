/** audit_events is append-only: no role — not even service_role, which bypasses RLS — may update
 * or delete a row. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, isStandIn, serviceClient, signIn, sql } from './helpers';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';

let service: SupabaseClient;
let eventId: number;
const actors: Record<string, SupabaseClient> = {};

beforeAll(async () => {
	service = serviceClient();
	const { data, error } = await service
		.from('audit_events')
		.insert({ entity_type: 'audit_test', action: 'created', unit_id: HN_KV1, after: { a: 1 } })
		.select('id')
		.single();
	expect(error).toBeNull();
	eventId = data!.id;
	actors.anon = anonClient();
	actors.reception = await signIn('tiepdan.hn1@thads.local');
	actors.unit_head = await signIn('truongphong.hn1@thads.local');
	actors.admin = await signIn('admin@thads.local');
});

async function unchanged() {
	const { data } = await service
		.from('audit_events')
		.select('action, note')
		.eq('id', eventId)
		.single();
	expect(data).toEqual({ action: 'created', note: null });
}

describe('audit_events', () => {
	for (const name of ['anon', 'reception', 'unit_head', 'admin']) {
		it(`${name} can neither update nor delete an event`, async () => {
			const upd = await actors[name]!.from('audit_events')
				.update({ note: 'tampered' })
				.eq('id', eventId);
			expect(upd.error?.code).toBe('42501');
			const del = await actors[name]!.from('audit_events').delete().eq('id', eventId);
			expect(del.error?.code).toBe('42501');
			await unchanged();
		});
	}

	it('service_role (which bypasses RLS) can neither update nor delete: no grant', async () => {
		const upd = await service.from('audit_events').update({ note: 'tampered' }).eq('id', eventId);
		expect(upd.error?.code).toBe('42501');
		const del = await service.from('audit_events').delete().eq('id', eventId);
		expect(del.error?.code).toBe('42501');
		await unchanged();
	});

	it.runIf(isStandIn())(
		'even the table owner is stopped by the trigger (update, delete, truncate)',
		async () => {
			for (const stmt of [
				`update public.audit_events set note = 'tampered' where id = ${eventId}`,
				`delete from public.audit_events where id = ${eventId}`,
				'truncate public.audit_events'
			]) {
				await expect(sql(stmt), stmt).rejects.toThrow(/P0001 audit_events_append_only/);
			}
			await unchanged();
		}
	);

	it('staff of the unit can read the event, staff of another unit cannot', async () => {
		const own = await actors.reception!.from('audit_events').select('id').eq('id', eventId);
		expect(own.data).toHaveLength(1);
		const other = await (
			await signIn('tiepdan.gl1@thads.local')
		)
			.from('audit_events')
			.select('id')
			.eq('id', eventId);
		expect(other.error).toBeNull();
		expect(other.data).toHaveLength(0);
	});

	it('staff cannot forge events', async () => {
		const { error } = await actors
			.admin!.from('audit_events')
			.insert({ entity_type: 'x', action: 'forged' });
		expect(error?.code).toBe('42501');
	});
});
