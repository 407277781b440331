import { describe, expect, it } from 'vitest';
import { buildIndex, editDistance, normalise, search } from '$lib/procedures/search';

const catalogue = [
	{
		code: 'yeu-cau-thi-hanh-an',
		name_vi: 'Yêu cầu thi hành án',
		name_en: 'Request for enforcement of a judgment',
		topic_name_vi: 'Yêu cầu thi hành án'
	},
	{
		code: 'xac-nhan-ket-qua-thi-hanh-an',
		name_vi: 'Xác nhận kết quả thi hành án',
		name_en: 'Confirmation of enforcement results',
		result_vi: 'Giấy xác nhận kết quả thi hành án.',
		result_en: 'A confirmation of enforcement results.'
	},
	{
		code: 'thay-doi-chap-hanh-vien',
		name_vi: 'Yêu cầu thay đổi Chấp hành viên',
		name_en: 'Request to change the enforcement officer'
	},
	{
		code: 'mien-giam-phi-thi-hanh-an',
		name_vi: 'Miễn, giảm phí thi hành án',
		name_en: 'Exemption or reduction of the enforcement fee',
		result_vi: 'Quyết định miễn, giảm phí thi hành án hoặc văn bản trả lời.'
	},
	{
		code: 'mien-giam-chi-phi-cuong-che',
		name_vi: 'Miễn, giảm chi phí cưỡng chế thi hành án',
		name_en: 'Exemption or reduction of coercion costs'
	},
	{
		code: 'dinh-gia-lai-tai-san',
		name_vi: 'Yêu cầu định giá lại tài sản kê biên',
		name_en: 'Request to re-value seized assets'
	},
	{
		code: 'to-cao',
		name_vi: 'Giải quyết tố cáo về thi hành án dân sự',
		name_en: 'Denunciation about enforcement'
	}
];
const index = buildIndex(catalogue);
const codes = (q: string) => search(index, q).map((x) => x.code);

describe('normalise', () => {
	it('drops diacritics, case and punctuation, including đ and decomposed input', () => {
		expect(normalise('Xác nhận KẾT QUẢ thi hành án, Đồng!')).toBe(
			'xac nhan ket qua thi hanh an dong'
		);
		expect(normalise('Miễn, giảm   phí')).toBe('mien giam phi');
		expect(normalise('Cưỡng chế'.normalize('NFD'))).toBe('cuong che');
		expect(normalise('ỲÝỶỸỴ đĐ')).toBe('yyyyy dd');
	});
});

describe('editDistance', () => {
	it('counts substitutions, insertions and swaps, capped', () => {
		expect(editDistance('nhan', 'nhan')).toBe(0);
		expect(editDistance('nhna', 'nhan')).toBe(1);
		expect(editDistance('ket', 'kett')).toBe(1);
		expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
	});
});

describe('search', () => {
	it('finds a procedure by the name of what the citizen gets ("giay xac nhan")', () => {
		expect(codes('giay xac nhan')[0]).toBe('xac-nhan-ket-qua-thi-hanh-an');
		expect(codes('quyet dinh mien giam')[0]).toBe('mien-giam-phi-thi-hanh-an');
	});

	it('"xac nhan ket qua" finds "Xác nhận kết quả thi hành án" first', () => {
		expect(codes('xac nhan ket qua')[0]).toBe('xac-nhan-ket-qua-thi-hanh-an');
		expect(codes('xac nhan ket qua')).toHaveLength(1);
	});

	it('forgives typos and partial words', () => {
		expect(codes('xac nhna ket qau')[0]).toBe('xac-nhan-ket-qua-thi-hanh-an');
		expect(codes('mien giam phi')[0]).toBe('mien-giam-phi-thi-hanh-an');
		expect(codes('cuong ch')).toEqual(['mien-giam-chi-phi-cuong-che']);
		expect(codes('dinh gia')[0]).toBe('dinh-gia-lai-tai-san');
		expect(codes('chap hanh vien')[0]).toBe('thay-doi-chap-hanh-vien');
	});

	it('matches English names and returns everything for an empty query', () => {
		expect(codes('re-value seized')[0]).toBe('dinh-gia-lai-tai-san');
		expect(codes('   ')).toHaveLength(catalogue.length);
	});

	it('finds nothing for unrelated words', () => {
		expect(codes('hộ chiếu visa')).toEqual([]);
	});
});
