// Web push (issue 14) in real Chromium: the receipt page asks for permission only when the
// citizen presses the button (never on load), saves the subscription for the booking by code +
// secret, and the service worker's `push` handler shows the notification that opens the tracking
// page. The push is delivered to the worker through DevTools (ServiceWorker.deliverPushMessage):
// headless Chromium has no push service, so the browser's PushManager.subscribe is replaced by a
// subscription object of the same shape (the sender's encryption is tested in
// tests/unit/web-push.test.ts against a local push endpoint).
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import { serviceClient, waitForServiceWorker } from './helpers';

const b64url = (n: number) => randomBytes(n).toString('base64url');

async function bookDirectly() {
	const service = serviceClient();
	const { data: unit } = await service.from('units').select('id').eq('code', 'HN-KV1').single();
	const day = (d: number) => new Date(Date.now() + d * 86400_000).toISOString().slice(0, 10);
	const { data: slots, error } = await service.rpc('list_reception_slots', {
		p_unit_id: unit!.id,
		p_from: day(2),
		p_to: day(20)
	});
	expect(error).toBeNull();
	const slot = (slots as { starts_at: string; places_left: number }[]).find(
		(s) => s.places_left > 0
	)!;
	const booked = await service.rpc('book_reception', {
		payload: {
			unit_id: unit!.id,
			starts_at: slot.starts_at,
			full_name: 'Lê Thị Báo',
			phone: `09${Math.floor(10_000_000 + Math.random() * 89_999_999)}`,
			people_count: 1,
			topic: 'hoi_vu_viec',
			consent: true
		},
		idempotency_key: randomUUID()
	});
	expect(booked.error).toBeNull();
	return booked.data as { booking_id: string; code: string; secret: string };
}

async function registrationId(context: BrowserContext, page: Page, origin: string) {
	const cdp = await context.newCDPSession(page);
	const id = new Promise<string>((resolve) => {
		cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
			const r = e.registrations.find((x) => x.scopeURL.startsWith(origin) && !x.isDeleted);
			if (r) resolve(r.registrationId);
		});
	});
	await cdp.send('ServiceWorker.enable');
	return { cdp, id: await id };
}

test('a citizen turns on notifications on the receipt page; a push shows the notification', async ({
	page,
	context,
	baseURL
}) => {
	test.skip(test.info().project.name !== 'desktop', 'one browser run is enough');
	test.setTimeout(60_000);
	const origin = new URL(baseURL!).origin;
	await context.grantPermissions(['notifications'], { origin });
	const endpoint = `https://fcm.googleapis.com/fcm/send/${b64url(40)}`;
	const keys = { p256dh: b64url(65), auth: b64url(16) };
	await context.addInitScript(
		({ endpoint, keys }) => {
			const w = window as unknown as { __permissionAsked: number };
			w.__permissionAsked = 0;
			const ask = Notification.requestPermission.bind(Notification);
			Notification.requestPermission = (...args) => {
				w.__permissionAsked++;
				return ask(...args);
			};
			const fake = { endpoint, expirationTime: null, toJSON: () => ({ endpoint, keys }) };
			PushManager.prototype.getSubscription = async () => null;
			PushManager.prototype.subscribe = async function () {
				return fake as unknown as PushSubscription;
			};
		},
		{ endpoint, keys }
	);

	const b = await bookDirectly();
	await page.goto(`/dat-lich/lich-hen?ma=${b.code}`);
	await page.getByLabel('Mã bí mật').fill(b.secret);
	await page.getByRole('button', { name: 'Xem lịch hẹn' }).click();
	await expect(page.getByTestId('booking-code')).toHaveText(b.code);
	await page.goto(`/dat-lich/lich-hen/${b.code}?moi=1`);
	await waitForServiceWorker(page);

	const section = page.getByRole('region', { name: 'Nhận thông báo trên thiết bị này' });
	await expect(section).toBeVisible();
	expect(
		await page.evaluate(() => (window as never as { __permissionAsked: number }).__permissionAsked)
	).toBe(0);
	await section.getByRole('button', { name: 'Bật thông báo' }).click();
	await expect(section.getByRole('status')).toHaveText(
		'Đã bật thông báo cho hồ sơ này trên thiết bị này.'
	);
	expect(
		await page.evaluate(() => (window as never as { __permissionAsked: number }).__permissionAsked)
	).toBe(1);

	const { data: saved } = await serviceClient()
		.from('push_subscriptions')
		.select('record_kind, endpoint, p256dh, auth')
		.eq('record_id', b.booking_id);
	expect(saved).toEqual([{ record_kind: 'booking', endpoint, ...keys }]);

	// What the server's sender encrypts for this booking, delivered to the worker's push handler.
	const { cdp, id } = await registrationId(context, page, origin);
	await cdp.send('ServiceWorker.deliverPushMessage', {
		origin,
		registrationId: id,
		data: JSON.stringify({
			title: `Lịch hẹn ${b.code} đã bị hủy`,
			body: 'Cơ quan đã hủy lịch hẹn của bạn.',
			url: `${origin}/tra-cuu?ma=${b.code}`
		})
	});
	// Chromium starts the stopped worker to deliver the push: allow for a busy machine.
	await expect
		.poll(
			() =>
				page.evaluate(async () => {
					const reg = await navigator.serviceWorker.ready;
					return (await reg.getNotifications()).map((n) => ({
						title: n.title,
						body: n.body,
						data: n.data as unknown
					}));
				}),
			{ timeout: 15_000 }
		)
		.toEqual([
			{
				title: `Lịch hẹn ${b.code} đã bị hủy`,
				body: 'Cơ quan đã hủy lịch hẹn của bạn.',
				data: { url: `${origin}/tra-cuu?ma=${b.code}` }
			}
		]);

	// A payload pointing elsewhere opens this app's tracking page, never another site.
	await cdp.send('ServiceWorker.deliverPushMessage', {
		origin,
		registrationId: id,
		data: JSON.stringify({ title: 'X', body: 'y', url: 'https://evil.example/phish', tag: 'x' })
	});
	// Chromium starts the stopped worker to deliver the push: allow for a busy machine.
	await expect
		.poll(
			() =>
				page.evaluate(async () => {
					const reg = await navigator.serviceWorker.ready;
					return (await reg.getNotifications())
						.filter((n) => n.title === 'X')
						.map((n) => n.data as unknown);
				}),
			{ timeout: 15_000 }
		)
		.toEqual([{ url: `${origin}/tra-cuu` }]);
});

test('no permission prompt on page load, and nothing without a receipt', async ({ page }) => {
	test.skip(test.info().project.name !== 'desktop', 'one browser run is enough');
	await page.goto('/');
	await page.goto('/tra-cuu');
	await expect(page.getByRole('button', { name: 'Bật thông báo' })).toHaveCount(0);
	expect(await page.evaluate(() => Notification.permission)).toBe('default');
});
