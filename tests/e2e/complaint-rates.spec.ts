// Seed 002 end to end (issue 13, A.1): Cục THADS tỉnh Hậu Giang, 1/10/2023 – 30/8/2024, "41 đơn
// thụ lý (33 khiếu nại, 8 tố cáo), đã giải quyết 96,96% đơn khiếu nại và 75% đơn tố cáo". The
// letters are imported into the complaints register (service role, as a migration of the old
// register would: 33 complaints of which 32 resolved, 8 denunciations of which 6 resolved, one
// duplicate letter merged, letters outside the period), the province's rounding is set to
// truncation as its report prints, and the statistics page and its CSV export give the published
// figures through the same SQL (stats_activity).
import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { demoStaff, serviceClient, signInAsStaff } from './helpers';

const CONTENT = 'Nội dung đơn nhập từ sổ theo dõi đơn thư của đơn vị (dữ liệu mẫu 002).';
const vn = (day: string) => `${day}T08:00:00+07:00`;

interface Letter {
	kind: 'complaint' | 'denunciation';
	received: string;
	accepted: string;
	resolved?: string;
	duplicate_of?: string;
}

async function importLetters(unit: string, letters: Letter[]): Promise<string[]> {
	const rows = letters.map((l) => ({
		id: randomUUID(),
		kind: l.kind,
		unit_id: unit,
		status: l.resolved ? 'resolved' : 'accepted',
		content: CONTENT,
		request: 'Đề nghị giải quyết.',
		in_competence: true,
		received_at: vn(l.received),
		accepted_at: vn(l.accepted),
		resolve_due: '2099-01-01',
		resolved_at: l.resolved ? vn(l.resolved) : null,
		outcome: l.resolved ? (l.kind === 'denunciation' ? 'false' : 'rejected') : null,
		closed_at: l.resolved ? vn(l.resolved) : null,
		duplicate_of: l.duplicate_of ?? null
	}));
	const { error } = await serviceClient().from('complaints').insert(rows);
	expect(error).toBeNull();
	return rows.map((r) => r.id);
}

test('seed 002: the statistics page and its CSV show 96,96 % of complaints and 75,00 % of denunciations resolved', async ({
	page
}, info) => {
	test.setTimeout(120_000);
	const service = serviceClient();
	const hg = randomUUID();
	const { error } = await service.from('units').insert({
		id: hg,
		parent_id: null,
		level: 'tinh',
		code: `HG-002-${info.project.name.toUpperCase()}`,
		name: `Cục Thi hành án dân sự tỉnh Hậu Giang (dữ liệu mẫu 002, ${info.project.name})`,
		valid_from: '2009-07-01'
	});
	expect(error).toBeNull();
	try {
		const complaints: Letter[] = Array.from({ length: 33 }, (_, i) => {
			const day = `2024-0${1 + (i % 7)}-${String(10 + (i % 15)).padStart(2, '0')}`;
			return {
				kind: 'complaint',
				received: day,
				accepted: day,
				resolved: i < 32 ? `2024-08-${String(1 + (i % 28)).padStart(2, '0')}` : undefined
			};
		});
		const denunciations: Letter[] = Array.from({ length: 8 }, (_, i) => ({
			kind: 'denunciation',
			received: '2023-11-02',
			accepted: '2023-11-09',
			resolved: i < 6 ? '2024-01-15' : undefined
		}));
		const [first] = await importLetters(hg, [...complaints, ...denunciations]);
		await importLetters(hg, [
			// The same matter again: merged with the first letter, counted once.
			{ kind: 'complaint', received: '2024-01-20', accepted: '2024-01-22', duplicate_of: first },
			// Outside the period.
			{ kind: 'complaint', received: '2023-08-01', accepted: '2023-08-03', resolved: '2023-09-20' },
			{ kind: 'complaint', received: '2024-09-05', accepted: '2024-09-06' }
		]);
		// The province's reports truncate (96,9696… → 96,96), as its published figure shows.
		const { error: roundingError } = await service.from('stats_settings').upsert({
			unit_id: hg,
			percent_rounding: 'truncate',
			note: 'Báo cáo của Cục THADS tỉnh Hậu Giang làm tròn xuống'
		});
		expect(roundingError).toBeNull();

		await signInAsStaff(page, demoStaff.admin, undefined, '/staff/thong-ke');
		await page.goto(`/staff/thong-ke?don-vi=${hg}&tu=2023-10&den=2024-08`);
		const table = page.getByRole('table', { name: 'Khiếu nại, tố cáo, tiếp công dân, một cửa' });
		const complaintRow = table
			.getByRole('row')
			.filter({ hasText: 'Khiếu nại: đã giải quyết / phải giải quyết' });
		await expect(complaintRow).toContainText('32 / 33');
		await expect(complaintRow).toContainText(/96,96\s?%/);
		const denunciationRow = table
			.getByRole('row')
			.filter({ hasText: 'Tố cáo: đã giải quyết / phải giải quyết' });
		await expect(denunciationRow).toContainText('6 / 8');
		await expect(denunciationRow).toContainText(/75,00\s?%/);

		const href = await page
			.getByRole('link', { name: 'Tải bảng: Khiếu nại, tố cáo, tiếp công dân, một cửa (CSV)' })
			.getAttribute('href');
		const res = await page.request.get(href!);
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toContain('text/csv');
		const csv = await res.text();
		expect(csv).toContain(
			'Khiếu nại: đã giải quyết / phải giải quyết (tồn + thụ lý),32 / 33,"96,96"'
		);
		expect(csv).toContain('Tố cáo: đã giải quyết / phải giải quyết (tồn + thụ lý),6 / 8,"75,00"');
	} finally {
		// Hậu Giang merged into Cần Thơ on 1/7/2025: the unit leaves the current lists again.
		await service.from('units').update({ valid_to: '2025-06-30' }).eq('id', hg);
	}
});
