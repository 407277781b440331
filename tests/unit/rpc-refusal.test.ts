import { afterEach, describe, expect, it, vi } from 'vitest';
import { Refusal, call, callByCode, refusalOf } from '../../src/lib/server/rpc';
import type { Db } from '../../src/lib/server/supabase';

/** A client whose rpc() answers what the database would. */
const answering = (data: unknown, error: unknown = null) =>
	({ rpc: async () => ({ data, error }) }) as unknown as Db;

afterEach(() => vi.restoreAllMocks());

describe('one refusal rule for every SQL function (17.3)', () => {
	it('a coded message becomes the refusal code, with the DETAIL', () => {
		const r = refusalOf({ code: 'P0001', message: 'documents_missing', details: 'don_de_nghi' });
		expect(r).toBeInstanceOf(Refusal);
		expect(r.code).toBe('documents_missing');
		expect(r.detail).toBe('don_de_nghi');
	});
	it('permission errors are not_allowed; anything else is unexpected and logged', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(refusalOf({ code: '42501', message: 'permission denied for table x' }).code).toBe(
			'not_allowed'
		);
		expect(refusalOf({ code: 'PGRST301', message: 'JWT expired' }).code).toBe('not_allowed');
		expect(refusalOf({ code: '23505', message: 'duplicate key value' }).code).toBe('unexpected');
		expect(log).toHaveBeenCalledTimes(1);
	});
	it('call() throws the refusal and returns the data otherwise', async () => {
		await expect(
			call(answering(null, { code: 'P0001', message: 'slot_full' }), 'check_in_booking', {
				p_code: 'LH-2345-6789'
			})
		).rejects.toMatchObject({ code: 'slot_full' });
		expect(
			await call(answering(true), 'rate_application_by_code', {
				code: 'HS-2345-6789',
				secret: 'ABCDEFGH',
				rating: 5,
				comment: null
			})
		).toBe(true);
	});
	it('a code + secret function answering null is tracking_not_found', async () => {
		await expect(
			callByCode(answering(null), 'get_booking_by_code', {
				p_code: 'LH-2345-6789',
				p_secret: 'ABCDEFGH'
			})
		).rejects.toMatchObject({ code: 'tracking_not_found' });
	});
});
