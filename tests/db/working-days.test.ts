/** Working-day arithmetic (public.working_days_add / working_days_between / is_working_day) over
 * the seeded holiday calendar: Mon–Fri minus holidays, plus make-up Saturdays. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient } from './helpers';

let db: SupabaseClient;
beforeAll(() => {
	db = anonClient();
});

async function add(start: string, n: number) {
	const { data, error } = await db.rpc('working_days_add', { start, n });
	expect(error).toBeNull();
	return String(data).slice(0, 10);
}
async function between(a: string, b: string) {
	const { data, error } = await db.rpc('working_days_between', { a, b });
	expect(error).toBeNull();
	return data as number;
}
async function isWorking(d: string) {
	const { data, error } = await db.rpc('is_working_day', { d });
	expect(error).toBeNull();
	return data as boolean;
}

describe('working_days_add', () => {
	it('adds plain weekdays within a week', async () => {
		expect(await add('2026-11-23', 3)).toBe('2026-11-26'); // Mon → Thu
	});

	it('skips the weekend', async () => {
		expect(await add('2026-11-27', 1)).toBe('2026-11-30'); // Fri → Mon
		expect(await add('2026-11-28', 1)).toBe('2026-11-30'); // Sat → Mon
	});

	it('skips the whole Tết 2026 break (off 14–22/2)', async () => {
		expect(await add('2026-02-13', 1)).toBe('2026-02-23');
		expect(await add('2026-02-12', 2)).toBe('2026-02-23');
		expect(await add('2026-02-12', 5)).toBe('2026-02-26');
	});

	it('skips the compensatory Monday after Giỗ Tổ on a Sunday (26–27/4/2026) and 30/4–1/5', async () => {
		expect(await add('2026-04-24', 1)).toBe('2026-04-28');
		expect(await add('2026-04-29', 1)).toBe('2026-05-04');
	});

	it('counts a make-up Saturday as a working day (26/4/2025)', async () => {
		expect(await add('2025-04-25', 1)).toBe('2025-04-26');
		expect(await add('2025-04-29', 1)).toBe('2025-05-05'); // 30/4, 1/5, 2/5 off
	});

	it('returns the start for n = 0 and goes backwards for n < 0', async () => {
		expect(await add('2026-02-14', 0)).toBe('2026-02-14');
		expect(await add('2026-02-23', -1)).toBe('2026-02-13');
	});

	it('handles a five-working-day deadline across Tết 2025 (off 25/1–2/2)', async () => {
		expect(await add('2025-01-23', 5)).toBe('2025-02-06'); // Fri 24/1, then 3–6/2
	});

	it('handles long periods (a year of working days lands in the following year)', async () => {
		const d = await add('2026-01-01', 250);
		expect(d > '2026-12-01' && d < '2027-02-01').toBe(true);
	});
});

describe('working_days_between', () => {
	it('counts working days after a up to and including b', async () => {
		expect(await between('2026-11-23', '2026-11-27')).toBe(4);
		expect(await between('2026-11-27', '2026-11-30')).toBe(1);
		expect(await between('2026-11-27', '2026-11-27')).toBe(0);
	});

	it('is the inverse of working_days_add across Tết', async () => {
		expect(await between('2026-02-12', '2026-02-23')).toBe(2);
		expect(await between('2026-02-12', await add('2026-02-12', 7))).toBe(7);
	});

	it('is negative when b is before a', async () => {
		expect(await between('2026-11-30', '2026-11-23')).toBe(-5);
	});
});

describe('is_working_day', () => {
	it('knows weekdays, weekends, holidays and make-up Saturdays', async () => {
		expect(await isWorking('2026-11-26')).toBe(true); // Thursday
		expect(await isWorking('2026-11-28')).toBe(false); // Saturday
		expect(await isWorking('2026-09-02')).toBe(false); // Quốc khánh
		expect(await isWorking('2026-02-16')).toBe(false); // Tết
		expect(await isWorking('2025-04-26')).toBe(true); // make-up Saturday
	});
});

describe('holidays', () => {
	it('are readable by anyone, and cover 2025–2027', async () => {
		const { data, error } = await db
			.from('holidays')
			.select('day')
			.gte('day', '2025-01-01')
			.lte('day', '2027-12-31');
		expect(error).toBeNull();
		const years = new Set((data ?? []).map((r) => String(r.day).slice(0, 4)));
		expect([...years].sort()).toEqual(['2025', '2026', '2027']);
	});
});
