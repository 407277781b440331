// The setup project (playwright.config.ts): every demo staff account signs in once through the
// real form, and its session is kept as a storageState file for the specs (signInAsStaff), so
// sixty sign-ins do not meet the sign-in throttle. The sign-in page itself is tested by
// foundation.spec.ts and staff-mfa.spec.ts through the form.
import { expect, test as setup } from '@playwright/test';
import { demoStaff, saveSession, signInThroughForm } from './helpers';

for (const [role, email] of Object.entries(demoStaff)) {
	setup(`sign in as ${role}`, async ({ page }) => {
		await signInThroughForm(page, email);
		await expect(page).toHaveURL(/\/staff$/);
		await saveSession(page, email);
	});
}
