// The staff home shows each role its work (issue 18.9): counts of overdue and due-soon files that
// link into the filtered queue, today's appointments and the desk queue, messages given up for
// heads, the rules page for the legal officer. The area links stay. Phone and desktop.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { demoStaff, expectNoA11yViolations, signInAsStaff } from './helpers';

const screenshots = path.join(import.meta.dirname, 'screenshots');
const CARDS = [
	'home-complaints',
	'home-applications',
	'home-desk',
	'home-messages',
	'home-figures',
	'home-rules'
] as const;
type Card = (typeof CARDS)[number];

async function openHome(page: Page, email: string, shot: string) {
	await signInAsStaff(page, email, undefined, '/staff');
	await page.goto('/staff');
	await expect(page.getByRole('heading', { level: 2, name: 'Việc cần làm' })).toBeVisible();
	// The area links stay below the work.
	await expect(page.getByRole('heading', { level: 2, name: 'Các mục công việc' })).toBeVisible();
	const project = test.info().project.name;
	if (project !== 'nojs') {
		await expectNoA11yViolations(page);
		await page.screenshot({
			path: path.join(screenshots, `staff-home-${shot}-${project}.png`),
			fullPage: true
		});
		// No sideways scrolling on a 360 px phone.
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
	}
}

async function expectCards(page: Page, shown: Card[]) {
	for (const card of CARDS)
		await expect(page.getByTestId(card)).toHaveCount(shown.includes(card) ? 1 : 0);
}

/** The number in a count link's text ("Quá hạn: 3" → 3). */
async function countIn(page: Page, card: Card, name: RegExp): Promise<number> {
	const text = await page.getByTestId(card).getByRole('link', { name }).textContent();
	return Number(/(\d+)/.exec(text ?? '')?.[1] ?? NaN);
}

test.describe('staff home', () => {
	test('a complaint officer sees overdue complaints and opens the filtered queue', async ({
		page
	}) => {
		await openHome(page, demoStaff.complaintsHN1, 'complaints');
		await expectCards(page, ['home-complaints']);
		const overdue = await countIn(page, 'home-complaints', /^Quá hạn: \d+$/);
		// KN-HNAA-2222 (demo data) is overdue for acceptance at HN-KV1.
		expect(overdue).toBeGreaterThan(0);
		await page
			.getByTestId('home-complaints')
			.getByRole('link', { name: /^Quá hạn/ })
			.click();
		await page.waitForURL(/\/staff\/khieu-nai\?han=overdue/);
		await expect(page.getByText('KN-HNAA-2222').filter({ visible: true }).first()).toBeVisible();
	});

	test('a one-stop officer sees overdue applications and opens the filtered inbox', async ({
		page
	}) => {
		await openHome(page, demoStaff.proceduresHN1, 'procedures');
		await expectCards(page, ['home-applications']);
		const overdue = await countIn(page, 'home-applications', /^Quá hạn: \d+$/);
		expect(overdue).toBeGreaterThan(0);
		await page
			.getByTestId('home-applications')
			.getByRole('link', { name: /^Quá hạn/ })
			.click();
		await page.waitForURL(/\/staff\/thu-tuc\?xem=qua-han/);
		await expect(page.getByRole('link', { name: 'HS-HNAD-2222' })).toBeVisible();
		// The count is the inbox's own list, row for row.
		await expect(page.locator('tbody tr')).toHaveCount(overdue);
	});

	test("a reception officer sees today's appointments and the desk queue", async ({ page }) => {
		await openHome(page, demoStaff.receptionHN1, 'reception');
		await expectCards(page, ['home-desk']);
		const desk = page.getByTestId('home-desk');
		await expect(desk).toContainText(/Lịch hẹn hôm nay: \d+/);
		await expect(desk.getByRole('link', { name: 'Gọi số' })).toHaveAttribute(
			'href',
			'/staff/tiep-cong-dan/goi-so'
		);
		await desk.getByRole('link', { name: /^Đang chờ tại bàn tiếp dân: \d+$/ }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Tiếp công dân' })).toBeVisible();
	});

	test('a unit head sees every queue of the unit, messages given up and the figures', async ({
		page
	}) => {
		test.setTimeout(60_000);
		await openHome(page, demoStaff.unitHeadHN1, 'unit-head');
		await expectCards(page, [
			'home-complaints',
			'home-applications',
			'home-desk',
			'home-messages',
			'home-figures'
		]);
		await expect(page.getByTestId('home-messages')).toContainText(
			/Không có tin nhắn nào gửi không được|Tin nhắn đã ngừng gửi lại: \d+/
		);
		await page.getByRole('link', { name: 'Xem thống kê kỳ đã duyệt gần nhất' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Thống kê kết quả thi hành án' })
		).toBeVisible();
	});

	test('the legal officer is pointed to the deadline rules', async ({ page }) => {
		await openHome(page, 'phapche@thads.local', 'legal');
		await expectCards(page, ['home-rules']);
		await page.getByRole('link', { name: 'Mở trang quy tắc thời hạn' }).click();
		await page.waitForURL(/\/staff\/thong-ke\/quy-tac/);
	});
});
