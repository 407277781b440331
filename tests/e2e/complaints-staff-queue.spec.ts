// The officer's complaint queue and file (issue 17 part 5, issue 18 part 10), on a phone and a
// desk. A unit of this file's own holds 8 open files (3 overdue, 1 due today, 4 due in a month)
// and two letters from the same CCCD, so the counts, filters and hints have known answers.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { expectNoA11yViolations, serviceClient, signInAsStaff, vnDaysAgo } from './helpers';

const screenshots = path.join(import.meta.dirname, 'screenshots');
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const randomCode = () =>
	`KN-${Array.from({ length: 8 }, (_, i) => `${i === 4 ? '-' : ''}${ALPHABET[Math.floor(Math.random() * ALPHABET.length)]}`).join('')}`;

test.describe.configure({ mode: 'serial' });

let service: SupabaseClient;
let officer: { email: string; password: string };
const files: { id: string; code: string; due: string }[] = [];
let duplicatePair: [string, string];

/** Duplicate ids on the page (a label pointing at two fields is read twice, or at the wrong one). */
async function duplicateIds(page: Page) {
	return page.evaluate(() => {
		const seen = new Map<string, number>();
		for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
		return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
	});
}

async function noSidewaysScroll(page: Page) {
	const { scroll, client } = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		client: document.documentElement.clientWidth
	}));
	expect(scroll).toBeLessThanOrEqual(client);
}

