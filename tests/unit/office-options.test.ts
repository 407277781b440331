import { describe, expect, it } from 'vitest';
import { officeGroups, officeLabel } from '$lib/offices/office-options';

const row = (id: string, level: string, name: string, province_name: string | null) => ({
	id,
	level,
	name,
	province_name
});

describe('office choices (issue 18.8: readable at 360 px)', () => {
	it('starts a regional office with what tells it apart', () => {
		expect(
			officeLabel(row('a', 'khu_vuc', 'Phòng Thi hành án dân sự khu vực 1 – Hà Nội', 'Hà Nội'))
		).toBe('Khu vực 1 – Hà Nội');
		expect(officeLabel(row('b', 'tinh', 'Thi hành án dân sự tỉnh Gia Lai', 'Gia Lai'))).toBe(
			'Thi hành án dân sự tỉnh Gia Lai'
		);
	});

	it('drops the common prefix of a regional office named without a number', () => {
		expect(officeLabel(row('c', 'khu_vuc', 'Phòng THADS khu vực thử E2E-PH71478', 'Hà Nội'))).toBe(
			'Khu vực thử E2E-PH71478'
		);
		expect(
			officeLabel(row('d', 'khu_vuc', 'Phòng Thi hành án dân sự khu vực Cần Giờ', 'Hồ Chí Minh'))
		).toBe('Khu vực Cần Giờ');
	});

	it('groups by province, national first, provincial agency first, regions by number', () => {
		const { top, groups } = officeGroups([
			row('kv10', 'khu_vuc', 'Phòng Thi hành án dân sự khu vực 10 – Hà Nội', 'Hà Nội'),
			row('gl1', 'khu_vuc', 'Phòng Thi hành án dân sự khu vực 1 – Gia Lai', 'Gia Lai'),
			row('kv2', 'khu_vuc', 'Phòng Thi hành án dân sự khu vực 2 – Hà Nội', 'Hà Nội'),
			row('hn', 'tinh', 'Thi hành án dân sự thành phố Hà Nội', 'Hà Nội'),
			row('cuc', 'cuc', 'Cục Quản lý Thi hành án dân sự', 'Hà Nội'),
			row('ct', 'tinh', 'Thi hành án dân sự thành phố Cần Thơ', 'Cần Thơ')
		]);
		expect(top.map((o) => o.value)).toEqual(['cuc']);
		expect(groups.map((g) => g.province)).toEqual(['Cần Thơ', 'Gia Lai', 'Hà Nội']);
		expect(groups[2]!.options.map((o) => o.label)).toEqual([
			'Thi hành án dân sự TP Hà Nội',
			'Khu vực 2 – Hà Nội',
			'Khu vực 10 – Hà Nội'
		]);
	});
});
