// The statistics page's activity table shows SQL's resolution rate (complaint_resolution), not
// resolved ÷ accepted in the period (issue 13, A.1).
import { describe, expect, it } from 'vitest';
import { activityTable, cellText } from '../../src/lib/stats/tables';
import type { Activity, Resolution } from '../../src/lib/stats/server/load';

const res = (r: Partial<Resolution>): Resolution => ({
	carried_over: 0,
	accepted: 0,
	unaccepted_overdue: 0,
	to_resolve: 0,
	resolved: 0,
	resolved_on_time: 0,
	withdrawn: 0,
	duplicates: 0,
	rate_hundredths: null,
	rounding: 'half_up',
	...r
});

describe('activity table', () => {
	it('Hậu Giang (seed 002): 32 / 33 complaints at 96,96% and 6 / 8 denunciations at 75,00%', () => {
		const a: Activity = {
			// event counts of complaint_stats: 40 resolved events vs 33 accepted would be 121%
			complaints: {
				complaint: { accepted: 33, resolved: 40 },
				denunciation: { accepted: 8, resolved: 6 },
				petition: {}
			},
			resolution: {
				complaint: res({
					accepted: 33,
					to_resolve: 33,
					resolved: 32,
					rate_hundredths: 9696,
					rounding: 'truncate'
				}),
				denunciation: res({ accepted: 8, to_resolve: 8, resolved: 6, rate_hundredths: 7500 }),
				petition: res({})
			},
			reception: null,
			procedures: null
		};
		const t = activityTable(a);
		expect(cellText(t.rows[0]!.value!)).toBe('32 / 33');
		expect(cellText(t.rows[0]!.rate!)).toBe('96,96%');
		expect(cellText(t.rows[1]!.value!)).toBe('6 / 8');
		expect(cellText(t.rows[1]!.rate!)).toMatch(/^75,00%$/);
		expect(cellText(t.rows[2]!.rate!)).toBe(cellText({ t: 'pct', v: null }));
	});
	it('without the complaints module the rows say so', () => {
		const t = activityTable({
			complaints: null,
			resolution: null,
			reception: null,
			procedures: null
		});
		expect(t.rows[0]!.rate).toEqual({ t: 'empty' });
	});
});
