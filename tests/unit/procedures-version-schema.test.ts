// The admin's catalogue edit (one new procedure version): the zod schema shared by the edit page
// and its form action, read from repeatable rows (no JSON), the row buttons, the keys kept or
// made from names, the issues by row control, and the preview of the citizen's form.
import { describe, expect, it } from 'vitest';
import {
	applyRowAction,
	docRow,
	fieldRow,
	parseOptions,
	parseVersion,
	previewFields,
	returnReasonSchema,
	slugKey,
	valuesFromForm
} from '../../src/lib/procedures/version-schema';
import type { FieldDefinition } from '../../src/lib/procedures/fields';

const fields: FieldDefinition[] = [
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
		options: [
			{ value: 'duoc_thi_hanh', label_vi: 'Người được thi hành án', label_en: 'Creditor' },
			{ value: 'phai_thi_hanh', label_vi: 'Người phải thi hành án', label_en: 'Debtor' }
		]
	}
];
const documents = [
	{ key: 'don_yeu_cau', label_vi: 'Đơn', label_en: 'Request', required: true, copies: 1 }
];

type Row = Record<string, string | boolean>;
function form(
	over: Record<string, string | string[] | null> = {},
	rows?: { documents?: Row[]; fields?: Row[] }
) {
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
		...over
	};
	const f = new FormData();
	for (const [k, v] of Object.entries(base)) {
		if (v === null) continue;
		for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
	}
	const lists = {
		documents: rows?.documents ?? documents.map((d) => ({ ...docRow(d) })),
		fields: rows?.fields ?? fields.map((x) => ({ ...fieldRow(x) }))
	};
	for (const [list, items] of Object.entries(lists))
		items.forEach((row, i) => {
			for (const [k, v] of Object.entries(row)) {
				if (v === false) continue;
				f.append(`${list}.${i}.${k}`, v === true ? 'on' : v);
			}
		});
	return f;
}