test.beforeAll(async () => {
	const info = test.info();
	test.skip(
		info.project.name === 'nojs',
		'staff pages: phone and desktop (the no-JS staff path is in complaints.spec.ts)'
	);
	service = serviceClient();
	const suffix = randomUUID().slice(0, 6).toUpperCase();
	const { data: unit, error } = await service
		.from('units')
		.insert({
			level: 'khu_vuc',
			code: `EQ-${suffix}`,
			name: `Phòng Thi hành án dân sự thử ${suffix}`,
			short_name: `THA thử ${suffix}`
		})
		.select('id')
		.single();
	expect(error).toBeNull();
	officer = { email: `queue-${suffix.toLowerCase()}@example.test`, password: `Pw-${randomUUID()}` };
	const { data: user, error: userError } = await service.auth.admin.createUser({
		email: officer.email,
		password: officer.password,
		email_confirm: true
	});
	expect(userError).toBeNull();
	const st = await service.from('staff').insert({
		user_id: user.user!.id,
		unit_id: unit!.id,
		roles: ['complaint_officer'],
		full_name: 'Trần Thị Hàng Đợi',
		email: officer.email
	});
	expect(st.error).toBeNull();
	// -3, -2, -1 days (overdue), today, and four a month ahead; all received (the deadline to accept).
	const offsets = [3, 2, 1, 0, -30, -31, -32, -33];
	const rows = offsets.map((ago, i) => ({
		kind: 'complaint',
		unit_id: unit!.id,
		status: 'received',
		tracking_code: randomCode(),
		content: `Đơn thử số ${i}: chấp hành viên chưa trả lời đơn đề nghị hoãn thi hành án.`,
		request: 'Đề nghị trả lời bằng văn bản',
		accept_due: vnDaysAgo(ago)
	}));
	const ins = await service.from('complaints').insert(rows).select('id, tracking_code, accept_due');
	expect(ins.error).toBeNull();
	for (const r of ins.data!)
		files.push({
			id: r.id as string,
			code: r.tracking_code as string,
			due: r.accept_due as string
		});
	// The first two letters come from the same person (same CCCD): possible duplicates.
	const cccd = `0010${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
	const parties = await service.from('complaint_parties').insert(
		files.slice(0, 2).map((f, i) => ({
			complaint_id: f.id,
			role: 'filer',
			full_name: i === 0 ? 'Lê Văn Trùng' : 'Lê Văn Trùng Lặp',
			cccd
		}))
	);
	expect(parties.error).toBeNull();
	duplicatePair = [files[0]!.code, files[1]!.code];
});

test('the queue: counts above the list, the deadline named, cards on a phone, the overdue filter', async ({
	page
}, info) => {
	test.setTimeout(90_000);
	const phone = info.project.name === 'phone';
	await signInAsStaff(page, officer.email, officer.password, '/staff/khieu-nai');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Đơn khiếu nại, tố cáo, kiến nghị' })
	).toBeVisible();
	const counts = page.getByTestId('queue-counts');
	await expect(counts.getByTestId('count-total')).toHaveText('8');
	await expect(counts.getByTestId('count-overdue')).toHaveText('3');
	await expect(counts.getByTestId('count-week')).toHaveText('1');
	await expect(counts.getByText('Quá hạn', { exact: true })).toBeVisible();
	await expect(counts.getByText('Đến hạn tuần này', { exact: true })).toBeVisible();

	const list = page.getByTestId(phone ? 'queue-cards' : 'queue-table');
	await expect(list).toBeVisible();
	await expect(page.getByTestId(phone ? 'queue-table' : 'queue-cards')).toBeHidden();
	if (!phone) await expect(list.getByRole('columnheader', { name: 'Hạn đang tính' })).toBeVisible();
	// Nearest deadline first; each row says which deadline it is and how far.
	await expect(list.getByRole('link', { name: /^KN-/ }).first()).toHaveText(files[0]!.code);
	await expect(list.getByText(/Hạn thụ lý: \d\d\/\d\d\/\d{4}/).first()).toBeVisible();
	await expect(list.getByText(/quá hạn \d+ ngày làm việc/).first()).toBeVisible();
	await expect(list.getByText(/còn \d+ ngày làm việc/).first()).toBeVisible();
	// The two letters of one person flag each other.
	await expect(
		list.getByRole('link', { name: `Có thể trùng với ${duplicatePair[1]} (cùng số căn cước)` })
	).toBeVisible();
	await noSidewaysScroll(page);
	await expectNoA11yViolations(page);
	expect(await duplicateIds(page)).toEqual([]);
	await page.screenshot({
		path: path.join(screenshots, `complaints-staff-queue-${phone ? 'phone' : 'desktop'}.png`),
		fullPage: true
	});

	// Only the overdue ones, through the filter.
	await page.getByLabel('Hạn', { exact: true }).selectOption({ label: 'Quá hạn' });
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page).toHaveURL(/han=overdue/);
	await expect(list.getByRole('link', { name: /^KN-/ })).toHaveText(
		files.slice(0, 3).map((f) => f.code)
	);
	await expect(list.getByText(/quá hạn \d+ ngày làm việc/)).toHaveCount(3);
	await expect(counts.getByTestId('count-total')).toHaveText('8');
	await noSidewaysScroll(page);
});

test('the file: nothing open before classification, a countdown by each deadline, one id per field', async ({
	page
}, info) => {
	test.setTimeout(90_000);
	const phone = info.project.name === 'phone';
	await signInAsStaff(page, officer.email, officer.password, `/staff/khieu-nai/${files[0]!.id}`);
	await expect(page.getByRole('heading', { level: 1, name: files[0]!.code })).toBeVisible();
	await expect(page.getByTestId('deadline-accept')).toContainText(/Hạn thụ lý:/);
	await expect(page.getByTestId('deadline-accept')).toContainText(/quá hạn \d+ ngày làm việc/);
	await expect(page.getByTestId('classify-first')).toBeVisible();
	const actions = page.locator('aside[aria-labelledby=actions-h]');
	await expect(actions.locator('details[open]')).toHaveCount(0);
	await expect(actions.locator('details[data-action=accept]')).toHaveCount(1);
	await expect(page.getByText('Người gửi đề nghị', { exact: true })).toBeVisible();
	await expect(
		page.getByRole('link', { name: `Có thể trùng với ${duplicatePair[1]} (cùng số căn cước)` })
	).toBeVisible();
	expect(await duplicateIds(page)).toEqual([]);
	await noSidewaysScroll(page);
	await expectNoA11yViolations(page);
	await page.screenshot({
		path: path.join(screenshots, `complaints-staff-file-${phone ? 'phone' : 'desktop'}.png`),
		fullPage: true
	});

	// On a phone the actions come after the whole file: a link near the top jumps to them (beside
	// the file on a wide screen, where the link is not shown).
	const jump = page.getByRole('link', { name: 'Đến phần xử lý' });
	if (phone) {
		await page.evaluate(() => window.scrollTo(0, 0));
		await expect(jump).toBeInViewport();
		await expect(page.locator('#actions-h')).not.toBeInViewport();
		await jump.click();
		await expect(page.locator('#actions-h')).toBeInViewport();
	} else await expect(jump).toBeHidden();

	// Bad input is refused next to the field, nothing changes (zod, before the database).
	const back = actions.locator('details[data-action=return]');
	await back.locator('summary').click();
	await back.getByLabel('Lý do trả lại (căn cứ pháp luật), công dân sẽ thấy').fill('Sai');
	await back.getByRole('button', { name: 'Trả lại đơn' }).click();
	await expect(back.getByText('Nhập lý do hoặc nội dung (ít nhất 5 ký tự).')).toBeVisible();
	await expect(back.getByLabel('Lý do trả lại (căn cứ pháp luật), công dân sẽ thấy')).toHaveValue(
		'Sai'
	);
	const { data: still } = await service
		.from('complaints')
		.select('status')
		.eq('id', files[0]!.id)
		.single();
	expect(still!.status).toBe('received');

	// Classified as within competence: "accept" is now the open action.
	const classify = actions.locator('details[data-action=classify]');
	await classify.locator('summary').click();
	await classify.getByRole('button', { name: 'Phân loại đơn' }).click();
	await expect(page.getByText('Đã cập nhật.')).toBeVisible();
	await expect(page.getByTestId('classify-first')).toHaveCount(0);
	await expect(actions.locator('details[data-action=accept]')).toHaveAttribute('open', '');
	expect(await duplicateIds(page)).toEqual([]);
});

test('a file due later counts down in working days', async ({ page }) => {
	const later = files[5]!;
	await signInAsStaff(page, officer.email, officer.password, `/staff/khieu-nai/${later.id}`);
	await expect(page.getByTestId('deadline-accept')).toContainText(/còn \d+ ngày làm việc/);
	await noSidewaysScroll(page);
});
