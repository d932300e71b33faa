import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiDocsPage } from './pages/api-docs.page.js';
import { AppShell } from './pages/app-shell.page.js';
import { AssessPage } from './pages/assess.page.js';
import { ComparePage } from './pages/compare.page.js';
import { HistoryPage } from './pages/history.page.js';
import { LadderPage } from './pages/ladder.page.js';
import { LevelPage } from './pages/level.page.js';
import { NotFoundPage } from './pages/not-found.page.js';
import { ProgressPage } from './pages/progress.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';
import { tabTo } from './support/keyboard.js';

/*
 * The web app's rough edges from the walk of issue 6, each as a person meets
 * it: the order of a comparison, notes with ratings, a phone's width, an
 * unknown address, an error that names a competency, the keyboard focus, and
 * the level rule with what stands in its way. One server over a new database
 * (the default ladder, no demo data); the steps run in order.
 */

const PERSON = 'Grace Hopper';
const PHONE = { width: 375, height: 800 };
const RELIABILITY = 'Reliability and blast radius';
const SCOPE = 'Scope of ownership';
const DEBUGGING = 'Debugging and operations';
const SCOPE_NOTE = 'Took over the billing service and its on-call rota when its team was dissolved.';

describe('the walk of the web app', { timeout: 90_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;
  let personId: string;

  /** A request to the API as the local person, for the setup a step needs; fails loudly on a refusal. */
  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      headers: body === undefined ? server.apiHeaders : { 'content-type': 'application/json', ...server.apiHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  /** The rule of a level in words, as the ladder API gives it. */
  async function ruleOf(levelId: string): Promise<string> {
    const ladder = await api<{ tracks: Array<{ levels: Array<{ id: string; rule: string }> }> }>(
      'GET',
      '/ladders/active',
    );
    const rule = ladder.tracks[0]?.levels.find((l) => l.id === levelId)?.rule;
    if (rule === undefined) throw new Error(`the ladder has no level "${levelId}"`);
    return rule;
  }

  /** A new page as wide as a phone. */
  async function phonePage(height = PHONE.height): Promise<Page> {
    const narrow = await context.newPage();
    narrow.setDefaultTimeout(15_000);
    await narrow.setViewportSize({ width: PHONE.width, height });
    return narrow;
  }

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: PERSON }));
    personId = (await api<{ person: { id: string } }>('GET', '/me')).person.id;
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it('compares Architect with Junior in that order, also after a reload', async () => {
    const compare = new ComparePage(page);
    await compare.openUrl('/ladder/compare');
    await compare.compare('Architect', 'Junior');

    expect(compare.params()).toEqual({ from: 'architect', to: 'junior' });
    expect(await compare.sideBySide()).toEqual(['Architect', 'Junior']);
    expect((await compare.competencyRow(SCOPE)).map((cell) => cell.level)).toEqual(['Architect', 'Junior']);

    await page.reload();
    await compare.changesHeading('Architect', 'Junior').waitFor();
    expect(await compare.chosen()).toEqual({ from: 'Architect', to: 'Junior' });
    expect(await compare.sideBySide()).toEqual(['Architect', 'Junior']);
  });

  it('answers an unknown address with 404 and the not-found view, and the app’s own addresses with 200', async () => {
    const notFound = new NotFoundPage(page);
    expect(await notFound.open('/no/such/page')).toBe(404);
    expect(await notFound.missingPath()).toBe('/no/such/page');
    expect(await notFound.open('/ladder/levels/senior/extra')).toBe(404);

    const level = await page.goto('/ladder/levels/senior');
    expect(level?.status()).toBe(200);
    await notFound.shell.waitForHeading('Senior');
  });

  it('keeps the keyboard focus on the screen in the wizard on a phone, while choosing a first rating', async () => {
    const narrow = await phonePage(640);
    try {
      const assess = new AssessPage(narrow);
      await assess.openStep('reliability', RELIABILITY);
      const group = assess.ratingGroup(RELIABILITY);
      const inView = async (step: string) => {
        const box = await assess.focusedBox();
        expect(box.top, `${step}: ${box.what}`).toBeGreaterThanOrEqual(0);
        expect(box.bottom, `${step}: ${box.what}`).toBeLessThanOrEqual(box.viewport);
      };
      await tabTo(narrow, group);
      await inView('tabbed into the choices');
      const options = await group.getByRole('radio').count();
      for (const [key, presses] of [
        ['ArrowDown', options - 1],
        ['ArrowUp', options - 1],
      ] as const) {
        for (let i = 0; i < presses; i += 1) {
          await narrow.keyboard.press(key);
          await inView(`${key} ${i + 1}`);
        }
      }
      await tabTo(narrow, assess.nextButton);
      await inView('tabbed to Next');
      expect(await new AppShell(narrow).documentScrollWidth()).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await narrow.close();
    }
  });

  it('fits the API reference on a phone, with "at least 1 character" wrapped and in the singular', async () => {
    const narrow = await phonePage();
    try {
      const docs = new ApiDocsPage(narrow);
      expect(await docs.open()).toBe(200);
      expect(await docs.scrollWidth()).toBeLessThanOrEqual(PHONE.width);
      const text = await docs.text();
      expect(text).toContain('at least 1 character');
      expect(text).not.toContain('at least 1 characters');
    } finally {
      await narrow.close();
    }
  });

  it('states the rule of each level on the ladder and on the level page', async () => {
    const ladder = new LadderPage(page);
    await ladder.open();
    const senior = await ruleOf('senior');
    expect(senior).toContain(RELIABILITY);
    expect(await ladder.levelRule('Senior')).toBe(senior);
    expect(await ladder.levelRule('Architect')).toBe(await ruleOf('architect'));

    const level = new LevelPage(page);
    await level.open('senior', 'Senior');
    expect(await level.rule('Senior')).toBe(senior);
  });

  it('shows the ladder matrix on a phone as one card per competency, without sideways scrolling', async () => {
    const narrow = await phonePage();
    try {
      const ladder = new LadderPage(narrow);
      await ladder.open();
      const cards = await ladder.competencyCards();
      expect(cards.map((c) => c.title).sort()).toEqual(server.ladder.competencies.map((c) => c.title).sort());
      for (const card of cards) {
        expect(card.box.x, card.title).toBeGreaterThanOrEqual(0);
        expect(card.box.x + card.box.width, card.title).toBeLessThanOrEqual(PHONE.width);
        // The card holds every level of its competency, labelled, one under another.
        expect(card.levels, card.title).toEqual(['Junior', 'Mid-level', 'Senior', 'Architect']);
      }
      // Cards stack: each starts below the one before it.
      for (let i = 1; i < cards.length; i += 1) {
        const [above, below] = [cards[i - 1], cards[i]];
        if (above === undefined || below === undefined) continue;
        expect(below.box.y, below.title).toBeGreaterThanOrEqual(above.box.y + above.box.height - 1);
      }
      expect(await ladder.shell.sidewaysScrollers()).toEqual([]);
      expect(await ladder.shell.documentScrollWidth()).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await narrow.close();
    }
  });

  it('says why Senior is not met when Reliability is not rated, never "100%", with the rule of Senior', async () => {
    const others = server.ladder.competencies.filter((c) => c.id !== 'reliability');
    // Two pieces of evidence behind every competency but Reliability: what Senior's evidence rule asks.
    for (const title of ['Ran the payments migration', 'Led the search re-platforming']) {
      await api('POST', `/people/${personId}/evidence`, {
        title,
        kind: 'delivery',
        competencies: others.map((c) => c.id),
      });
    }
    const ratings = Object.fromEntries([...others.map((c) => [c.id, 'senior']), ['reliability', 'not-observed']]);
    await api('POST', `/people/${personId}/assessments`, { ratings });

    const progress = new ProgressPage(page);
    await progress.open();
    expect(await progress.demonstrated()).toBe('Mid-level');
    expect(await progress.next()).toBe('Senior');
    expect(await progress.blockers('Senior')).toEqual([expect.stringContaining(RELIABILITY)]);
    expect(await progress.ruleOf('Senior')).toBe(await ruleOf('senior'));
    expect(await progress.targetSummary()).toMatch(/^You are \d+% of the way to Senior; it is not met yet\./);
    expect(await progress.readiness()).toBeLessThan(100);
    const bar = await progress.readinessBar();
    expect(bar.value).toBeLessThan(bar.max);
    expect(await progress.mainText()).not.toContain('100%');
    expect(await progress.notObservedTitles()).toEqual([RELIABILITY]);
  });

  it('shows a rating without the evidence it needs as unsupported in the gap list, and why', async () => {
    await api('POST', `/people/${personId}/assessments`, { ratings: { reliability: 'senior' } });

    const progress = new ProgressPage(page);
    await progress.open();
    expect(await progress.gapTitles()).toEqual([RELIABILITY]);
    expect(await progress.gapBadge(RELIABILITY)).toBe('Unsupported');
    expect(await progress.gapShortfall(RELIABILITY)).toBe(
      'Rated Senior, but a rating needs 2 pieces of evidence to count at Senior; you have none.',
    );
    expect(await progress.blockers('Senior')).toEqual(expect.arrayContaining([expect.stringContaining(RELIABILITY)]));
    expect(await progress.mainText()).not.toContain('100%');
  });

  it('writes a note with a rating in the wizard, and finds it on My progress and in History', async () => {
    const assess = new AssessPage(page);
    await assess.openStep('scope', SCOPE);
    expect(await assess.note()).toBe('');
    await assess.writeNote(SCOPE_NOTE);
    await assess.continueToReview();
    expect(await assess.reviewNotes()).toEqual({ [SCOPE]: SCOPE_NOTE });
    expect(await assess.reviewSummary()).toContain('1 changed.');
    await assess.save();

    const progress = new ProgressPage(page);
    await progress.shell.waitForToast('Self-assessment saved.');
    expect(await progress.noteFor(SCOPE)).toBe(SCOPE_NOTE);

    const history = new HistoryPage(page);
    await history.open();
    const [latest] = await history.assessments();
    expect(latest?.changes).toEqual([`${SCOPE}: Senior (new note)`]);
    expect(latest?.notes).toEqual([`${SCOPE}: ${SCOPE_NOTE}`]);

    // Saving again from the wizard keeps the note: it goes back with its rating.
    await assess.openStep('debugging', DEBUGGING);
    await assess.rateCompetency(DEBUGGING, 'Mid-level');
    await assess.continueToReview();
    expect(await assess.reviewNotes()).toEqual({ [SCOPE]: SCOPE_NOTE });
    await assess.save();
    await progress.shell.waitForToast('Self-assessment saved.');
    expect(await progress.noteFor(SCOPE)).toBe(SCOPE_NOTE);
    await assess.openStep('scope', SCOPE);
    expect(await assess.note()).toBe(SCOPE_NOTE);
  });

  it('names the competency by its title when the server refuses a note', async () => {
    const assess = new AssessPage(page);
    await assess.openStep('reliability', RELIABILITY);
    await assess.writeNote('x'.repeat(2100));
    await assess.continueToReview();
    const problems = await assess.saveRefused();
    expect(problems).toEqual([
      `Your note on ${RELIABILITY}: the note is 2,100 characters; keep it under 2,000 Go to this step`,
    ]);
    expect(problems.join(' ')).not.toMatch(/\breliability\b/);
    // The Save button is far below the top: the page takes the person up to the problem.
    const focused = await assess.focusedBox();
    expect(focused.what).toContain('Your self-assessment was not saved');
    expect(focused.top).toBeGreaterThanOrEqual(0);
    expect(focused.top).toBeLessThan(focused.viewport);
    await page.getByRole('main').getByRole('button', { name: 'Discard my changes' }).click();
    expect(await assess.reviewNotes()).toEqual({ [SCOPE]: SCOPE_NOTE });
  });

  it('shows History on a phone newest first, chart and assessments whole, without sideways scrolling', async () => {
    const narrow = await phonePage();
    try {
      const history = new HistoryPage(narrow);
      await history.open();
      const rows = await history.assessments();
      expect(rows).toHaveLength(4);
      expect(rows[0]?.changes).toEqual([`${DEBUGGING}: Senior → Mid-level`]);
      expect(rows[1]?.changes).toEqual([`${SCOPE}: Senior (new note)`]);

      const layout = await history.layout();
      for (const box of [layout.chart, ...layout.rows]) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      }
      expect(await history.shell.sidewaysScrollers()).toEqual([]);
      expect(await history.shell.documentScrollWidth()).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await narrow.close();
    }
  });
});
