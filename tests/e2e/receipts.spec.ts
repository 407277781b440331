// Receipts, lateness and lookups on a 360 px phone (issue 18 parts 6–8): one pair of words
// (Mã tra cứu / Mã bí mật), copy buttons that say "Đã chép", "Điều gì xảy ra tiếp theo" with the
// legal limit and its date, an honest SMS line, a share/print button, codes that never wrap
// mid-way; a late application with its apology slip; an overdue complaint's options; a wrong
// secret that takes focus; a tap-to-call hotline. Demo files come from supabase/seeds (secret
// THADS234). Screenshots in Vietnamese and English go to tests/e2e/screenshots/receipts-*.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { demoStaff, expectNoA11yViolations, serviceClient, signInAsStaff } from './helpers';

const screenshots = path.join(import.meta.dirname, 'screenshots');
const shot = (page: Page, name: string) =>
	page.screenshot({ path: path.join(screenshots, `receipts-${name}.png`), fullPage: true });

/** Looks a code up on /tra-cuu (vi or en) and lands on its page. */
async function track(page: Page, code: string, secret = 'THADS234', en = false) {
	await page.goto(en ? '/en/tra-cuu' : '/tra-cuu');
	await page.getByLabel(en ? 'Tracking code' : 'Mã tra cứu').fill(code);
	await page.getByLabel(en ? 'Secret code' : 'Mã bí mật').fill(secret);
	await page.getByRole('button', { name: en ? 'Track' : 'Tra cứu', exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`/tra-cuu/${code}$`));
}

/** Every group of the code sits on one line (no break inside KN-HNAB-2222's parts). */
async function expectCodeUnbroken(page: Page, testId: string) {
	const lines = await page
		.getByTestId(testId)
		.first()
		.evaluate((el) => [...el.querySelectorAll('span')].map((s) => s.getClientRects().length));
	expect(lines.length).toBeGreaterThanOrEqual(3);
	expect(lines.every((n) => n === 1)).toBe(true);
}

/** The complaint receipt reads the one-time receipt cookie set after filing; the test sets it. */
async function openComplaintReceipt(page: Page, en = false) {
	const receipt = {
		code: 'KN-HNAB-2222',
		secret: 'THADS234',
		accept_due: '2026-12-14',
		kind: 'complaint',
		subject: 'account_freeze'
	};
	await page.context().addCookies([
		{
			name: 'thads-complaint-receipt',
			value: Buffer.from(JSON.stringify(receipt)).toString('base64url'),
			url: test.info().project.use.baseURL!
		}
	]);
	await page.goto(en ? '/en/gui-don/xac-nhan' : '/gui-don/xac-nhan');
}

