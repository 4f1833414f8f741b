/** Logging in through the real login form, as a person would. */
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../../server/seed/demo.js';
import type { Role } from '../../../server/users/user.entity.js';
import { TEST_PASSWORD } from '../../support/fixtures.js';

export function demoEmail(roleOrEmail: Role | string): string {
  return roleOrEmail.includes('@') ? roleOrEmail : DEMO_USERS.find((u) => u.role === roleOrEmail)!.email;
}

/** Opens `path` (default /login), fills the login form and waits until it has gone. */
export async function loginThroughForm(page: Page, baseUrl: string, roleOrEmail: Role | string, path = '/login'): Promise<void> {
  await page.goto(baseUrl + path);
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Log in' }) });
  await form.getByLabel('Email address').fill(demoEmail(roleOrEmail));
  await form.getByLabel('Password').fill(TEST_PASSWORD);
  await form.getByRole('button', { name: 'Log in' }).click();
  // The next screen may have its own "Email address" field (admin's user form): wait for the login form itself to go.
  await form.waitFor({ state: 'detached' });
}
