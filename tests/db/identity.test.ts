/**
 * Issue 17.2 and 18.6: one rule for phone numbers, CCCD and tracking codes, in SQL as in
 * src/lib/identity. Before: complaints kept "+84…", reception rewrote to "0…", so the per-filer
 * limit counted 0912… and +84912… as two people; every complaint-family letter got KN-.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	anonClient,
	isStandIn,
	randomClientAddress,
	serviceClient,
	sql,
	draftAttachment
} from './helpers';
import { canonicalPhone, isCccd } from '../../src/lib/identity';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const nineDigits = () => String(Math.floor(Math.random() * 1e9)).padStart(9, '0');

const filing = (over: Record<string, unknown> = {}) => ({
	kind: 'complaint',
	subject: 'coercion',
	unit_id: HN_KV1,
	consent: true,
	learned_on: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
	content: 'Chấp hành viên kê biên nhầm tài sản của tôi, không phải của người phải thi hành án.',
	request: 'Hủy quyết định kê biên',
	...over
});

type Filed = { code: string; secret: string; complaint_id: string };
async function file(client: SupabaseClient, over: Record<string, unknown>) {
	const r = await client.rpc('submit_complaint', {
		payload: filing(over),
		idempotency_key: randomUUID()
	});
	return { error: r.error, row: (r.data as Filed[] | null)?.[0] };
}

describe('one canonical phone number', () => {
	it('0912… and +84 912… are one filer for the per-filer limit', async () => {
		const digits = `9${nineDigits().slice(1)}`;
		const forms = [`0${digits}`, `+84${digits}`, `+84 ${digits.slice(0, 3)} ${digits.slice(3)}`];
		// A fresh client address for each filing: only the per-filer limit (3 in 10 minutes) counts.
		for (const phone of forms) {
			const r = await file(anonClient({ address: randomClientAddress() }), {
				filer: { full_name: 'Trần Văn Kiện', phone, province: 'Hà Nội' }
			});
			expect(r.error).toBeNull();
		}
		const fourth = await file(anonClient({ address: randomClientAddress() }), {
			filer: { full_name: 'Trần Văn Kiện', phone: `0${digits}`, province: 'Hà Nội' }
		});
		expect(fourth.error?.message).toBe('rate_limited');
	});

	it('a filer who types +84… is stored as 0…', async () => {
		const digits = `9${nineDigits().slice(1)}`;
		const r = await file(anonClient(), {
			filer: { full_name: 'Lê Thị Hoa', phone: `+84${digits}`, province: 'Hà Nội' }
		});
		expect(r.error).toBeNull();
		const { data, error } = await serviceClient()
			.from('complaint_parties')
			.select('phone')
			.eq('complaint_id', r.row!.complaint_id);
		expect(error).toBeNull();
		expect(data).toEqual([{ phone: `0${digits}` }]);
	});

	it('SQL and TypeScript canonicalise the same way', async () => {
		if (!isStandIn()) return; // sql() needs the stand-in's owner endpoint
		const inputs = [
			'0912345678',
			'+84912345678',
			'84912345678',
			'+84 912.345-678',
			'(091) 234 5678',
			'091234567',
			'+1 202 555 0100',
			'',
			'abc'
		];
		const rows = await sql<{ v: string | null }>(
			`select private.canonical_phone(x) as v from unnest($1::text[]) with ordinality t(x, i) order by i`,
			[inputs]
		);
		expect(rows.map((r) => r.v)).toEqual(inputs.map((i) => canonicalPhone(i)));
		expect(rows.map((r) => r.v)).toEqual([
			'0912345678',
			'0912345678',
			'0912345678',
			'0912345678',
			'0912345678',
			null,
			null,
			null,
			null
		]);
	});

	it('SQL and TypeScript agree on CCCD numbers (province code, century digit)', async () => {
		if (!isStandIn()) return;
		const inputs = ['001062004567', '079203001234', '003062004567', '001462004567', '00106200456'];
		const rows = await sql<{ v: boolean }>(
			`select private.valid_cccd(x) as v from unnest($1::text[]) with ordinality t(x, i) order by i`,
			[inputs]
		);
		expect(rows.map((r) => r.v)).toEqual(inputs.map((i) => isCccd(i)));
		expect(rows.map((r) => r.v)).toEqual([true, true, false, false, false]);
	});
});

describe('one canonical phone number for applications', () => {
	it('"0912 345 678" and "0912.345.678" count with 0912345678 in the per-applicant limit', async () => {
		const digits = `9${nineDigits().slice(1)}`;
		const forms = [
			`0${digits}`,
			`0${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`,
			`0${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`,
			`+84 ${digits}`
		];
		const results: (string | null)[] = [];
		for (let i = 0; i < 11; i++) {
			const key = randomUUID();
			const r = await anonClient({ address: randomClientAddress() }).rpc('submit_application', {
				payload: {
					procedure_code: 'xac-nhan-ket-qua-thi-hanh-an',
					unit_id: HN_KV1,
					consent: true,
					applicant: { name: 'Trần Văn Bình', phone: forms[i % forms.length] },
					answers: { so_quyet_dinh_tha: '12/QĐ-THADS', tu_cach: 'duoc_thi_hanh' },
					documents: [
						{ attachment_id: await draftAttachment(key), document_key: 'don_de_nghi' },
						{ attachment_id: await draftAttachment(key), document_key: 'giay_to_tuy_than' }
					]
				},
				idempotency_key: key
			});
			results.push(r.error?.message ?? null);
		}
		expect(results.slice(0, 10)).toEqual(Array(10).fill(null));
		expect(results[10]).toBe('rate_limited');
		const { data } = await serviceClient()
			.from('applications')
			.select('applicant_phone')
			.like('applicant_phone', `%${digits.slice(3)}`);
		expect(new Set((data ?? []).map((r) => r.applicant_phone))).toEqual(new Set([`0${digits}`]));
	});
});

describe('denunciations get their own code prefix (18.6)', () => {
	it('a denunciation is TC-…, a complaint and a petition stay KN-…, and TC codes resolve', async () => {
		const anon = anonClient();
		const filer = {
			full_name: 'Người tố cáo',
			cccd: '001090001111',
			phone: `09${nineDigits().slice(1)}`,
			province: 'Hà Nội',
			ward: 'Phường Ba Đình'
		};
		const den = await file(anon, {
			kind: 'denunciation',
			subject: undefined,
			enforcement_officer: 'Chấp hành viên X',
			filer
		});
		expect(den.error).toBeNull();
		expect(den.row!.code).toMatch(/^TC-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
		const com = await file(anon, {
			filer: { full_name: 'Người khiếu nại', phone: `09${nineDigits().slice(1)}` }
		});
		expect(com.row!.code).toMatch(/^KN-/);
		const pet = await file(anon, {
			kind: 'petition',
			subject: undefined,
			filer: { full_name: 'Người kiến nghị', phone: `09${nineDigits().slice(1)}` }
		});
		expect(pet.row!.code).toMatch(/^KN-/);

		// Typed loosely (lower case, spaces), as a citizen reads it out.
		const typed = den.row!.code.toLowerCase().replace(/-/g, ' ');
		const view = await anon.rpc('get_complaint_by_code', { code: typed, secret: den.row!.secret });
		expect(view.error).toBeNull();
		expect((view.data as { code: string; kind: string }).code).toBe(den.row!.code);
		expect((view.data as { kind: string }).kind).toBe('denunciation');
	});
});
