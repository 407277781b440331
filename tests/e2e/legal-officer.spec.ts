// The legal officer keeps the deadline rules (issue 13, part B and A.4): they confirm a rule against
// the law and add a new version from today; a file whose act falls on or after that day gets the new
// deadline when it is accepted, a file whose act came before keeps the version of its own date —
// and each file says which rule it was judged under.
import { expect, test, type Page } from '@playwright/test';
import {
	demoStaff,
	expectNoA11yViolations,
	serviceClient,
	signInAsStaff,
	signOut
} from './helpers';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const LEGAL_OFFICER = 'phapche@thads.local';
const randomPhone = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const vnDay = (offset = 0) =>
	new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const shown = (iso: string) => iso.split('-').reverse().join('/');

/** Each project versions its own rule: the suite shares one database. */
const CASE = {
	desktop: { subject: 'account_freeze', label: 'phong tỏa tài khoản', days: 20 },
	phone: { subject: 'protective_measure', label: 'biện pháp bảo đảm khác', days: 25 }
} as const;

async function fileComplaint(subject: string, actOn: string): Promise<string> {
	const { data, error } = await serviceClient().rpc('submit_complaint', {
		idempotency_key: crypto.randomUUID(),
		payload: {
			kind: 'complaint',
			subject,
			unit_id: HN_KV1,
			consent: true,
			decision_date: actOn,
			learned_on: actOn,
			content:
				'Chấp hành viên áp dụng biện pháp bảo đảm đối với tài sản không phải của người phải thi hành án.',
			request: 'Hủy bỏ biện pháp bảo đảm',
			filer: {
				full_name: 'Phan Thị Kiểm Thử',
				cccd: '001234567890',
				phone: randomPhone(),
				province: 'Hà Nội',
				ward: 'Phường Hoàn Kiếm'
			}
		}
	});
	expect(error).toBeNull();
	return (data as { complaint_id: string }[])[0]!.complaint_id;
}

/** `start` + `n` calendar days, moved to the next working day (Bộ luật Dân sự 2015 Điều 148). */
async function calendarDeadline(start: string, n: number): Promise<string> {
	let d = new Date(Date.parse(`${start}T00:00:00Z`) + n * 86_400_000);
	for (;;) {
		const iso = d.toISOString().slice(0, 10);
		const { data } = await serviceClient().rpc('is_working_day', { d: iso });
		if (data === true) return iso;
		d = new Date(d.getTime() + 86_400_000);
	}
}

/** The officer accepts the file on its page and reads the deadline and the rule shown there. */
async function acceptAndRead(page: Page, id: string, days: number, due: string) {
	await page.goto(`/staff/khieu-nai/${id}`);
	// No action is open by default before classification (issue 18.10): open "Thụ lý" if closed.
	const accept = page.locator('details[data-action=accept]');
	if ((await accept.getAttribute('open')) === null) await accept.locator('summary').click();
	await page.getByRole('button', { name: 'Thụ lý', exact: true }).click();
	await expect(page.getByText('Đã cập nhật.')).toBeVisible();
	await expect(page.locator('header').filter({ hasText: 'Hạn giải quyết' })).toContainText(
		new RegExp(`Hạn giải quyết:\\s*${shown(due).replaceAll('/', '\\/')}`)
	);
	const rules = page.getByRole('region', { name: 'Căn cứ tính thời hạn' });
	await expect(rules).toContainText(`Giải quyết: ${days} ngày`);
}

test('a legal officer confirms a rule and adds a version from today; a new file gets it, an old one keeps its own', async ({
	page
}, info) => {
	test.skip(
		info.project.name === 'nojs',
		'desktop and phone version two different rules; a third project would need a third rule, and the rule forms are plain HTML already covered without JavaScript by deadline-rules.spec.ts'
	);
	test.setTimeout(150_000);
	const c = CASE[info.project.name as keyof typeof CASE];
	const today = vnDay();
	const oldActOn = vnDay(-5);
	const { data: before } = await serviceClient().rpc('deadline_rule', {
		p_kind: 'complaint',
		p_instance: 1,
		p_subject: c.subject,
		p_purpose: 'resolve',
		p_on: oldActOn
	});
	const oldDays = (before as { length_days: number }[])[0]!.length_days;
	expect(oldDays).not.toBe(c.days);
	const oldFile = await fileComplaint(c.subject, oldActOn);

	// The legal officer confirms the rule in force, then adds a version from today.
	await signInAsStaff(page, LEGAL_OFFICER, undefined, '/staff/thong-ke/quy-tac');
	await page.goto('/staff/thong-ke/quy-tac');
	const heading = `Khiếu nại · lần 1 · Giải quyết · ${c.label}`;
	const row = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { level: 2, name: heading, exact: true }) })
		.filter({ hasText: 'đang áp dụng' });
	await expect(row).toHaveCount(1);
	const ruleId = (await row.getAttribute('id'))!;
	await row.locator('summary', { hasText: 'Xác nhận hoặc thêm phiên bản mới' }).click();
	await row
		.getByLabel('Nguồn đối chiếu (văn bản, điều, khoản)')
		.fill(`Luật số 106/2025/QH15 (kiểm thử pháp chế, ${info.project.name})`);
	await row.getByRole('button', { name: 'Xác nhận thời hạn này' }).click();
	await page.waitForURL(/da-luu=/);
	const confirmed = page.locator(`#${ruleId}`);
	await expect(confirmed).toContainText('Đã xác nhận theo văn bản luật');

	await confirmed.locator('summary', { hasText: 'Xác nhận hoặc thêm phiên bản mới' }).click();
	await confirmed.getByLabel('Phiên bản mới áp dụng từ ngày').fill(today);
	await confirmed.getByLabel('Số ngày').fill(String(c.days));
	await confirmed.getByRole('button', { name: 'Thêm phiên bản mới' }).click();
	await page.waitForURL((url) => url.searchParams.get('da-luu') !== ruleId.slice(2));
	await expect(page.getByText('Đã lưu.')).toBeVisible();
	const newId = new URL(page.url()).searchParams.get('da-luu');
	const added = page.locator(`#r-${newId}`);
	await expect(added).toContainText(`${c.days} ngày`);
	await expect(added).toContainText('đang áp dụng');
	await expect(added).toContainText('Chưa xác nhận');
	// The version it replaces ends yesterday.
	await expect(page.locator(`#${ruleId}`)).toContainText(`đến ${shown(vnDay(-1))}`);
	if (info.project.name === 'desktop') await expectNoA11yViolations(page);

	// A new file (act today) and the old one (act five days ago) are accepted today.
	const newFile = await fileComplaint(c.subject, today);
	await signOut(page);
	await signInAsStaff(page, demoStaff.complaintsHN1);
	await acceptAndRead(page, newFile, c.days, await calendarDeadline(today, c.days));
	await acceptAndRead(page, oldFile, oldDays, await calendarDeadline(today, oldDays));
});
