// The admin's catalogue edit (one new procedure version): the zod schema shared by the edit page
// and its form action, and the Vietnamese-keyed issues it reports for the JSON lists.
import { describe, expect, it } from 'vitest';
import { parseVersion } from '../../src/lib/procedures/version-schema';

const fields = [
	{
		name: 'so_ban_an',
		label_vi: 'Số bản án',
		label_en: 'Judgment no.',
		type: 'text',
		required: true
	},
	{
		name: 'tu_cach',
		label_vi: 'Bạn là',
		label_en: 'You are',
		type: 'select',
		options: [{ value: 'a', label_vi: 'A', label_en: 'A' }]
	}
];
const documents = [{ key: 'don_yeu_cau', label_vi: 'Đơn', label_en: 'Request', required: true }];

function form(over: Record<string, string | string[] | null> = {}): FormData {
	const base: Record<string, string | string[] | null> = {
		base_version: '3',
		topic_code: 'xac_nhan',
		name_vi: 'Xác nhận kết quả thi hành án',
		name_en: 'Confirmation of enforcement results',
		processing_days: '5',
		fee_amount: '',
		fee_vi: 'Không thu phí',
		fee_en: 'Free of charge',
		modes: ['online_partial', 'in_person'],
		needs_check: 'on',
		documents: JSON.stringify(documents),
		fields: JSON.stringify(fields),
		...over
	};
	const f = new FormData();
	for (const [k, v] of Object.entries(base)) {
		if (v === null) continue;
		for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
	}
	return f;
}

describe('parseVersion', () => {
	it('accepts a valid edit and turns the strings into the publish payload', () => {
		const r = parseVersion(form({ fee_amount: '1.500.000 đ' }));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.data).toMatchObject({
			base_version: 3,
			processing_days: 5,
			fee_amount: 1500000,
			modes: ['online_partial', 'in_person'],
			needs_check: true,
			documents: [{ key: 'don_yeu_cau', required: true }],
			fields: [{ name: 'so_ban_an' }, { name: 'tu_cach' }]
		});
	});

	it('reads an unticked "needs checking" box as false and an empty fee as free', () => {
		const r = parseVersion(form({ needs_check: null }));
		expect(r.ok && r.data.needs_check).toBe(false);
		expect(r.ok && r.data.fee_amount).toBe(0);
	});

	it('names the field and item that is wrong inside the JSON lists', () => {
		const bad = [{ ...fields[0], name: 'Số bản án' }, fields[1]];
		const r = parseVersion(form({ fields: JSON.stringify(bad) }));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.issues.fields).toEqual({
			key: 'procedures_catalogue_error_field_name',
			params: { n: '1', prop: 'name' }
		});
	});

	it('reports a select without options, duplicate names and duplicate document keys', () => {
		const noOptions = [fields[0], { ...fields[1], options: [] }];
		const dup = [fields[0], { ...fields[0], label_vi: 'Khác' }];
		const dupDocs = [documents[0], documents[0]];
		const a = parseVersion(form({ fields: JSON.stringify(noOptions) }));
		const b = parseVersion(form({ fields: JSON.stringify(dup) }));
		const c = parseVersion(form({ documents: JSON.stringify(dupDocs) }));
		expect(!a.ok && a.issues.fields?.key).toBe('procedures_catalogue_error_field_options');
		expect(!a.ok && a.issues.fields?.params?.n).toBe('2');
		expect(!b.ok && b.issues.fields?.key).toBe('procedures_catalogue_error_field_duplicate');
		expect(!c.ok && c.issues.documents?.key).toBe('procedures_catalogue_error_doc_duplicate');
	});

	it('reports text that is not JSON, and JSON that is not a list', () => {
		const a = parseVersion(form({ fields: '[{"name": "x",}]' }));
		const b = parseVersion(form({ documents: '{"key": "x"}' }));
		expect(!a.ok && a.issues.fields?.key).toBe('procedures_catalogue_error_json');
		expect(!b.ok && b.issues.documents?.key).toBe('procedures_catalogue_error_list');
	});

	it('refuses days outside 0–365, no mode, and a missing name, keeping what was typed', () => {
		const r = parseVersion(form({ processing_days: '400', modes: [], name_vi: ' ' }));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.issues.processing_days?.key).toBe('procedures_catalogue_error_days');
		expect(r.issues.modes?.key).toBe('procedures_catalogue_error_modes');
		expect(r.issues.name_vi?.key).toBe('procedures_error_required');
		expect(r.values.processing_days).toBe('400');
	});
});
