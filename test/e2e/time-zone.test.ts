import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceFormPage } from './pages/evidence-form.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';

/*
 * A person east of UTC, in the morning. The browser is in Kiritimati (UTC+14)
 * and both clocks, the browser's and the server's, stand at 20:00 UTC on
 * 10 March 2026: 10:00 on the 11th for the person. Before time zones, the
 * form offered the 11th and the server, counting in UTC, refused it as "in
 * the future".
 */
const EVENING_UTC = new Date('2026-03-10T20:00:00Z');
const KIRITIMATI = 'Pacific/Kiritimati';

describe('a person east of UTC, in the morning', { timeout: 60_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp(
      { personName: 'Teuila Fa’asavalu', now: () => EVENING_UTC },
      { timezoneId: KIRITIMATI, locale: 'en-US' },
    ));
    await context.clock.setFixedTime(EVENING_UTC);
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  async function personTimeZone(): Promise<string | null> {
    const response = await fetch(`${server.url}/api/me`, { headers: server.apiHeaders });
    return ((await response.json()) as { person: { timeZone: string | null } }).person.timeZone;
  }

  it('saves the evidence form’s own default date, today in Kiritimati, without an error', async () => {
    const form = new EvidenceFormPage(page);
    await form.open();
    // The first visit stored the browser's zone as the person's.
    expect(await personTimeZone()).toBe(KIRITIMATI);
    expect(await form.date.inputValue()).toBe('2026-03-11');
    expect(await form.main.getByTestId('time-zone-setting').innerText()).toBe(
      `Today is 03/11/2026 in your time zone, ${KIRITIMATI}.`,
    );

    await form.title.fill('Ran the morning incident review');
    await form.competencies.getByRole('checkbox', { name: 'Reliability and blast radius', exact: true }).check();
    expect(await form.submit()).toBe(201);
    await form.shell.waitForToast('Evidence added.');
  });

  it('shows a refused date the way the date input shows it, not as YYYY-MM-DD', async () => {
    const form = new EvidenceFormPage(page);
    await form.open();
    await form.title.fill('Something that has not happened yet');
    await form.competencies.getByRole('checkbox', { name: 'Reliability and blast radius', exact: true }).check();
    await form.date.fill('2026-03-12');
    expect(await form.submit()).toBe(422);
    // The answer is in before React has drawn the error beside the field: wait for it to be drawn.
    await expect.poll(() => form.fieldError(form.date), { timeout: 5_000 }).toContain('03/12/2026 is in the future');
    const error = await form.fieldError(form.date);
    expect(error).toContain('03/12/2026 is in the future');
    expect(error).not.toContain('2026-03-12');
    expect(await form.problemList()).toEqual([expect.stringMatching(/^Date: 03\/12\/2026 is in the future/)]);
  });

  it('offers this device’s zone when the person’s is elsewhere, and takes it', async () => {
    const moved = await fetch(`${server.url}/api/people/${await personId()}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...server.apiHeaders },
      body: JSON.stringify({ timeZone: 'Pacific/Pago_Pago' }),
    });
    expect(moved.status).toBe(200);

    const form = new EvidenceFormPage(page);
    await page.goto('/evidence');
    await form.open();
    // Still the 10th in Pago Pago (UTC-11): that is the default and the latest date the input allows.
    expect(await form.date.inputValue()).toBe('2026-03-10');
    expect(await form.date.getAttribute('max')).toBe('2026-03-10');
    const setting = form.main.getByTestId('time-zone-setting');
    await setting.getByRole('button', { name: `Use this device’s time zone (${KIRITIMATI})` }).click();
    await setting.getByText(`Today is 03/11/2026 in your time zone, ${KIRITIMATI}.`).waitFor();
    expect(await form.date.getAttribute('max')).toBe('2026-03-11');
    // The date was the old today, untouched: it follows to the new one.
    expect(await form.date.inputValue()).toBe('2026-03-11');
    expect(await setting.getByRole('button').count()).toBe(0);
    expect(await personTimeZone()).toBe(KIRITIMATI);
  });

  async function personId(): Promise<string> {
    const response = await fetch(`${server.url}/api/me`, { headers: server.apiHeaders });
    return ((await response.json()) as { person: { id: string } }).person.id;
  }
});
