import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/services/account.service.js';
import { readLadderFile, type LadderSource } from '../../src/services/ladder-files.js';
import { activateLadder } from '../../src/services/workspace.service.js';
import { insertAccount } from '../../src/store/account.repository.js';
import { insertPerson } from '../../src/store/people.repository.js';
import { ImportPeoplePage, LadderVersionsPage } from './pages/admin.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';
import { textOf } from './support/text.js';

/*
 * The admin screens of the organisation: an admin checks a people file with
 * a mistake and sees its line and column, fixes it, imports it, re-imports it
 * with a change and sees what changed; then makes an earlier ladder version
 * active after a confirmation that says what that changes. Someone who is not
 * an admin is refused with the policy's sentence. Screenshots at 1280 and
 * 375 px land in test/e2e/screenshots/.
 */

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const PREVIOUS = fileURLToPath(new URL('../../ladders/examples/longhaul-previous.yaml', import.meta.url));
const HEADER = 'email,name,team,manager_email,track,level';
const WRONG = [
  HEADER,
  'amara.nwosu@example.com,Amara Nwosu,,,ic,architect',
  'kwame.asante@example.com,Kwame Asante,Payments,amara@example.com,ic,senior',
  '',
].join('\n');
const FIXED = WRONG.replace('amara@example.com', 'amara.nwosu@example.com');
const MOVED = FIXED.replace('Kwame Asante,Payments', 'Kwame Asante,Search');
const PASSWORD = 'an engineer passphrase, long enough';