describe('parseVersion (rows)', () => {
	it('accepts a valid edit and turns the rows into the stored lists, keeping keys and option values', () => {
		const r = parseVersion(form({ fee_amount: '1.500.000 đ' }));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.data).toMatchObject({
			base_version: 3,
			processing_days: 5,
			fee_amount: 1500000,
			modes: ['online_partial', 'in_person'],
			needs_check: true,
			documents: [{ key: 'don_yeu_cau', required: true, copies: 1 }],
			fields: [
				{ name: 'so_ban_an', required: true },
				{ name: 'tu_cach', options: [{ value: 'duoc_thi_hanh' }, { value: 'phai_thi_hanh' }] }
			]
		});
	});

	it('makes keys for new rows from the Vietnamese name, unique within the list', () => {
		const r = parseVersion(
			form(
				{},
				{
					documents: [
						{ ...docRow(documents[0]!) },
						{ ...docRow({}), label_vi: 'Giấy tờ tùy thân', label_en: 'ID', required: true },
						{ ...docRow({}), label_vi: 'Giấy tờ tùy thân', label_en: 'ID 2' }
					],
					fields: [
						{ ...fieldRow(fields[0]!) },
						{ ...fieldRow(fields[0]!), name: '', label_vi: 'Số bản án' }
					]
				}
			)
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.data.documents.map((d) => d.key)).toEqual([
			'don_yeu_cau',
			'giay_to_tuy_than',
			'giay_to_tuy_than_2'
		]);
		expect(r.data.fields.map((f) => f.name)).toEqual(['so_ban_an', 'so_ban_an_2']);
	});

	it('reads an unticked "needs checking" box as false and an empty fee as free', () => {
		const r = parseVersion(form({ needs_check: null }));
		expect(r.ok && r.data.needs_check).toBe(false);
		expect(r.ok && r.data.fee_amount).toBe(0);
	});

	it("puts each row's problem on that row's control, naming the row", () => {
		const r = parseVersion(
			form(
				{},
				{
					documents: [
						{ ...docRow(documents[0]!) },
						{ ...docRow({}), label_vi: '', label_en: 'X', copies: '99' }
					],
					fields: [{ ...fieldRow(fields[1]!), options: '' }]
				}
			)
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.issues['documents.1.label_vi']).toEqual({
			key: 'procedures_error_required',
			params: { row: 'doc', n: '2' }
		});
		expect(r.issues['documents.1.copies']?.key).toBe('procedures_catalogue_error_copies');
		expect(r.issues['fields.0.options']).toEqual({
			key: 'procedures_catalogue_error_row_options',
			params: { row: 'field', n: '1' }
		});
		// What was typed comes back as rows.
		expect((r.values.documents as Row[])[1]).toMatchObject({ label_en: 'X', copies: '99' });
	});

	it("refuses an editor's mark in a row, and an unknown answer type", () => {
		const r = parseVersion(
			form(
				{},
				{ fields: [{ ...fieldRow(fields[0]!), label_vi: 'Số bản án [check]', type: 'file' }] }
			)
		);
		expect(!r.ok && r.issues['fields.0.label_vi']?.key).toBe(
			'procedures_catalogue_error_editor_mark'
		);
		expect(!r.ok && r.issues['fields.0.type']?.key).toBe('procedures_catalogue_error_row_type');
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

describe('row buttons', () => {
	const values = () => valuesFromForm(form());

	it('adds an empty row and focuses its first box', () => {
		const r = applyRowAction(values(), 'documents.add')!;
		expect((r.values.documents as Row[]).length).toBe(2);
		expect(r.focus).toBe('documents.1.label_vi');
	});

	it('moves rows up and down, and removes one', () => {
		const down = applyRowAction(values(), 'fields.down.0')!;
		expect((down.values.fields as Row[]).map((f) => f.name)).toEqual(['tu_cach', 'so_ban_an']);
		expect(down.focus).toBe('fields.1.label_vi');
		const up = applyRowAction(down.values, 'fields.up.1')!;
		expect((up.values.fields as Row[]).map((f) => f.name)).toEqual(['so_ban_an', 'tu_cach']);
		const removed = applyRowAction(values(), 'fields.remove.0')!;
		expect((removed.values.fields as Row[]).map((f) => f.name)).toEqual(['tu_cach']);
		expect(removed.focus).toBe('fields-add');
	});

	it('ignores an unknown or out-of-range action', () => {
		expect(applyRowAction(values(), 'fields.explode.0')).toBeNull();
		expect(applyRowAction(values(), 'documents.remove.7')).toBeNull();
	});
});

describe('helpers', () => {
	it('makes keys without diacritics that start with a letter', () => {
		expect(slugKey('Đơn đề nghị', 'giay_to', new Set())).toBe('don_de_nghi');
		expect(slugKey('123', 'giay_to', new Set())).toBe('giay_to_123');
		expect(slugKey('', 'truong', new Set(['truong']))).toBe('truong_2');
	});

	it('reads choices one per line, keeping old values in order', () => {
		expect(parseOptions('Có | Yes\nKhông', 'co_y')).toEqual([
			{ value: 'co_y', label_vi: 'Có', label_en: 'Yes' },
			{ value: 'khong', label_vi: 'Không', label_en: 'Không' }
		]);
	});

	it('previews only rows with a label and a known type', () => {
		const p = previewFields([
			fieldRow(fields[0]!),
			{ ...fieldRow(fields[0]!), name: '', label_vi: '' },
			{ ...fieldRow(fields[0]!), name: '', label_vi: 'Ngày', type: 'date' }
		]);
		expect(p.map((f) => [f.name, f.type])).toEqual([
			['so_ban_an', 'text'],
			['ngay', 'date']
		]);
	});

	it('wants a return reason of 3 to 1000 characters', () => {
		expect(returnReasonSchema.safeParse('  ').success).toBe(false);
		expect(returnReasonSchema.safeParse(null).success).toBe(false);
		expect(returnReasonSchema.safeParse(' Sai thời hạn ').data).toBe('Sai thời hạn');
	});
});
