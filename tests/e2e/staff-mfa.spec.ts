// Two-factor sign-in for staff who may see a denouncer's identity (issue 12, item 10): a unit head
// without an authenticator must set one up at first sign-in, then every sign-in asks for a code.
// Works with JavaScript on and off.
import { expect, test } from '@playwright/test';
import {
	currentTotp,
	DEMO_PASSWORD,
	expectNoA11yViolations,
	serviceClient,
	signOut
} from './helpers';

const UNIT_HEAD = 'truongphong.ct1@thads.local';

/** Forget the unit head's authenticator (as an administrator does for a lost phone). */
async function resetAuthenticator() {
	const admin = serviceClient().auth.admin;
	const { data } = await admin.listUsers({ perPage: 1000 });
	const user = data.users.find((u) => u.email === UNIT_HEAD);
	expect(user, `${UNIT_HEAD} is seeded`).toBeTruthy();
	const factors = await admin.mfa.listFactors({ userId: user!.id });
	for (const f of factors.data?.factors ?? [])
		await admin.mfa.deleteFactor({ userId: user!.id, id: f.id });
}

async function enterPassword(page: import('@playwright/test').Page) {
	await page.goto('/staff/dang-nhap');
	await page.getByLabel('Thư điện tử công vụ').fill(UNIT_HEAD);
	await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

test.beforeEach(resetAuthenticator);
// Two sign-ins, an enrolment and two accessibility checks on two shared cores.
test.describe.configure({ timeout: 90_000 });

test('a unit head sets up an authenticator at first sign-in, then signs in with a code', async ({
	page
}) => {
	await enterPassword(page);
	await expect(page).toHaveURL(/\/staff\/dang-nhap\/xac-thuc-hai-buoc/);
	await expect(page.getByRole('heading', { name: 'Bật xác thực hai bước' })).toBeVisible();
	// Nothing else in the staff area opens before the second factor is set up.
	await page.goto('/staff/khieu-nai');
	await expect(page).toHaveURL(/\/staff\/dang-nhap\/xac-thuc-hai-buoc/);

	await page.getByRole('button', { name: 'Bắt đầu thiết lập' }).click();
	const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
	expect(secret).toMatch(/^[A-Z2-7]{32}$/);
	await expect(page.getByRole('img', { name: /Mã QR/ })).toBeVisible();
	await expectNoA11yViolations(page);

	// A wrong code: an error, and the same key is still shown (no new set-up behind her back).
	await page.getByLabel('Mã xác thực').fill('000000');
	await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
	await expect(page.getByRole('alert').first()).toContainText('Mã không đúng');
	expect((await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '')).toBe(secret);

	await page.getByLabel('Mã xác thực').fill(currentTotp(secret));
	await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
	// Then on to the page she asked for.
	await page.waitForURL((url) => url.pathname === '/staff/khieu-nai');

	await signOut(page);

	// Next sign-in: password, then a code from the authenticator.
	await enterPassword(page);
	await expect(page).toHaveURL(/\/staff\/dang-nhap\/ma-xac-thuc/);
	await expect(page.getByRole('heading', { name: 'Nhập mã xác thực' })).toBeVisible();
	await expectNoA11yViolations(page);
	await page.goto('/staff/khieu-nai');
	await expect(page).toHaveURL(/\/staff\/dang-nhap\/ma-xac-thuc/);
	await page.getByLabel('Mã xác thực').fill(currentTotp(secret));
	await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
	await page.waitForURL(/\/staff\/khieu-nai/);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
