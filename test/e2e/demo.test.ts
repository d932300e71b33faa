import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComparePage } from './pages/compare.page.js';
import { EvidenceFormPage } from './pages/evidence-form.page.js';
import { EvidenceListPage } from './pages/evidence-list.page.js';
import { HistoryPage } from './pages/history.page.js';
import { ProgressPage } from './pages/progress.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';

/*
 * What a first-time visitor of `npm start` meets: `serve` seeds a new
 * database with the demo organisation, so every screen has something to show.
 */

const PERSON = 'Sam Okafor';

describe('the demo organisation a first `npm start` opens on', { timeout: 60_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: PERSON, demo: true }));
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it('opens on My progress with a level, the readiness for the next and the gaps to it', async () => {
    const progress = new ProgressPage(page);
    await progress.open();
    expect(await progress.shell.noticeText()).toBe(
      `Demo: you are signed in as ${PERSON}. The demo accounts exist only in the demo.`,
    );

    const levels = server.ladder.tracks[0]?.levels.map((l) => l.title) ?? [];
    const demonstrated = await progress.demonstrated();
    const next = await progress.next();
    expect(levels).toContain(demonstrated);
    expect(levels.indexOf(next)).toBe(levels.indexOf(demonstrated) + 1);
    // The demo places the visitor at Mid-level, with the evidence behind it and a clear gap to Senior.
    expect([demonstrated, next]).toEqual(['Mid-level', 'Senior']);
    const readiness = await progress.readiness();
    expect(readiness).toBeGreaterThanOrEqual(0);
    expect(readiness).toBeLessThan(100);
    await progress.radar(next).waitFor();
    expect((await progress.gapTitles()).length).toBeGreaterThan(0);

    await progress.main.getByRole('link', { name: `Compare ${demonstrated} with ${next}` }).click();
    const compare = new ComparePage(page);
    await compare.changesHeading(demonstrated, next).waitFor();
    expect(await compare.sideBySide()).toEqual([demonstrated, next]);
  });

  it('has a year of evidence to read and filter', async () => {
    const list = new EvidenceListPage(page);
    await list.shell.goTo('Evidence');
    const titles = await list.titles();
    expect(titles.length).toBeGreaterThan(5);
    expect(await list.countText()).toBe(`${titles.length} pieces of evidence.`);

    await list.filterByCompetency('Reliability and blast radius');
    const filtered = await list.titles();
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(titles.length);
    for (const title of filtered) {
      expect((await list.card(title)).competencies).toContain('Reliability and blast radius');
    }
    expect(new URL(page.url()).searchParams.get('competency')).toBe('reliability');
  });

  it('edits a piece of evidence in place: the form opens filled in, and the list shows the change', async () => {
    const list = new EvidenceListPage(page);
    await list.open();
    const [first] = await list.titles();
    if (first === undefined) throw new Error('the demo has no evidence');

    const form = new EvidenceFormPage(page);
    await form.openFromList(first);
    expect(await form.title.inputValue()).toBe(first);
    const renamed = `${first} (edited)`;
    await form.title.fill(renamed);
    expect(await form.saveChanges()).toBe(200);

    await list.waitForList();
    const titles = await list.titles();
    expect(titles).toContain(renamed);
    expect(titles).not.toContain(first);
  });

  it('shows a history of several assessments ending at today’s level', async () => {
    const progress = new ProgressPage(page);
    await progress.open();
    const demonstrated = await progress.demonstrated();

    const history = new HistoryPage(page);
    await history.shell.goTo('History');
    await history.chart.waitFor();
    const rows = await history.assessments();
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0]?.demonstrated).toBe(demonstrated);
    expect(rows.every((row) => row.kind === 'Self')).toBe(true);
  });
});
