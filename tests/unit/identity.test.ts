import { describe, expect, it } from 'vitest';
import {
	canonicalPhone,
	isCccd,
	isPassport,
	isUuid,
	kindOfCode,
	normaliseCode,
	normaliseSecret
} from '../../src/lib/identity';
import { normalizePhone } from '../../src/lib/reception/schema';
import { applicantSchema } from '../../src/lib/procedures/schema';
import { phone as complaintPhone } from '../../src/lib/complaints/schema';

describe('canonicalPhone', () => {
	it('gives every way of writing one mobile number the same form', () => {
		for (const v of [
			'0912345678',
			'+84912345678',
			'84912345678',
			'+84 912.345-678',
			'(091) 234 5678'
		])
			expect(canonicalPhone(v)).toBe('0912345678');
	});
	it('refuses what is not a Vietnamese mobile number', () => {
		for (const v of ['091234567', '09123456789', '+1 202 555 0100', '', 'abc', null, undefined])
			expect(canonicalPhone(v)).toBeNull();
	});
	it('is the rule of all three features', () => {
		expect(normalizePhone('+84 912 345 678')).toBe('0912345678');
		expect(complaintPhone.parse('+84 912 345 678')).toBe('0912345678');
		const applicant = applicantSchema.parse({
			name: 'Trần Văn Bình',
			phone: '+84 912 345 678',
			consent: 'yes'
		});
		expect(applicant.phone).toBe('0912345678');
	});
});

describe('isCccd', () => {
	it('accepts a 12-digit number with a province code and a century digit 0–3', () => {
		expect(isCccd('001062004567')).toBe(true); // Hà Nội, male born 1962
		expect(isCccd('079 203 001 234')).toBe(true); // TP.HCM, female born 2003, spaces typed
	});
	it('refuses unknown provinces, impossible centuries and wrong lengths', () => {
		expect(isCccd('003062004567')).toBe(false); // 003 is no province
		expect(isCccd('001462004567')).toBe(false); // century digit 4: born after 2100
		expect(isCccd('00106200456')).toBe(false);
		expect(isCccd('00106200456a')).toBe(false);
	});
	it('tells a passport apart from a CCCD', () => {
		expect(isPassport('C1234567')).toBe(true);
		expect(isPassport('001062004567')).toBe(false);
		expect(isPassport('AB12')).toBe(false);
	});
});

describe('tracking codes', () => {
	it('reads a denunciation code (TC-) like the others', () => {
		expect(normaliseCode('tc 7k3m q9px')).toBe('TC-7K3M-Q9PX');
		expect(kindOfCode('TC-7K3M-Q9PX')).toBe('complaint');
		expect(normaliseCode('kn-7k3m-q9px')).toBe('KN-7K3M-Q9PX');
		expect(kindOfCode('LH-7K3M-Q9PX')).toBe('booking');
	});
	it('refuses other prefixes and look-alike characters', () => {
		expect(normaliseCode('XX-7K3M-Q9PX')).toBeNull();
		expect(normaliseCode('KN-0O1I-L000')).toBeNull();
		expect(normaliseSecret('abcd efgh')).toBe('ABCDEFGH');
		expect(normaliseSecret('ABCDEFG0')).toBeNull();
	});
});

describe('isUuid', () => {
	it('accepts a UUID in either case and nothing else', () => {
		expect(isUuid('00000000-0000-4000-a000-000000000011')).toBe(true);
		expect(isUuid('00000000-0000-4000-A000-00000000001F')).toBe(true);
		expect(isUuid('00000000-0000-4000-a000-00000000001')).toBe(false);
		expect(isUuid(null)).toBe(false);
	});
});
