import { describe, expect, it } from 'vitest';
import { fieldName, inputFromForm, toPayload, validateComplaint } from '$lib/complaints/schema';
import {
	allowedActions,
	daysBetween,
	dueState,
	filingClock,
	KNOWN_ERRORS,
	STATUS_CATEGORY
} from '$lib/complaints/status';
import { normaliseCode, normaliseSecret, kindOfCode } from '$lib/tracking';
import { cleanFileName, precheck, sniffMime } from '$lib/uploads/validate';
import { formatPercent } from '$lib/i18n/format';
import vi from '$lib/i18n/messages/complaints/vi.json';
import en from '$lib/i18n/messages/complaints/en.json';

const UNIT = '00000000-0000-4000-a000-000000000011';

function form(fields: Record<string, string>) {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) fd.set(k, v);
	return fd;
}

const complete = {
	kind: 'complaint',
	filer_capacity: 'creditor',
	via_representative: 'no',
	filer_full_name: 'Nguyễn Thị Lan',
	filer_cccd: '001 234 567 890',
	filer_phone: '0912 345 678',
	filer_province: 'Hà Nội',
	filer_ward: 'Phường Hoàn Kiếm',
	unit_id: UNIT,
	subject: 'coercion',
	learned_on: '2026-11-20',
	content: 'Chấp hành viên kê biên nhầm chiếc xe máy của tôi.',
	request: 'Hủy quyết định kê biên',
	consent: 'yes'
};

describe('complaint schema (one schema for client and server)', () => {
	it('accepts a complete complaint typed with spaces in the CCCD and phone', () => {
		const r = validateComplaint(inputFromForm(form(complete)));
		expect(r.ok).toBe(true);
		if (r.ok) {
			expect(r.data.filer.cccd).toBe('001234567890');
			expect(r.data.filer.phone).toBe('0912345678');
		}
	});

	it('gives message keys per flat field name, never sentences', () => {
		const r = validateComplaint(
			inputFromForm(
				form({
					...complete,
					filer_cccd: '12345',
					filer_phone: '12345',
					content: 'ngắn',
					consent: ''
				})
			)
		);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.errors).toMatchObject({
				filer_cccd: 'complaints_err_cccd',
				filer_phone: 'complaints_err_phone',
				content: 'complaints_err_content',
				consent: 'complaints_err_consent'
			});
			for (const key of Object.values(r.errors)) expect(vi).toHaveProperty(key);
		}
	});

	it('reports every problem of an empty form in one round, whatever kind is (not) chosen', () => {
		for (const kind of ['', 'complaint']) {
			const r = validateComplaint(inputFromForm(form({ kind })));
			expect(r.ok).toBe(false);
			if (r.ok) continue;
			expect(Object.keys(r.errors).sort()).toEqual(
				[
					...(kind ? ['subject', 'learned_on'] : ['kind']),
					'unit_id',
					'filer_full_name',
					'filer_cccd',
					'filer_phone',
					'filer_province',
					'filer_ward',
					'content',
					'request',
					'consent'
				].sort()
			);
		}
	});

	it('accepts +84 phone numbers and rejects 11-digit ones', () => {
		expect(
			validateComplaint(inputFromForm(form({ ...complete, filer_phone: '+84912345678' }))).ok
		).toBe(true);
		expect(
			validateComplaint(inputFromForm(form({ ...complete, filer_phone: '09123456789' }))).ok
		).toBe(false);
	});

	it('requires identity for a denunciation but lets a petition go with a phone or email only', () => {
		const den = validateComplaint(
			inputFromForm(form({ ...complete, kind: 'denunciation', filer_cccd: '', filer_phone: '' }))
		);
		expect(den.ok).toBe(false);
		const pet = validateComplaint(
			inputFromForm(
				form({
					kind: 'petition',
					filer_full_name: 'Người góp ý',
					filer_email: 'a@b.vn',
					unit_id: UNIT,
					content: complete.content,
					request: complete.request,
					consent: 'yes'
				})
			)
		);
		expect(pet.ok).toBe(true);
	});

	it('asks when the complainant learned of the act, and refuses dates in the future', () => {
		const r = validateComplaint(inputFromForm(form({ ...complete, learned_on: '' })));
		expect(!r.ok && r.errors.learned_on).toBe('complaints_err_learned_on');
		const f = validateComplaint(inputFromForm(form({ ...complete, learned_on: '2999-01-01' })));
		expect(!f.ok && f.errors.learned_on).toBe('complaints_err_date_future');
	});

	it('reads co-filers of a group letter and splits out the representatives for the database', () => {
		const fd = form({
			...complete,
			is_group: 'yes',
			co_count: '3',
			co_full_name_0: 'Lê Văn A',
			co_cccd_0: '001234567891',
			co_full_name_1: 'Phạm Thị B',
			co_is_representative_1: 'yes'
		});
		const r = validateComplaint(inputFromForm(fd));
		expect(r.ok).toBe(true);
		if (r.ok) {
			const p = toPayload(r.data);
			expect(p.co_filers.map((c) => c.full_name)).toEqual(['Lê Văn A']);
			expect(p.representatives.map((c) => c.full_name)).toEqual(['Phạm Thị B']);
		}
		const empty = validateComplaint(inputFromForm(form({ ...complete, is_group: 'yes' })));
		expect(!empty.ok && empty.errors.co_filers).toBe('complaints_err_co_filers_required');
		expect(fieldName(['co_filers', 2, 'cccd'])).toBe('co_cccd_2');
	});
});

