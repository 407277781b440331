/**
 * "Who opened my file" for one-stop applications (ID-card images) and reception bookings
 * (issue 12 item 13): staff openings are logged by the database, only staff of the area may log
 * or read them, and the citizen sees when, which unit and which role — never a name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, serviceClient, signIn } from './helpers';

const DEMO_CODE = 'HS-HNAA-2222';
const DEMO_SECRET = 'THADS234';
const PROCEDURE_HN1 = '00000000-0000-4000-b000-000000000013';

let anon: SupabaseClient;
let service: SupabaseClient;
let procedureHN1: SupabaseClient;
let receptionHN1: SupabaseClient;
let complaintHN1: SupabaseClient;
let procedureGL1: SupabaseClient;
let applicationId: string;

const code = (e: { code?: string; message?: string } | null) =>
	e?.code === 'P0001' ? e.message : e?.code;

beforeAll(async () => {
	anon = anonClient();
	service = serviceClient();
	[procedureHN1, receptionHN1, complaintHN1, procedureGL1] = await Promise.all([
		signIn('motcua.hn1@thads.local'),
		signIn('tiepdan.hn1@thads.local'),
		signIn('khieunai.hn1@thads.local'),
		signIn('motcua.gl1@thads.local')
	]);
	const { data } = await service
		.from('applications')
		.select('id')
		.eq('tracking_code', DEMO_CODE)
		.single();
	applicationId = data!.id as string;
});

describe('who opened my application', () => {
	it('a one-stop officer opening an application and its ID card leaves rows the citizen sees by role and unit, never by name', async () => {
		expect(
			(await procedureHN1.rpc('log_application_access', { p_id: applicationId })).error
		).toBeNull();
		expect(
			(
				await procedureHN1.rpc('log_application_access', {
					p_id: applicationId,
					p_what: 'document'
				})
			).error
		).toBeNull();
		const { data: rows } = await service
			.from('file_access_log')
			.select('user_id, role, what')
			.eq('owner_kind', 'application')
			.eq('owner_id', applicationId)
			.eq('user_id', PROCEDURE_HN1);
		expect(rows!.map((r) => r.what).sort()).toEqual(['document', 'file']);
		const seen = await anon.rpc('get_file_access_log_by_code', {
			code: DEMO_CODE,
			secret: DEMO_SECRET
		});
		expect(seen.error).toBeNull();
		const log = seen.data as { role: string; unit_name: string; what: string }[];
		expect(log.some((l) => l.role === 'procedure_officer' && l.what === 'document')).toBe(true);
		expect(JSON.stringify(log)).not.toContain('Phạm Thu Hà');
		expect(JSON.stringify(log)).not.toContain(PROCEDURE_HN1);
		// A wrong secret gets nothing.
		expect(
			(await anon.rpc('get_file_access_log_by_code', { code: DEMO_CODE, secret: 'WRONG234' })).data
		).toBeNull();
	});

	it("reception, complaint staff and another unit can neither log nor read an application's openings", async () => {
		for (const who of [receptionHN1, complaintHN1, procedureGL1]) {
			expect(code((await who.rpc('log_application_access', { p_id: applicationId })).error)).toBe(
				'application_not_found'
			);
			const { data } = await who.from('file_access_log').select('id').eq('owner_id', applicationId);
			expect(data).toEqual([]);
		}
	});

	it('nobody forges an opening by writing the table', async () => {
		const { error } = await procedureHN1.from('file_access_log').insert({
			owner_kind: 'application',
			owner_id: applicationId,
			user_id: PROCEDURE_HN1
		});
		expect(error?.code).toBe('42501');
	});
});

describe('who opened my booking', () => {
	it('a reception officer opening a booking is logged; other areas cannot log it', async () => {
		const w = await receptionHN1.rpc('add_walk_in', {
			payload: { full_name: 'Người Xem Sổ', topic: 'hoi_vu_viec' }
		});
		expect(w.error).toBeNull();
		const id = w.data.id as string;
		expect((await receptionHN1.rpc('log_booking_access', { p_id: id })).error).toBeNull();
		expect((await receptionHN1.rpc('log_booking_access', { p_id: id })).error).toBeNull();
		const { data } = await receptionHN1
			.from('file_access_log')
			.select('role, what')
			.eq('owner_kind', 'booking')
			.eq('owner_id', id);
		// Reopening within ten minutes is one opening.
		expect(data).toEqual([{ role: 'reception', what: 'file' }]);
		for (const who of [complaintHN1, procedureHN1]) {
			expect(code((await who.rpc('log_booking_access', { p_id: id })).error)).toBe(
				'booking_not_found'
			);
		}
	});
});
