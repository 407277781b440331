import { describe, expect, it } from 'vitest';
import { asObject, inPageOrder, uploadedFromForm } from '$lib/procedures/server/form';
import type { CatalogueEntry } from '$lib/procedures/types';

const p = {
	fields: [
		{ name: 'so_qd', label_vi: 'Số quyết định', label_en: 'Decision no.', type: 'text' },
		{ name: 'ban_la', label_vi: 'Bạn là', label_en: 'You are', type: 'select' }
	],
	documents: [
		{ key: 'don', label_vi: 'Đơn đề nghị', label_en: 'Request', required: true },
		{ key: 'cccd', label_vi: 'Ảnh CCCD', label_en: 'ID card', required: true }
	]
} as unknown as Pick<CatalogueEntry, 'fields' | 'documents'>;

const A = '0b6f6f0e-6a43-4d8c-9a86-3e1f2b1a9c01';
const B = '0b6f6f0e-6a43-4d8c-9a86-3e1f2b1a9c02';

describe('application form errors', () => {
	it('lists the errors in the order of the page, whatever order they were found in', () => {
		const found = {
			consent: 'c',
			'doc.cccd': 'd2',
			'doc.don': 'd1',
			'answers.ban_la': 'a2',
			'applicant.phone': 'p',
			'answers.so_qd': 'a1',
			unit_id: 'u',
			'applicant.name': 'n',
			form: 'f'
		};
		expect(Object.keys(inPageOrder(p, found))).toEqual([
			'unit_id',
			'applicant.name',
			'applicant.phone',
			'answers.so_qd',
			'answers.ban_la',
			'doc.don',
			'doc.cccd',
			'consent',
			'form'
		]);
	});

	it('names a document after a verb without lowering its acronyms', () => {
		expect(asObject('Ảnh hoặc bản sao CCCD/hộ chiếu', 'vi')).toBe('ảnh hoặc bản sao CCCD/hộ chiếu');
		expect(asObject('Request for confirmation', 'en')).toBe('request for confirmation');
	});
});

describe('files the uploader already sent', () => {
	it('reads the ids per document and drops anything that is not an id of a known document', () => {
		const fd = new FormData();
		fd.append('file_ids.don', A);
		fd.append('file_ids.cccd', B);
		fd.append('file_ids.cccd', 'not-an-id');
		fd.append('file_ids.other', A);
		expect(uploadedFromForm(p, fd)).toEqual([
			{ attachment_id: A, document_key: 'don' },
			{ attachment_id: B, document_key: 'cccd' }
		]);
	});
});
