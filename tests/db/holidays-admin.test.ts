// Holidays and swapped working days kept by the agency (issue 13, part B): admins add, edit and
// remove days; the working-day functions use a change at once; a confirmed day must cite its
// decision and records who confirmed it; every change leaves an audit row with before and after;
// no other role may write.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomInt } from 'node:crypto';
import { anonClient, serviceClient, signIn } from './helpers';
import { USERS } from './rls-matrix/types';

let admin: SupabaseClient;
let head: SupabaseClient;
let reception: SupabaseClient;

/** A random Wednesday in 2095–2099 (no seeded holidays there, unlikely to collide). */
function freshWednesday(): string {
	const base = Date.UTC(2095, 0, 5); // Wednesday 5/1/2095
	return new Date(base + randomInt(0, 250) * 7 * 86_400_000).toISOString().slice(0, 10);
}
const addDays = (d: string, n: number) =>
	new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);

async function auditFor(day: string) {
	const { data, error } = await serviceClient()
		.from('audit_events')
		.select('actor_id, action, before, after, occurred_at')
		.eq('entity_type', 'holiday')
		.or(`after->>day.eq.${day},before->>day.eq.${day}`)
		.order('id');
	if (error) throw error;
	return data as {
		actor_id: string;
		action: string;
		before: any;
		after: any;
		occurred_at: string;
	}[];
}

beforeAll(async () => {
	[admin, head, reception] = await Promise.all([
		signIn('admin@thads.local'),
		signIn('lanhdao.hn@thads.local'),
		signIn('tiepdan.hn1@thads.local')
	]);
});

describe('holidays in the agency’s hands', () => {
	it('an admin adds a day off and working-day arithmetic uses it at once; removing it restores it', async () => {
		const wed = freshWednesday();
		const tue = addDays(wed, -1);
		const before = (await anonClient().rpc('working_days_add', { start: tue, n: 1 })).data;
		expect(before).toBe(wed);
		const ins = await admin
			.from('holidays')
			.insert({ day: wed, name: 'Ngày nghỉ thử', legal_basis: 'Thông báo thử 1/TB-BNV' })
			.select('day, is_confirmed');
		expect(ins.error).toBeNull();
		expect(ins.data).toEqual([{ day: wed, is_confirmed: false }]);
		expect((await anonClient().rpc('working_days_add', { start: tue, n: 1 })).data).toBe(
			addDays(wed, 1)
		);
		expect((await anonClient().rpc('is_working_day', { d: wed })).data).toBe(false);

		const del = await admin.from('holidays').delete().eq('day', wed).select('day');
		expect(del.data).toEqual([{ day: wed }]);
		expect((await anonClient().rpc('working_days_add', { start: tue, n: 1 })).data).toBe(wed);

		const trail = await auditFor(wed);
		expect(trail.map((a) => a.action)).toEqual(['create', 'delete']);
		expect(trail.every((a) => a.actor_id === USERS.admin)).toBe(true);
		expect(trail[0]!.before).toBeNull();
		expect(trail[0]!.after).toMatchObject({ day: wed, name: 'Ngày nghỉ thử', is_day_off: true });
		expect(trail[1]!.before).toMatchObject({ day: wed });
		expect(trail[1]!.after).toBeNull();
	});

	it('a make-up Saturday becomes a working day', async () => {
		const sat = addDays(freshWednesday(), 3);
		expect((await anonClient().rpc('is_working_day', { d: sat })).data).toBe(false);
		const { error } = await admin
			.from('holidays')
			.insert({ day: sat, name: 'Làm bù thử', is_day_off: false });
		expect(error).toBeNull();
		expect((await anonClient().rpc('is_working_day', { d: sat })).data).toBe(true);
		expect(
			(await anonClient().rpc('working_days_between', { a: addDays(sat, -1), b: sat })).data
		).toBe(1);
	});

	it('confirming needs the decision cited; who and when are recorded by the database; edits are audited before → after', async () => {
		const wed = freshWednesday();
		expect((await admin.from('holidays').insert({ day: wed, name: 'Nghỉ thử' })).error).toBeNull();
		const bad = await admin.from('holidays').update({ is_confirmed: true }).eq('day', wed);
		expect(bad.error?.code).toBe('23514');
		const ok = await admin
			.from('holidays')
			.update({
				is_confirmed: true,
				legal_basis: 'Thông báo 9441/TB-BNV ngày 16/10/2025',
				// A client cannot claim someone else confirmed it.
				confirmed_by: USERS.head_hn,
				confirmed_at: '2000-01-01T00:00:00Z'
			})
			.eq('day', wed)
			.select('is_confirmed, confirmed_by, confirmed_at');
		expect(ok.error).toBeNull();
		expect(ok.data![0]!.is_confirmed).toBe(true);
		expect(ok.data![0]!.confirmed_by).toBe(USERS.admin);
		const trail = await auditFor(wed);
		const upd = trail.filter((a) => a.action === 'update');
		expect(upd).toHaveLength(1);
		// The database's own clock, not the client's 2000-01-01: the same transaction's now() as
		// the audit row (no comparison with this machine's clock).
		expect(Date.parse(ok.data![0]!.confirmed_at)).toBe(Date.parse(upd[0]!.occurred_at));
		expect(upd[0]!.before).toMatchObject({ is_confirmed: false, legal_basis: null });
		expect(upd[0]!.after).toMatchObject({
			is_confirmed: true,
			legal_basis: 'Thông báo 9441/TB-BNV ngày 16/10/2025',
			confirmed_by: USERS.admin
		});
	});

	it('unit heads, officers and anonymous callers cannot add, change or remove a day', async () => {
		const wed = freshWednesday();
		for (const c of [head, reception]) {
			expect((await c.from('holidays').insert({ day: wed, name: 'X' })).error?.code).toBe('42501');
		}
		expect((await anonClient().from('holidays').insert({ day: wed, name: 'X' })).error?.code).toBe(
			'42501'
		);
		const seeded = '2026-02-16';
		for (const c of [head, reception, anonClient()]) {
			const u = await c.from('holidays').update({ name: 'Đổi' }).eq('day', seeded).select('day');
			expect(u.data ?? []).toEqual([]);
			const d = await c.from('holidays').delete().eq('day', seeded).select('day');
			expect(d.data ?? []).toEqual([]);
		}
		const { data } = await anonClient()
			.from('holidays')
			.select('name, is_confirmed')
			.eq('day', seeded);
		expect(data).toEqual([{ name: 'Tết Nguyên đán', is_confirmed: true }]);
		// Staff other than admins do not read the holiday audit trail.
		const trail = await head.from('audit_events').select('id').eq('entity_type', 'holiday');
		expect(trail.data).toEqual([]);
	});

	it('the seed cites a decision for every day and keeps unannounced ones unconfirmed', async () => {
		const { data } = await anonClient()
			.from('holidays')
			.select('day, name, legal_basis, is_confirmed')
			.gte('day', '2025-01-01')
			.lte('day', '2027-12-31');
		expect(data!.length).toBeGreaterThan(30);
		expect(data!.every((h) => h.legal_basis && !h.name.includes('[check]'))).toBe(true);
		expect(
			data!.filter((h) => h.day.startsWith('2027') && h.is_confirmed).map((h) => h.day)
		).toEqual(['2027-01-01', '2027-04-30', '2027-09-02']);
	});
});
