// Messages that reach people: a citizen books a meeting with an e-mail address; the job runner
// runs with its clock moved to 90 minutes before the meeting (not waited for); the reminder
// arrives over SMTP at the SMTP server this test runs, in Vietnamese, with the meeting's date and
// time and the tracking link. Then the unit head's delivery view lists it as sent.
import { expect, test } from '@playwright/test';
import { startSmtpSink } from '../fakes/providers.js';
import { e2eJobsSecret } from './serve.js';
import { demoStaff, expectNoA11yViolations, signInAsStaff } from './helpers';

const port = Number(process.env.E2E_PORT ?? 4173);
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

test.beforeAll(async () => {
	// The app sends to port + 2 (tests/e2e/serve.js).
	sink = await startSmtpSink({ port: port + 2 });
});
test.afterAll(async () => {
	await sink?.close();
});

const vnParts = (iso: string) => {
	const t = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
	return {
		date: `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)}`,
		time: t.slice(11, 16),
		day: t.slice(0, 10)
	};
};

test('a citizen who booked gets the reminder by e-mail when the job runs', async ({
	page,
	request,
	baseURL
}) => {
	test.skip(test.info().project.name !== 'desktop', 'one run is enough: the flow is server-side');
	// A whole booking, a job run, a staff sign-in and axe: more than the default 30 s on a busy machine.
	test.setTimeout(90_000);
	const email = `nhac-lich-${Date.now()}@example.test`;
	const tomorrow = new Date(Date.now() + 31 * 3600_000).toISOString().slice(0, 10);

	await page.goto('/dat-lich');
	await page.getByLabel('Tìm theo tỉnh, thành phố hoặc xã, phường').fill('ha noi');
	await page.getByRole('button', { name: 'Tìm', exact: true }).click();
	await page
		.getByRole('link', {
			name: 'Đặt lịch tại cơ quan này: Phòng Thi hành án dân sự khu vực 1 – Hà Nội'
		})
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Chọn ngày và giờ' })).toBeVisible();
	// Tomorrow's first free slot, else the next working day's (tomorrow may be a Sunday).
	const values = await page
		.locator('input[name="gio"]:not([disabled])')
		.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
	const startsAt =
		values.find((v) => vnParts(v).day === tomorrow) ??
		values.find((v) => Date.parse(v) > Date.now() + 3 * 3600_000)!;
	expect(startsAt).toBeTruthy();
	await page.locator(`input[name="gio"][value="${startsAt}"]`).check();
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await page.getByLabel('Họ và tên').fill('Trần Thị Nhắc');
	await page
		.getByLabel('Số điện thoại di động')
		.fill(`09${Math.floor(10_000_000 + Math.random() * 89_999_999)}`);
	await page.getByLabel('Thư điện tử').fill(email);
	await page.getByLabel('Số người cùng đến').fill('1');
	await page.getByRole('radio', { name: 'Khiếu nại', exact: true }).check();
	await page.getByLabel('Số quyết định hoặc số vụ việc').fill('45/QĐ-THADS');
	await page.getByLabel(/Tôi đồng ý/).check();
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await page.getByRole('button', { name: 'Xác nhận đặt lịch' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Đã đặt lịch' })).toBeVisible();
	const code = (await page.getByTestId('booking-code').textContent())!.trim();

	// The scheduler's tick, with the clock moved to 90 minutes before the meeting.
	const now = new Date(Date.parse(startsAt) - 90 * 60_000).toISOString();
	const run = await request.post('/api/jobs/run', {
		headers: { 'x-jobs-secret': e2eJobsSecret(port) },
		data: { now }
	});
	expect(run.status(), await run.text()).toBe(200);
	const body = await run.json();
	expect(
		body.jobs.find((j: { name: string }) => j.name === 'messages.booking_reminders')
	).toMatchObject({ ok: true });

	const { date, time } = vnParts(startsAt);
	const mail = await sink.waitFor(
		(m) => m.to.includes(email) && m.subject.startsWith('Nhắc lịch hẹn')
	);
	expect(mail.subject).toBe(`Nhắc lịch hẹn hôm nay lúc ${time} ${date}`);
	expect(mail.text).toContain(
		`Nhắc lịch: bạn có lịch tiếp công dân lúc ${time} ${date} tại Phòng Thi hành án dân sự khu vực 1`
	);
	expect(mail.text).toContain(`Tra cứu: ${baseURL}/tra-cuu?ma=${code}`);
	expect(mail.text).not.toMatch(/mã bí mật|secret/i);

	// Running the job again (another instance, a retry) sends nothing twice.
	const again = await request.post('/api/jobs/run', {
		headers: { 'x-jobs-secret': e2eJobsSecret(port) },
		data: { now, jobs: ['messages.booking_reminders'] }
	});
	expect(again.status()).toBe(200);
	// The endpoint answers after the run has finished sending, so the sink already holds anything it sent.
	expect(
		sink.messages.filter(
			(m) => m.to.includes(email) && m.subject.startsWith('Nhắc lịch hẹn hôm nay')
		)
	).toHaveLength(1);

	// The unit head sees it among the unit's messages.
	await signInAsStaff(page, demoStaff.unitHeadHN1, undefined, '/staff/tin-nhan');
	await expect(page.getByRole('heading', { level: 1, name: 'Tin nhắn đã gửi' })).toBeVisible();
	await expect(
		page.getByRole('row').filter({ hasText: code }).filter({ hasText: 'Nhắc lịch hẹn' }).first()
	).toContainText('Đã gửi');
	await expectNoA11yViolations(page);
});

test('the job endpoint refuses callers without the secret', async ({ request }) => {
	test.skip(test.info().project.name !== 'desktop', 'server-side');
	expect((await request.post('/api/jobs/run', { data: {} })).status()).toBe(401);
	expect(
		(
			await request.post('/api/jobs/run', { headers: { 'x-jobs-secret': 'wrong' }, data: {} })
		).status()
	).toBe(401);
});