test.describe('receipts on a phone', () => {
	test.skip(
		({ viewport, javaScriptEnabled }) => viewport?.width !== 360 || !javaScriptEnabled,
		'the phone project (360 × 800, JavaScript on)'
	);

	test('the complaint receipt: copy, next steps with the date, SMS line, share/print, unbroken code', async ({
		page,
		context
	}) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await openComplaintReceipt(page);
		await expect(page.getByText('Mã tra cứu', { exact: true })).toBeVisible();
		await expect(page.getByText('Mã bí mật', { exact: true })).toBeVisible();
		await expect(page.getByTestId('tracking-code')).toHaveText('KN-HNAB-2222');
		await expectCodeUnbroken(page, 'tracking-code');

		await page.getByRole('button', { name: 'Chép mã tra cứu' }).click();
		await expect(page.getByTestId('copy-status')).toHaveText('Đã chép');
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('KN-HNAB-2222');
		await page.getByRole('button', { name: 'Chép mã bí mật' }).click();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('THADS234');

		const next = page.getByRole('region', { name: 'Điều gì xảy ra tiếp theo' });
		await expect(next).toBeVisible();
		await expect(next.getByTestId('next-steps')).toContainText('14/12/2026');
		await expect(next.getByTestId('next-steps')).toContainText('ngày làm việc');
		await expect(next.getByTestId('sms-status')).toBeVisible();
		await expect(page.getByRole('link', { name: 'In biên nhận' })).toBeVisible();
		await expectNoA11yViolations(page);
		await shot(page, 'complaint-vi');

		// The printable receipt has the print/share button itself.
		await page.goto('/gui-don/bien-nhan?ma=KN-HNAB-2222&mk=THADS234');
		await expect(
			page.getByRole('button', { name: /In biên nhận|Chia sẻ hoặc lưu biên nhận/ })
		).toBeVisible();
		await expect(page.getByRole('region', { name: 'Điều gì xảy ra tiếp theo' })).toBeVisible();
		await expectNoA11yViolations(page);
		await shot(page, 'complaint-print-vi');

		await openComplaintReceipt(page, true);
		await expect(page.getByRole('button', { name: 'Copy tracking code' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'What happens next' })).toBeVisible();
		await shot(page, 'complaint-en');
	});

	test('the application receipt: copy, next steps in working days, SMS line, share/print', async ({
		page
	}) => {
		await track(page, 'HS-HNAA-2222');
		await page.goto('/thu-tuc/ho-so/HS-HNAA-2222/bien-nhan');
		await expect(page.getByTestId('tracking-code')).toHaveText('HS-HNAA-2222');
		await expectCodeUnbroken(page, 'tracking-code');
		await expect(page.getByRole('button', { name: 'Chép mã tra cứu' })).toBeVisible();
		const next = page.getByTestId('next-steps');
		await expect(next).toContainText(/chậm nhất ngày \d\d\/\d\d\/\d{4} \(\d+ ngày làm việc/);
		await expect(next).toContainText('phiếu xin lỗi và hẹn lại ngày trả kết quả');
		// The SMS line follows the outbox: sent to the masked number only if one was queued.
		const { data: sms } = await serviceClient()
			.from('notifications')
			.select('id')
			.eq('channel', 'sms')
			.eq('payload->>code', 'HS-HNAA-2222');
		await expect(page.getByTestId('sms-status')).toContainText(
			sms?.length
				? 'Chúng tôi đã gửi mã tra cứu qua SMS tới số 091 *** *333'
				: 'Chưa có tin nhắn SMS nào được gửi'
		);
		await expect(
			page.getByRole('button', { name: /In biên nhận|Chia sẻ hoặc lưu biên nhận/ })
		).toBeVisible();
		await expectNoA11yViolations(page);
		await shot(page, 'application-vi');
		await page.goto('/en/thu-tuc/ho-so/HS-HNAA-2222/bien-nhan');
		await expect(page.getByRole('button', { name: 'Copy secret code' })).toBeVisible();
		await shot(page, 'application-en');
	});

	test('a late application says so, gives the new date and the apology slip', async ({ page }) => {
		await track(page, 'HS-HNAE-2222');
		const late = page.getByTestId('late-notice');
		await expect(
			late.getByRole('heading', { name: 'Hồ sơ của bạn đã quá hạn trả kết quả' })
		).toBeVisible();
		await expect(late).toContainText(/đã chậm \d+ ngày làm việc/);
		await expect(late).toContainText(/Ngày hẹn trả mới: \d\d\/\d\d\/\d{4}/);
		await expect(late).toContainText('Lý do chậm: Cơ quan đang chờ ngân hàng');
		await expect(page.getByTestId('due-line')).toContainText('hẹn ban đầu');
		await expectNoA11yViolations(page);
		await shot(page, 'late-application-vi');
		await late
			.getByRole('link', { name: 'Xem và in phiếu xin lỗi và hẹn lại ngày trả kết quả' })
			.click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' })
		).toBeVisible();
		await expect(page.getByTestId('apology-slip')).toContainText('Kính gửi: Ông/Bà Lý Thị Hạnh');
		await expect(page.getByTestId('slip-new-date')).toContainText(
			/hẹn lại ngày trả kết quả là ngày \d\d\/\d\d\/\d{4}/
		);
		await expect(
			page.getByRole('button', { name: /In phiếu|Chia sẻ hoặc lưu biên nhận/ })
		).toBeVisible();
		await expectNoA11yViolations(page);
		await shot(page, 'apology-slip-vi');
		await page.goto('/en/thu-tuc/ho-so/HS-HNAE-2222/xin-loi');
		await expect(
			page.getByRole('heading', { level: 1, name: 'Apology slip and new return date' })
		).toBeVisible();
		await shot(page, 'apology-slip-en');
		await page.goto('/en/tra-cuu/HS-HNAE-2222');
		await expect(page.getByRole('heading', { name: 'Your application is late' })).toBeVisible();
		await shot(page, 'late-application-en');

		// Late without a slip yet: the page says the slip is owed.
		await track(page, 'HS-HNAD-2222');
		await expect(page.getByTestId('late-notice')).toContainText('Cơ quan chưa gửi phiếu xin lỗi');
	});

	test('an overdue complaint says what the person can do next', async ({ page }) => {
		await track(page, 'KN-HNAA-2222');
		const options = page.getByTestId('late-options');
		await expect(
			options.getByRole('heading', { name: 'Đơn đã quá hạn. Bạn có thể:' })
		).toBeVisible();
		await expect(
			options.getByRole('link', { name: 'Đặt lịch gặp cán bộ tiếp công dân để hỏi trực tiếp' })
		).toHaveAttribute('href', '/dat-lich');
		await expectNoA11yViolations(page);
		await shot(page, 'overdue-complaint-vi');
		await page.goto('/en/tra-cuu/KN-HNAA-2222');
		await expect(
			page.getByRole('heading', { name: 'Your letter is overdue. You can:' })
		).toBeVisible();
		await shot(page, 'overdue-complaint-en');
	});

	test('the hotline is a 44 px tap-to-call link', async ({ page }) => {
		await page.goto('/');
		const link = page.getByTestId('hotline');
		await expect(link).toHaveAttribute('href', 'tel:19001234');
		const box = (await link.boundingBox())!;
		expect(box.height).toBeGreaterThanOrEqual(44);
		expect(box.width).toBeGreaterThanOrEqual(44);
		await expect(page.getByLabel('Mã tra cứu')).toBeVisible();
	});
});

