// Reference data kept by the agency (issue 13, part B): the unit directory (official name with
// its source and confirmation, contact confirmation, merges with validity) and the national
// procedure code (mã TTHC) with its confirmation — admins only, every change audited.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomInt } from 'node:crypto';
import { anonClient, serviceClient, signIn } from './helpers';
import { UNITS, USERS } from './rls-matrix/types';

const service = serviceClient();
let admin: SupabaseClient;
let head: SupabaseClient;

beforeAll(async () => {
	[admin, head] = await Promise.all([
		signIn('admin@thads.local'),
		signIn('lanhdao.hn@thads.local')
	]);
});

describe('unit directory', () => {
	it('an admin adds a khu vực office, confirms its name with the source, merges it; audited', async () => {
		const code = `T-${randomInt(100000, 999999)}`;
		const ins = await admin
			.from('units')
			.insert({
				level: 'khu_vuc',
				parent_id: UNITS.GL,
				code,
				name: `Phòng THADS khu vực thử ${code}`
			})
			.select('id, name_confirmed, contact_confirmed')
			.single();
		expect(ins.error).toBeNull();
		expect(ins.data).toMatchObject({ name_confirmed: false, contact_confirmed: false });
		const id = ins.data!.id as string;
		const bad = await admin.from('units').update({ name_confirmed: true }).eq('id', id);
		expect(bad.error?.code).toBe('23514');
		const ok = await admin
			.from('units')
			.update({ name_confirmed: true, name_source: 'Quyết định thử số 1/QĐ-BTP' })
			.eq('id', id)
			.select('name_confirmed');
		expect(ok.data).toEqual([{ name_confirmed: true }]);
		// Merged into another office: validity ends, the successor points back at it.
		const end = await admin.from('units').update({ valid_to: '2026-12-31' }).eq('id', id);
		expect(end.error).toBeNull();
		const early = await admin.from('units').update({ valid_to: '2020-01-01' }).eq('id', id);
		expect(early.error?.code).toBe('23514');

		const { data: trail } = await service
			.from('audit_events')
			.select('actor_id, action, before, after')
			.eq('entity_type', 'unit')
			.eq('entity_id', id)
			.order('id');
		expect(trail!.map((a) => a.action)).toEqual(['create', 'update', 'update']);
		expect(trail!.every((a) => a.actor_id === USERS.admin)).toBe(true);
		expect(trail![1]).toMatchObject({
			before: { name_confirmed: false, name_source: null },
			after: { name_confirmed: true, name_source: 'Quyết định thử số 1/QĐ-BTP' }
		});
	});

	it('unit heads and citizens change nothing; everyone reads the directory with its states', async () => {
		const r = await head.from('units').update({ phone: '000' }).eq('id', UNITS.HN_KV1).select('id');
		expect(r.data ?? []).toEqual([]);
		const a = await anonClient().from('units').update({ phone: '000' }).eq('id', UNITS.HN_KV1);
		expect(a.error?.code).toBe('42501');
		const { data } = await anonClient()
			.from('units')
			.select('code, name_confirmed, contact_confirmed')
			.eq('id', UNITS.HN_KV1)
			.single();
		// The demo seed's invented contact data is not confirmed.
		expect(data).toEqual({ code: 'HN-KV1', name_confirmed: false, contact_confirmed: false });
	});
});

describe('national procedure code (mã TTHC)', () => {
	let code: string;
	beforeAll(async () => {
		const { data } = await service
			.from('procedures')
			.select('code')
			.order('sort')
			.limit(1)
			.single();
		code = data!.code as string;
	});

	it('admins set it, confirm it only with a source; audited; others are refused', async () => {
		const call = (c: SupabaseClient, p: Record<string, unknown>) =>
			c.rpc('set_procedure_national_code', { p_code: code, ...p });
		expect(
			(await call(head, { p_national_code: '2.000001', p_confirmed: false, p_source: null })).error
				?.message
		).toBe('not_allowed');
		expect(
			(await call(admin, { p_national_code: 'x', p_confirmed: false, p_source: null })).error
				?.message
		).toBe('national_code_invalid');
		expect(
			(await call(admin, { p_national_code: '2.000001', p_confirmed: true, p_source: '' })).error
				?.message
		).toBe('source_required');
		const ok = await call(admin, {
			p_national_code: '2.000001',
			p_confirmed: true,
			p_source: 'Quyết định công bố thử'
		});
		expect(ok.error).toBeNull();
		const { data: row } = await service
			.from('procedures')
			.select('id, national_code, national_code_confirmed, national_code_confirmed_by')
			.eq('code', code)
			.single();
		expect(row).toMatchObject({
			national_code: '2.000001',
			national_code_confirmed: true,
			national_code_confirmed_by: USERS.admin
		});
		const { data: trail } = await service
			.from('audit_events')
			.select('action, actor_id, after')
			.eq('entity_type', 'procedure')
			.eq('entity_id', row!.id)
			.eq('action', 'national_code');
		expect(trail).toContainEqual({
			action: 'national_code',
			actor_id: USERS.admin,
			after: { national_code: '2.000001', confirmed: true, source: 'Quyết định công bố thử' }
		});
		// Back to "none yet" (the demo catalogue has no confirmed codes).
		expect(
			(await call(admin, { p_national_code: '', p_confirmed: false, p_source: '' })).error
		).toBeNull();
		// A direct write is not possible: procedures have no update grant (the function is the way).
		const direct = await admin
			.from('procedures')
			.update({ national_code_confirmed: true })
			.eq('code', code)
			.select('code');
		expect(direct.error?.code).toBe('42501');
	});
});