describe('status rules (mirrored from SQL)', () => {
	it('offers only the transitions the database allows', () => {
		expect(allowedActions({ status: 'received', kind: 'complaint', instance: 1 })).toEqual(
			expect.arrayContaining(['classify', 'accept', 'return', 'forward', 'guide', 'withdraw'])
		);
		expect(allowedActions({ status: 'received', kind: 'complaint', instance: 1 })).not.toContain(
			'resolve'
		);
		expect(allowedActions({ status: 'accepted', kind: 'complaint', instance: 1 })).toContain(
			'resolve'
		);
		expect(allowedActions({ status: 'resolved', kind: 'complaint', instance: 1 })).toEqual([
			'reopen'
		]);
		expect(allowedActions({ status: 'resolved', kind: 'denunciation', instance: 1 })).toEqual([]);
		expect(allowedActions({ status: 'withdrawn', kind: 'complaint', instance: 1 })).toEqual([]);
	});

	it('labels every status, category and error code in both languages', () => {
		for (const s of Object.keys(STATUS_CATEGORY)) {
			expect(vi).toHaveProperty(`complaints_status_${s}`);
			expect(en).toHaveProperty(`complaints_status_${s}`);
		}
		for (const code of [...KNOWN_ERRORS, 'invalid_input', 'generic']) {
			expect(vi).toHaveProperty(`complaints_error_${code}`);
			expect(en).toHaveProperty(`complaints_error_${code}`);
		}
		expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
	});

	it('marks due soon, due today and overdue', () => {
		expect(dueState('2026-12-03', '2026-11-26')).toBe('ok');
		expect(dueState('2026-11-28', '2026-11-26')).toBe('due_soon');
		expect(dueState('2026-11-26', '2026-11-26')).toBe('due_today');
		expect(dueState('2026-11-25', '2026-11-26')).toBe('overdue');
		expect(dueState('2026-11-25', '2026-11-26', false)).toBe('none');
		expect(daysBetween('2026-12-31', '2027-01-02')).toBe(2);
	});

	it('runs the citizen filing clock from the last day computed by deadline_rules', () => {
		expect(filingClock('2026-12-07', '2026-11-26')).toEqual({
			state: 'open',
			daysLeft: 11,
			lastDay: '2026-12-07'
		});
		expect(filingClock('2026-11-26', '2026-11-26')).toEqual({
			state: 'last_day',
			lastDay: '2026-11-26'
		});
		expect(filingClock('2026-11-16', '2026-11-26')).toEqual({
			state: 'passed',
			daysLate: 10,
			lastDay: '2026-11-16'
		});
		expect(filingClock(null, '2026-11-26')).toEqual({ state: 'unknown' });
	});

	it('reproduces the published resolution rate: 32 of 33 complaints resolved → 96,97%', () => {
		expect(formatPercent(32, 33)).toBe('96,97%');
	});
});

describe('tracking codes', () => {
	it('accepts codes without look-alike characters, in any case', () => {
		expect(normaliseCode('kn-7k3m-q9px')).toBe('KN-7K3M-Q9PX');
		expect(normaliseCode('LH7K3MQ9PX')).toBe('LH-7K3M-Q9PX');
		expect(normaliseCode('KN-7K3M-Q9P0')).toBeNull();
		expect(normaliseSecret('ab cd ef gh')).toBe('ABCDEFGH');
		expect(normaliseSecret('ABCDEFG1')).toBeNull();
		expect(kindOfCode('HS-2222-3333')).toBe('application');
	});
});

describe('uploads: type by content, not by name', () => {
	const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);
	it('recognises JPEG, PNG, WEBP and PDF by their magic bytes', () => {
		expect(sniffMime(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
		expect(sniffMime(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
		expect(sniffMime(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
		expect(sniffMime(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
	});
	it('refuses an executable renamed to .jpg, and oversize files before upload', () => {
		expect(sniffMime(new TextEncoder().encode('MZ\x90\0 this is a program'))).toBeNull();
		expect(sniffMime(new TextEncoder().encode('<html><script>'))).toBeNull();
		expect(precheck({ size: 11 * 1024 * 1024, type: 'image/jpeg' })).toBe('too_big');
		expect(precheck({ size: 10, type: 'application/x-msdownload' })).toBe('bad_type');
		expect(precheck({ size: 10, type: 'image/png' })).toBeNull();
	});
	it('cleans file names for display and headers', () => {
		expect(cleanFileName('C:\\Users\\lan\\Quyết định "số 1".pdf')).toBe('Quyết định _số 1_.pdf');
	});
});