test('a wrong secret moves focus to the message; a wrong-format secret names the alphabet', async ({
	page
}, info) => {
	test.skip(info.project.name === 'desktop', 'phone (JavaScript) and nojs');
	await page.goto('/tra-cuu');
	// An unknown code answers as a wrong secret does (and locks no demo file).
	await page.getByLabel('Mã tra cứu').fill('KN-ZZZZ-2345');
	await page.getByLabel('Mã bí mật').fill('ABCDEFGH');
	await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
	await expect(page.getByTestId('lookup-message')).toBeFocused();
	await expect(page.getByTestId('lookup-message')).toContainText('Không tìm thấy');

	await page.getByLabel('Mã bí mật').fill('ABCD01IO');
	await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Có thông tin cần sửa' })).toBeFocused();
	await expect(page.getByText('không có số 0 và 1').first()).toBeVisible();
	if (info.project.name === 'phone') await shot(page, 'wrong-secret-vi');
});

test('staff print the apology slip from the application detail', async ({ page }, info) => {
	test.skip(info.project.name !== 'desktop', 'the one-stop desk at desk size');
	const { data } = await serviceClient()
		.from('applications')
		.select('id')
		.eq('tracking_code', 'HS-HNAE-2222')
		.single<{ id: string }>();
	await signInAsStaff(page, demoStaff.proceduresHN1, undefined, `/staff/thu-tuc/${data!.id}`);
	await page.goto(`/staff/thu-tuc/${data!.id}`);
	await page.getByRole('link', { name: 'In phiếu' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' })
	).toBeVisible();
	await expect(page.getByTestId('apology-slip')).toContainText('Kính gửi: Ông/Bà Lý Thị Hạnh');
	await expectNoA11yViolations(page);
});
