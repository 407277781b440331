import { describe, expect, it } from 'vitest';
import {
	answersSchema,
	fieldDefinitionsSchema,
	issuesByField,
	type FieldDefinition
} from '$lib/procedures/fields';
import { applicantSchema, codeSchema } from '$lib/procedures/schema';
import { actionsFor, citizenStep } from '$lib/procedures/status';

const fields: FieldDefinition[] = [
	{
		name: 'so_ban_an',
		label_vi: 'Số bản án',
		label_en: 'Judgment no.',
		type: 'text',
		required: true,
		max_length: 10
	},
	{ name: 'ngay', label_vi: 'Ngày', label_en: 'Date', type: 'date', required: true },
	{ name: 'cccd', label_vi: 'CCCD', label_en: 'ID', type: 'cccd' },
	{ name: 'dt', label_vi: 'Điện thoại', label_en: 'Phone', type: 'phone' },
	{ name: 'tien', label_vi: 'Số tiền', label_en: 'Amount', type: 'money' },
	{ name: 'so', label_vi: 'Số', label_en: 'Number', type: 'number' },
	{ name: 'noi_dung', label_vi: 'Nội dung', label_en: 'Text', type: 'textarea' },
	{
		name: 'tu_cach',
		label_vi: 'Bạn là',
		label_en: 'You are',
		type: 'select',
		required: true,
		options: [
			{ value: 'a', label_vi: 'A', label_en: 'A' },
			{ value: 'b', label_vi: 'B', label_en: 'B' }
		]
	}
];

describe('answersSchema built from field definitions', () => {
	const schema = answersSchema(fields);

	it('accepts valid answers and normalises money, phone and spacing', () => {
		const r = schema.safeParse({
			so_ban_an: ' 12/2025 ',
			ngay: '2025-03-01',
			cccd: '001 234 567 890',
			dt: '0912 345 678',
			tien: '1.500.000 đ',
			so: '3,5',
			tu_cach: 'b',
			extra: 'dropped'
		});
		expect(r.success).toBe(true);
		expect(r.data).toEqual({
			so_ban_an: '12/2025',
			ngay: '2025-03-01',
			cccd: '001234567890',
			dt: '0912345678',
			tien: '1500000',
			so: '3,5',
			tu_cach: 'b'
		});
	});

	it('leaves out empty optional answers', () => {
		const r = schema.safeParse({
			so_ban_an: 'x',
			ngay: '2025-01-31',
			tu_cach: 'a',
			noi_dung: '  '
		});
		expect(r.success && r.data).toEqual({ so_ban_an: 'x', ngay: '2025-01-31', tu_cach: 'a' });
	});

	it('reports each bad field with a message key', () => {
		const r = schema.safeParse({
			so_ban_an: 'much too long here',
			ngay: '2025-02-30',
			cccd: '12345',
			dt: '123',
			tien: '12a',
			so: 'abc',
			tu_cach: 'z'
		});
		expect(r.success).toBe(false);
		expect(issuesByField(r.error!, 'answers.')).toEqual({
			'answers.so_ban_an': 'procedures_error_too_long',
			'answers.ngay': 'procedures_error_date',
			'answers.cccd': 'procedures_error_cccd',
			'answers.dt': 'procedures_error_phone',
			'answers.tien': 'procedures_error_money',
			'answers.so': 'procedures_error_number',
			'answers.tu_cach': 'procedures_error_option'
		});
	});

	it('requires required fields', () => {
		const r = schema.safeParse({});
		expect(issuesByField(r.error!)).toEqual({
			so_ban_an: 'procedures_error_required',
			ngay: 'procedures_error_required',
			tu_cach: 'procedures_error_required'
		});
	});

	it('applies the default maximum length (200; 2000 for textarea)', () => {
		const base = { so_ban_an: 'x', ngay: '2025-01-01', tu_cach: 'a' };
		expect(schema.safeParse({ ...base, noi_dung: 'a'.repeat(2000) }).success).toBe(true);
		expect(schema.safeParse({ ...base, noi_dung: 'a'.repeat(2001) }).success).toBe(false);
	});
});

describe('field definitions themselves', () => {
	it('accepts the sample and refuses a select without options or duplicate names', () => {
		expect(fieldDefinitionsSchema.safeParse(fields).success).toBe(true);
		expect(
			fieldDefinitionsSchema.safeParse([
				{ name: 'x', label_vi: 'x', label_en: 'x', type: 'select' }
			]).success
		).toBe(false);
		expect(fieldDefinitionsSchema.safeParse([fields[0], fields[0]]).success).toBe(false);
	});
});

describe('applicant and code schemas', () => {
	it('needs a phone or an e-mail and normalises +84', () => {
		expect(applicantSchema.safeParse({ name: 'Nguyễn Văn A' }).success).toBe(false);
		const r = applicantSchema.safeParse({ name: 'Nguyễn Văn A', phone: '+84 912 345 678' });
		expect(r.success && r.data.phone).toBe('0912345678');
		expect(applicantSchema.safeParse({ name: 'A B', email: 'not-mail' }).success).toBe(false);
	});

	it('forgives lower case and missing dashes in a code', () => {
		expect(codeSchema.parse('hs 23ab cdef')).toBe('HS-23AB-CDEF');
		expect(codeSchema.safeParse('KN-23AB-CDEF').success).toBe(false);
		expect(codeSchema.safeParse('HS-O0I1-CDEF').success).toBe(false);
	});
});

describe('status rules', () => {
	it('offers only the transitions the database allows', () => {
		expect(actionsFor('submitted', false)).toEqual(['check', 'refuse']);
		expect(actionsFor('processing', true)).toEqual([
			'request_documents',
			'assign',
			'record_result',
			'apology'
		]);
		expect(actionsFor('returned', false)).toEqual([]);
		expect(citizenStep('needs_documents')).toBe(1);
	});
});
