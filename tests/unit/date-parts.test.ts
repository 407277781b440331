import { describe, expect, it } from 'vitest';
import { INVALID_DATE, dateFromForm, joinDateParts, splitIsoDate } from '$lib/date-parts';
import { inputFromForm, validateComplaint } from '$lib/complaints/schema';

describe('day / month / year boxes', () => {
	it('joins what people type, with or without leading zeros and stray spaces', () => {
		expect(joinDateParts('7', '3', '2026')).toBe('2026-03-07');
		expect(joinDateParts(' 07', '03 ', '2026')).toBe('2026-03-07');
		expect(joinDateParts('', '', '')).toBeUndefined();
	});

	it('refuses days that do not exist instead of rolling them over', () => {
		expect(joinDateParts('31', '2', '2026')).toBe(INVALID_DATE);
		expect(joinDateParts('29', '2', '2025')).toBe(INVALID_DATE);
		expect(joinDateParts('29', '2', '2024')).toBe('2024-02-29');
		expect(joinDateParts('1', '13', '2026')).toBe(INVALID_DATE);
		expect(joinDateParts('1', '1', '26')).toBe(INVALID_DATE);
		expect(joinDateParts('', '3', '2026')).toBe(INVALID_DATE);
	});

	it('reads the boxes from a form, or an ISO value posted by an older page or an API client', () => {
		const fd = new FormData();
		fd.set('learned_on_day', '20');
		fd.set('learned_on_month', '11');
		fd.set('learned_on_year', '2026');
		expect(dateFromForm(fd, 'learned_on')).toBe('2026-11-20');
		const iso = new FormData();
		iso.set('learned_on', '2026-11-20');
		expect(dateFromForm(iso, 'learned_on')).toBe('2026-11-20');
		expect(splitIsoDate('2026-03-07')).toEqual({ day: '7', month: '3', year: '2026' });
	});

	it('turns an impossible date into the field’s own error in the complaint form', () => {
		const fd = new FormData();
		fd.set('kind', 'complaint');
		fd.set('learned_on_day', '31');
		fd.set('learned_on_month', '2');
		fd.set('learned_on_year', '2026');
		const r = validateComplaint(inputFromForm(fd));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.learned_on).toBe('complaints_err_date');
	});
});