describe('the admin import and ladder screens', { timeout: 90_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;
  let current: LadderSource;
  let previous: LadderSource;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: 'Sam Okafor' }));
    current = await readLadderFile(join(fileURLToPath(new URL('../../ladders/', import.meta.url)), 'longhaul.yaml'));
    previous = await readLadderFile(PREVIOUS);
    // An earlier version stored as `longhaul use-ladder` would, then today's made active again.
    await activateLadder(server.db, previous);
    await activateLadder(server.db, current);
    const engineer = await insertPerson(server.db, { name: 'Pat Doe', email: 'pat.doe@example.com' });
    await insertAccount(server.db, {
      personId: engineer.id,
      passwordHash: await hashPassword(PASSWORD),
      now: new Date().toISOString(),
    });
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it('checks a file with a mistake and shows its line and column (1280 px)', async () => {
    const screen = new ImportPeoplePage(page);
    await page.goto('/');
    await screen.shell.waitForHeading('My progress');
    await page.getByRole('group', { name: 'Admin' }).getByRole('link', { name: 'Import people' }).click();
    await screen.shell.waitForHeading('Import people');
    expect(await textOf(page.getByRole('main'))).toContain('manager_email');
    expect(await page.getByRole('link', { name: 'Download an example file' }).getAttribute('download')).toBe(
      'people-example.csv',
    );
    await screen.chooseFile('org.csv', WRONG);
    await screen.checkFile();
    expect(await screen.problems()).toEqual([
      'Line 3, column 4: column manager_email: no one in the file or the organisation has the email "amara@example.com"',
    ]);
    expect(await textOf(screen.alert.getByRole('heading'))).toBe('org.csv: 1 problem; nothing was imported');
    expect(await screen.import.isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'admin-import-problems-1280.png'), fullPage: true });
  });

  it('imports the fixed file, then re-imports it with a change and shows what changed', async () => {
    const screen = new ImportPeoplePage(page);
    await screen.text.fill(FIXED);
    await screen.checkFile();
    expect(await screen.summary()).toMatch(/^org\.csv is valid\. If imported: 2 people added, 0 people updated/);
    expect(await screen.planItems('To add')).toEqual([
      'Amara Nwosu (amara.nwosu@example.com, line 2)',
      'Kwame Asante (kwame.asante@example.com, line 3)',
    ]);
    expect(await screen.planItems('Teams to create')).toEqual(['Payments']);
    // Keyboard: from the plan back to Import, and Enter imports.
    await screen.import.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('main').getByRole('heading', { name: 'Imported', exact: true }).waitFor();
    expect(await screen.summary()).toBe(
      'Imported org.csv: 2 people added, 0 people updated, 0 unchanged, 1 team created.',
    );

    await screen.text.fill(MOVED);
    await screen.checkFile();
    expect(await screen.planItems('To update')).toEqual([
      'Kwame Asante (kwame.asante@example.com, line 3)Team: Payments → Search',
    ]);
    await page.screenshot({ path: join(SHOTS, 'admin-import-plan-1280.png'), fullPage: true });
    await screen.import.click();
    await page.getByRole('main').getByRole('heading', { name: 'Imported', exact: true }).waitFor();
    expect(await screen.summary()).toBe(
      'Imported org.csv: 0 people added, 1 person updated, 1 unchanged, 1 team created.',
    );
    const teams = (await (await page.request.get('/api/teams')).json()) as {
      items: { name: string; members: number }[];
    };
    expect(teams.items.map((t) => [t.name, t.members])).toEqual([
      ['Payments', 0],
      ['Search', 1],
    ]);
  });

  it('makes the earlier ladder version active after a confirmation that says what it changes', async () => {
    const screen = new LadderVersionsPage(page);
    await page.getByRole('group', { name: 'Admin' }).getByRole('link', { name: 'Ladder versions' }).click();
    await screen.shell.waitForHeading('Ladder versions');
    const old = previous.ladder.hash.slice(0, 12);
    await screen.row(old).waitFor();
    expect(await textOf(screen.row(current.ladder.hash.slice(0, 12)))).toContain('Active');
    await screen
      .row(old)
      .getByRole('link', { name: /Compare with the active one/ })
      .click();
    const diff = page.getByRole('main').getByRole('region', { name: /^From the active version/ });
    await diff.getByRole('listitem').first().waitFor();
    expect(await textOf(diff)).toContain('Competency "Reducing complexity" removed');

    await screen
      .row(old)
      .getByRole('button', { name: /Make active/ })
      .click();
    await screen.confirmation.waitFor();
    expect(await textOf(screen.confirmation)).toContain(
      'New evidence and assessments will be recorded against it, for everyone, from now on. Nothing already recorded changes: history keeps the version each rating was made with.',
    );
    await page.screenshot({ path: join(SHOTS, 'admin-ladder-confirm-1280.png'), fullPage: true });
    // The focus is on the confirming button: Escape cancels, and nothing changed.
    await page.keyboard.press('Escape');
    expect(await screen.confirmation.count()).toBe(0);
    await screen
      .row(old)
      .getByRole('button', { name: /Make active/ })
      .click();
    await screen.confirmation.getByRole('button', { name: 'Make it active' }).click();
    await page.waitForURL((url) => url.searchParams.get('activated') === previous.ladder.hash);
    await screen.status.waitFor();
    expect(await textOf(screen.status)).toBe(
      `Longhaul engineering ladder (${old}) is now the active ladder: new evidence and assessments are recorded against it.`,
    );
    expect(await textOf(screen.row(old))).toContain('Active');
    const active = (await (await page.request.get('/api/ladders/active')).json()) as { hash: string };
    expect(active.hash).toBe(previous.ladder.hash);
    await page.screenshot({ path: join(SHOTS, 'admin-ladder-1280.png'), fullPage: true });
  });

  it('adds a ladder version from a file: a wrong one shows its line and column, a right one is stored, not active', async () => {
    const screen = new LadderVersionsPage(page);
    const upload = page.getByRole('main').getByRole('region', { name: 'Add a ladder version' });
    const text = readFileSync(PREVIOUS, 'utf8').replace('title: Longhaul engineering ladder', 'title: Next ladder');
    const choose = (name: string, yaml: string) =>
      upload.getByLabel('Ladder file (YAML)').setInputFiles({
        name,
        mimeType: 'application/yaml',
        buffer: Buffer.from(yaml, 'utf8'),
      });
    await choose('next.yaml', text.replace('title: Next ladder', 'title: [unclosed'));
    await upload.getByRole('button', { name: 'Check and store' }).click();
    const alert = upload.getByRole('alert');
    await alert.waitFor();
    expect(await textOf(alert.getByRole('listitem').first())).toMatch(/^Line \d+, column \d+: /);
    await page.screenshot({ path: join(SHOTS, 'admin-ladder-upload-problems-1280.png'), fullPage: true });

    await choose('next.yaml', text);
    await upload.getByRole('button', { name: 'Check and store' }).click();
    const stored = upload.getByRole('status');
    await stored.waitFor();
    expect(await textOf(stored)).toMatch(/^Stored Next ladder \([0-9a-f]{12}\)\. It is not active yet/);
    await screen.rows.filter({ hasText: 'Next ladder' }).waitFor();
    expect(await textOf(screen.rows.filter({ hasText: 'Next ladder' }))).not.toContain('Active');
  });

  it('fits both screens at 375 px', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/admin/ladder');
    await new LadderVersionsPage(page).shell.waitForHeading('Ladder versions');
    await page.getByRole('main').getByRole('region', { name: 'Ladder versions' }).getByRole('row').nth(2).waitFor();
    await page.screenshot({ path: join(SHOTS, 'admin-ladder-375.png'), fullPage: true });
    const screen = new ImportPeoplePage(page);
    await page.goto('/admin/import');
    await screen.shell.waitForHeading('Import people');
    await screen.text.fill(WRONG);
    await screen.checkFile();
    expect((await screen.problems())[0]).toMatch(/^Line 3, column 4: /);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'admin-import-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("refuses someone who is not an admin with the policy's sentence", async () => {
    const signIn = new SignInPage(page);
    await signIn.shell.signOut();
    // The admin's CSRF token, which the suite's own requests carried, must not ride along with Pat's session.
    await context.setExtraHTTPHeaders({});
    await signIn.email.fill('pat.doe@example.com');
    await signIn.password.fill(PASSWORD);
    await signIn.submit.click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getByRole('group', { name: 'Admin' }).count()).toBe(0);
    const screen = new ImportPeoplePage(page);
    await page.goto('/admin/import');
    await screen.shell.waitForHeading('Import people');
    await screen.text.fill(FIXED);
    await screen.checkFile();
    expect(await textOf(screen.alert)).toBe(
      'only an admin can change the organisation, and Pat Doe is not one; ask an admin to make the change',
    );
    await page.goto('/admin/ladder');
    await screen.shell.waitForHeading('Ladder versions');
    await page.getByRole('main').getByRole('region', { name: 'Ladder versions' }).getByRole('row').nth(1).waitFor();
    expect(
      await page
        .getByRole('main')
        .getByRole('button', { name: /Make active/ })
        .count(),
    ).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'admin-import-refused-1280.png'), fullPage: true });
  });
});
