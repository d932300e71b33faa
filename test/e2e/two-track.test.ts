import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { competenciesOf, findTrack } from '../../src/core/ladder.js';
import { TWO_TRACK_LADDER_FILE } from '../../src/services/ladders.fixtures.js';
import { AssessPage, NOT_OBSERVED } from './pages/assess.page.js';
import { HistoryPage } from './pages/history.page.js';
import { ProgressPage } from './pages/progress.page.js';
import type { AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';

/*
 * A person on the two-track example ladder assesses themself as an engineer,
 * moves to the engineering-manager track, and keeps a working home page and
 * history. The steps run in order and build on each other.
 */

const PERSON = 'Kofi Mensah';

/** The self-assessment on the individual-contributor track: mostly Senior, code quality not observed. */
const AS_ENGINEER = new Map<string, string>([
  ['Scope of ownership', 'Senior'],
  ['Reliability and incidents', 'Senior'],
  ['Communication and influence', 'Senior'],
  ['Growing others', 'Mid-level'],
  ['Design and trade-offs', 'Senior'],
  ['Code quality and testing', NOT_OBSERVED],
]);

const sorted = (values: readonly string[]) => [...values].sort();

describe('moving from the engineering track to the management track', { timeout: 60_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: PERSON, ladderFile: TWO_TRACK_LADDER_FILE }));
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  const titlesOn = (trackId: string) =>
    competenciesOf(server.ladder, findTrack(server.ladder, trackId)).map((c) => c.title);

  it('1. assesses themself on the individual-contributor track, the first one, and lands on Senior', async () => {
    const progress = new ProgressPage(page);
    await progress.open();
    await progress.emptyState().waitFor();
    await progress.startAssessmentLink.click();

    const assess = new AssessPage(page);
    const visited = await assess.assessWithKeyboard(AS_ENGINEER);
    expect(sorted(visited)).toEqual(sorted(titlesOn('ic')));
    await assess.save();

    await progress.shell.waitForToast('Self-assessment saved.');
    expect(await progress.demonstrated()).toBe('Senior');
    expect(await progress.next()).toBe('Architect');
  });

  it('2. moves to the engineering-manager track, and My progress shows where they stand there', async () => {
    // What `longhaul assess --track em` does: the web app assesses on the track a person is on.
    const me = (await (await context.request.get('/api/me')).json()) as { person: { id: string } };
    const moved = await context.request.post(`/api/people/${me.person.id}/assessments`, {
      data: { track: 'em', ratings: { reliability: 'manager', hiring: 'manager', feedback: 'manager' } },
    });
    expect(moved.status()).toBe(201);

    const progress = new ProgressPage(page);
    for (let visit = 0; visit < 2; visit += 1) {
      await progress.open();
      expect(await progress.demonstrated()).toBe('Engineering Manager');
      expect(await progress.next()).toBe('Senior Engineering Manager');
    }
    expect(await progress.notObservedTitles()).not.toContain('Code quality and testing');
  });

  it('3. updates the self-assessment in the wizard, which now asks about the management competencies', async () => {
    const progress = new ProgressPage(page);
    await progress.updateAssessment();

    const assess = new AssessPage(page);
    const visited = await assess.assessWithKeyboard(new Map([['Planning and delivery', 'Engineering Manager']]));
    expect(sorted(visited)).toEqual(sorted(titlesOn('em')));
    expect(visited).not.toContain('Design and trade-offs');
    const review = await assess.reviewRows();
    expect(review.filter((row) => row.changed).map((row) => [row.competency, row.rating])).toEqual([
      ['Planning and delivery', 'Engineering Manager'],
    ]);
    await assess.save();

    await progress.shell.waitForToast('Self-assessment saved.');
    expect(await progress.demonstrated()).toBe('Engineering Manager');
  });

  it('4. keeps the assessment made as an engineer in History', async () => {
    const history = new HistoryPage(page);
    await history.open();
    const rows = await history.assessments();
    expect(rows.map((row) => row.demonstrated)).toEqual(['Engineering Manager', 'Engineering Manager', 'Senior']);
  });
});
