import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiDocsPage } from './pages/api-docs.page.js';
import { AppShell, type Section } from './pages/app-shell.page.js';
import { AssessPage, NOT_OBSERVED } from './pages/assess.page.js';
import { ComparePage } from './pages/compare.page.js';
import { EvidenceFormPage, type EvidenceInput } from './pages/evidence-form.page.js';
import { EvidenceListPage } from './pages/evidence-list.page.js';
import { HistoryPage } from './pages/history.page.js';
import { LadderPage } from './pages/ladder.page.js';
import { NotFoundPage } from './pages/not-found.page.js';
import { ProgressPage } from './pages/progress.page.js';
import { todayIso, type AppServer } from './support/app-server.js';
import { closeBrowserApp, openBrowserApp } from './support/browser-app.js';
import { tabTo } from './support/keyboard.js';

/*
 * A new user's first visit, end to end, as the issue tells it: a real server
 * over a new database (default ladder, one local person, no demo data), the
 * built web app, and Debian's Chromium. The steps run in order and build on
 * each other, as one person's session would. The default ladder counts a
 * rating at Mid-level or above only with evidence behind it (one piece at
 * Mid-level, two at Senior), so the person first sees bare self-ratings
 * demonstrate Junior, then logs evidence until Mid-level holds.
 */

const PERSON = 'Ada Lovelace';
const LEVELS = ['Junior', 'Mid-level', 'Senior', 'Architect'];

/** The first self-assessment: mostly Mid-level, three at Senior (Reliability among them), one not observed. */
const FIRST_ASSESSMENT = new Map<string, string>([
  ['Scope of ownership', 'Mid-level'],
  ['Autonomy and direction', 'Mid-level'],
  ['Reliability and blast radius', 'Senior'],
  ['Debugging and operations', 'Senior'],
  ['Design and trade-offs', 'Mid-level'],
  ['Technology judgement', 'Mid-level'],
  ['Mentoring and multiplying impact', NOT_OBSERVED],
  ['Communication and influence', 'Mid-level'],
  ['Time horizon', 'Mid-level'],
  ['Reducing complexity', 'Mid-level'],
  ['Code quality and testing', 'Senior'],
]);
const RAISED = 'Design and trade-offs';
const ratedAt = (level: string) => [...FIRST_ASSESSMENT].filter(([, l]) => l === level).map(([title]) => title);
/** The ten competencies the first assessment rates. */
const RATED = [...FIRST_ASSESSMENT].filter(([, level]) => level !== NOT_OBSERVED).map(([title]) => title);
const sorted = (values: readonly string[]) => [...values].sort();
/** The competencies that blocker sentences name, in quotes, once each. */
const namedIn = (blockers: readonly string[]) => [
  ...new Set(blockers.flatMap((line) => [...line.matchAll(/"([^"]+)"/g)].map((match) => match[1] ?? ''))),
];

/** A calendar date `days` away from today, as YYYY-MM-DD. */
function daysFromToday(days: number): string {
  const date = new Date(`${todayIso()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const INCIDENT: EvidenceInput = {
  title: 'Led the review of the checkout latency incident',
  kind: 'Incident',
  date: daysFromToday(-20),
  competencies: ['Reliability and blast radius', 'Debugging and operations'],
  links: ['https://example.com/postmortems/checkout-latency'],
  body: [
    'Ran the **blameless** review after checkout p99 latency hit 4 s.',
    '',
    '- Traced it to a missing index on `orders.created_at`',
    '- Added a latency alert on the payment path',
  ].join('\n'),
};

const DESIGN_NOTE: EvidenceInput = {
  title: 'Wrote the design note for idempotent payment retries',
  kind: 'Design',
  date: daysFromToday(-5),
  competencies: ['Design and trade-offs', 'Communication and influence'],
  links: ['https://example.com/notes/idempotent-retries'],
  body: 'Compared *three* approaches and picked idempotency keys.',
};

/**
 * Logged from the gap entry of Scope of ownership: with the two pieces above,
 * eight of the ten ratings have the piece Mid-level asks, and Design has the
 * two Senior asks.
 */
const MIGRATION: EvidenceInput = {
  title: 'Moved order events from polling to the shared queue',
  kind: 'Delivery',
  date: daysFromToday(-2),
  competencies: [
    'Scope of ownership',
    'Autonomy and direction',
    'Design and trade-offs',
    'Technology judgement',
    'Reducing complexity',
  ],
  body: 'Chose the queue over a second poller, agreed the contract with two consumer teams and removed the cron job.',
};

describe('a new user’s first visit', { timeout: 60_000 }, () => {
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;
  /** What an earlier step saw, for a later step to compare with. */
  const seen = { readiness: 0, gaps: [] as string[] };

  beforeAll(async () => {
    ({ server, context, page } = await openBrowserApp({ personName: PERSON }));
  }, 600_000);

  afterAll(() => closeBrowserApp({ server, context }), 60_000);

  it('1. opens the app signed in: no demo notice, the name in the footer, and an empty My progress that says what to do next', async () => {
    const progress = new ProgressPage(page);
    await progress.open();

    expect(await progress.shell.notice.count()).toBe(0);
    expect(await progress.shell.footerText()).toBe(`Signed in as ${PERSON} · Longhaul engineering ladder`);
    expect(await progress.shell.currentSection()).toBe('Progress');
    await progress.emptyState().waitFor();
    expect(await progress.startAssessmentLink.getAttribute('href')).toBe('/assess');
    expect(await progress.demonstratedLevel.count()).toBe(0);
    expect(await page.title()).toBe('My progress · Longhaul');
  });

  it('2. reads the ladder: four levels as columns, every competency as a row, and one cell’s signals', async () => {
    const ladder = new LadderPage(page);
    await ladder.shell.goTo('Ladder');
    await ladder.matrix.waitFor();

    expect(await ladder.levelColumns()).toEqual(LEVELS);
    expect(sorted(await ladder.competencyTitles())).toEqual(sorted(server.ladder.competencies.map((c) => c.title)));
    expect(await ladder.categories()).toEqual([
      'Engineering craft',
      'Systems and architecture',
      'Ownership and judgement',
      'People and influence',
    ]);

    expect(await ladder.signalsOpen('Reliability and blast radius', 'Senior')).toBe(false);
    const signals = await ladder.openSignals('Reliability and blast radius', 'Senior');
    const expected = server.ladder.competencies.find((c) => c.id === 'reliability')?.levels.senior?.signals;
    expect(signals.length).toBeGreaterThan(0);
    expect(signals).toEqual(expected);
    expect(await ladder.signalsOpen('Reliability and blast radius', 'Senior')).toBe(true);
    expect(await ladder.signalsOpen('Reliability and blast radius', 'Mid-level')).toBe(false);
  });

  it('3. compares Mid-level with Senior side by side, at an address that can be shared', async () => {
    await new LadderPage(page).compareLevels();
    const compare = new ComparePage(page);
    await compare.compare('Mid-level', 'Senior');

    expect(await compare.sideBySide()).toEqual(['Mid-level', 'Senior']);
    expect(compare.params()).toEqual({ from: 'mid-level', to: 'senior' });
    const row = await compare.competencyRow('Scope of ownership');
    expect(row.map((cell) => cell.level)).toEqual(['Mid-level', 'Senior']);
    expect(row[0]?.expectation).not.toBe(row[1]?.expectation);

    const shared = await context.newPage();
    try {
      const elsewhere = new ComparePage(shared);
      await elsewhere.openUrl(page.url());
      await elsewhere.changesHeading('Mid-level', 'Senior').waitFor();
      expect(await elsewhere.chosen()).toEqual({ from: 'Mid-level', to: 'Senior' });
      expect(await elsewhere.sideBySide()).toEqual(['Mid-level', 'Senior']);
      expect(await elsewhere.competencyRow('Scope of ownership')).toEqual(row);
    } finally {
      await shared.close();
    }
  });

  it('4. assesses themself with the keyboard only: bare self-ratings demonstrate Junior, each one unsupported and named', async () => {
    const progress = new ProgressPage(page);
    await progress.open();
    // From here on: Tab, arrows, Space and Enter; no clicks.
    await tabTo(page, progress.startAssessmentLink);
    await page.keyboard.press('Enter');

    const assess = new AssessPage(page);
    const visited = await assess.assessWithKeyboard(FIRST_ASSESSMENT);
    expect(sorted(visited)).toEqual(sorted([...FIRST_ASSESSMENT.keys()]));

    const review = await assess.reviewRows();
    expect(review.map(({ competency, rating }) => [competency, rating])).toEqual(
      visited.map((title) => [title, FIRST_ASSESSMENT.get(title)]),
    );
    expect(review.every((row) => row.changed && row.before === 'Not rated yet')).toBe(true);
    expect(await assess.reviewSummary()).toContain(`${FIRST_ASSESSMENT.size} changed.`);
    await assess.saveWithKeyboard();

    // The default ladder counts a rating at Mid-level or above only with evidence behind it,
    // so ten self-ratings and no evidence demonstrate Junior, and Mid-level is the target.
    await progress.shell.waitForToast('Self-assessment saved.');
    expect(await progress.demonstrated()).toBe('Junior');
    expect(await progress.next()).toBe('Mid-level');
    expect(await progress.targetTitle()).toBe('Mid-level');
    expect(await progress.gapHeading()).toBe('What Mid-level asks that you do not show yet');
    const gaps = await progress.gapTitles();
    expect(sorted(gaps)).toEqual(sorted(RATED));
    expect(await progress.gapBadge('Scope of ownership')).toBe('Unsupported');
    expect(await progress.gapStatus('Scope of ownership')).toContain('You: Mid-level');
    expect(await progress.gapShortfall('Scope of ownership')).toBe(
      'Rated Mid-level, but a rating needs 1 piece of evidence to count at Mid-level; you have none.',
    );
    expect(await progress.gapBadge('Reliability and blast radius')).toBe('Unsupported');
    expect(await progress.notObservedTitles()).toEqual(['Mentoring and multiplying impact']);

    // Why Mid-level is not met: the share, then every rating that lacks its evidence, by name.
    const blockers = await progress.blockers('Mid-level');
    expect(blockers[0]).toBe('0 of 10 rated competencies that apply at Mid-level meet it; 8 must (80%).');
    expect(blockers).toContain(
      '"Scope of ownership" is rated Mid-level with 0 pieces of evidence; it needs 1 to count at Mid-level, so it counts as Junior.',
    );
    expect(sorted(namedIn(blockers))).toEqual(sorted(RATED));
    const rule = await progress.ruleOf('Mid-level');
    expect(rule).toContain('at least 6 competencies rated');
    expect(rule).toContain('each rating needs 1 piece of evidence to count at Mid-level');

    await progress.radar('Mid-level').waitFor();
    expect(await progress.readiness()).toBe(0);
    expect(await progress.targetSummary()).toMatch(/^You are 0% of the way to Mid-level; it is not met yet\./);
    expect(await progress.mainText()).not.toContain('100%');
    seen.readiness = 0;
    seen.gaps = gaps;
  });

  it('5. logs evidence, sees a server error next to the date without saving anything, deletes and undoes', async () => {
    const list = new EvidenceListPage(page);
    await list.shell.goTo('Evidence');
    await list.emptyState.waitFor();

    await list.addEvidence();
    const form = new EvidenceFormPage(page);
    await form.fill(INCIDENT);
    const preview = await form.previewHtml();
    expect(preview).toContain('<strong>blameless</strong>');
    expect(preview).toContain('<code>orders.created_at</code>');
    expect(await form.submit()).toBe(201);
    await list.shell.waitForToast('Evidence added.');

    expect(await list.titles()).toEqual([INCIDENT.title]);
    const card = await list.card(INCIDENT.title);
    expect(sorted(card.competencies)).toEqual(sorted(INCIDENT.competencies));
    expect(card.links).toEqual(INCIDENT.links);
    expect(card.meta).toContain('Incident');
    expect(card.bodyHtml).toContain('<strong>blameless</strong>');
    expect(card.bodyHtml).toMatch(/<li>Added a latency alert on the payment path<\/li>/);

    // A date in the future: the browser does not stop it, the server refuses it.
    await list.addEvidence();
    await form.fill({ ...DESIGN_NOTE, date: daysFromToday(30) });
    expect(await form.submit()).toBe(422);
    await form.problem.waitFor();
    expect(await form.problemList()).toEqual([expect.stringMatching(/^Date: .*in the future/)]);
    expect(await form.fieldError(form.date)).toMatch(/in the future/);
    expect(await form.date.getAttribute('aria-invalid')).toBe('true');
    expect(await form.errorIsNextTo(form.date)).toBe(true);
    expect(await form.fieldError(form.title)).toBeNull();
    expect(await form.title.inputValue()).toBe(DESIGN_NOTE.title);
    await form.shell.waitForHeading('Add evidence');

    // Corrected, it saves; the refused attempt left nothing behind, so the list holds exactly two.
    await form.date.fill(DESIGN_NOTE.date);
    expect(await form.submit()).toBe(201);
    await list.shell.waitForToast('Evidence added.');
    expect(await list.titles()).toEqual([DESIGN_NOTE.title, INCIDENT.title]);

    await list.deleteItem(DESIGN_NOTE.title);
    await list.shell.waitForToast('Evidence deleted.');
    expect(await list.titles()).toEqual([INCIDENT.title]);
    await list.undoDelete(DESIGN_NOTE.title);
    await list.shell.waitForToast('Evidence restored.');
    expect(await list.titles()).toEqual([DESIGN_NOTE.title, INCIDENT.title]);
  });

  it('6. the evidence supports four ratings: they leave the gap and the blockers, and the way to Mid-level grows', async () => {
    const progress = new ProgressPage(page);
    await progress.shell.goTo('Progress');
    const covered = [...INCIDENT.competencies, ...DESIGN_NOTE.competencies];

    expect(await progress.demonstrated()).toBe('Junior');
    const gaps = await progress.gapTitles();
    expect(sorted(gaps)).toEqual(sorted(seen.gaps.filter((title) => !covered.includes(title))));
    expect(gaps).toHaveLength(seen.gaps.length - covered.length);
    const blockers = await progress.blockers('Mid-level');
    expect(blockers[0]).toBe('4 of 10 rated competencies that apply at Mid-level meet it; 8 must (80%).');
    expect(sorted(namedIn(blockers))).toEqual(sorted(gaps));
    expect(await progress.readiness()).toBe(40);
    expect(await progress.readiness()).toBeGreaterThan(seen.readiness);
    seen.readiness = await progress.readiness();
    seen.gaps = gaps;
  });

  it('7. adds evidence from a gap entry; with eight of ten ratings supported, Mid-level is met and Senior is next', async () => {
    const progress = new ProgressPage(page);
    await progress.addEvidenceFor('Scope of ownership');
    const form = new EvidenceFormPage(page);
    // The gap entry's link ticks its own competency already.
    expect(await form.tickedCompetencies()).toEqual(['Scope of ownership']);
    await form.fill(MIGRATION);
    expect(sorted(await form.tickedCompetencies())).toEqual(sorted(MIGRATION.competencies));
    expect(await form.submit()).toBe(201);
    const list = new EvidenceListPage(page);
    await list.shell.waitForToast('Evidence added.');
    expect(await list.titles()).toEqual([MIGRATION.title, DESIGN_NOTE.title, INCIDENT.title]);

    await progress.shell.goTo('Progress');
    expect(await progress.demonstrated()).toBe('Mid-level');
    expect(await progress.next()).toBe('Senior');
    expect(await progress.targetTitle()).toBe('Senior');
    expect(await progress.blockers('Mid-level')).toEqual([]);

    // Against Senior: the Mid-level ratings are a level below, and the Senior ones
    // whose evidence falls short of the two pieces Senior asks are unsupported.
    expect(await progress.gapHeading()).toBe('What Senior asks that you do not show yet');
    const gaps = await progress.gapTitles();
    expect(sorted(gaps)).toEqual(sorted(RATED));
    expect(await progress.gapBadge('Scope of ownership')).toBe('One level below');
    expect(await progress.gapShortfall('Scope of ownership')).toBeNull();
    expect(await progress.gapBadge('Reliability and blast radius')).toBe('Unsupported');
    expect(await progress.gapShortfall('Reliability and blast radius')).toBe(
      'Rated Senior, but a rating needs 2 pieces of evidence to count at Senior; you have 1.',
    );
    const blockers = await progress.blockers('Senior');
    expect(blockers[0]).toBe('0 of 10 rated competencies that apply at Senior meet it; 8 must (80%).');
    expect(blockers).toContain(
      '"Reliability and blast radius" is rated Senior with 1 piece of evidence; it needs 2 to count at Senior, so it counts as Mid-level.',
    );
    expect(await progress.ruleOf('Senior')).toContain('each rating needs 2 pieces of evidence to count at Senior');
    await progress.radar('Senior').waitFor();
    expect(await progress.readiness()).toBe(0);
    expect(await progress.mainText()).not.toContain('100%');
    seen.readiness = 0;
    seen.gaps = gaps;
  });

  it('8. re-assesses Design a level higher, backed by two pieces of evidence, and sees the gap to Senior shrink', async () => {
    const progress = new ProgressPage(page);
    await progress.updateAssessment();

    const assess = new AssessPage(page);
    await assess.skipTo(RAISED);
    expect(await assess.chosenRating(RAISED)).toBe('Mid-level');
    await assess.rateCompetency(RAISED, 'Senior');
    await assess.continueToReview();
    expect(await assess.reviewSummary()).toContain('1 changed.');
    const changed = (await assess.reviewRows()).filter((row) => row.changed);
    expect(changed).toEqual([{ competency: RAISED, rating: 'Senior', before: 'Mid-level', changed: true }]);
    await assess.save();

    await progress.shell.waitForToast('Self-assessment saved.');
    const gaps = await progress.gapTitles();
    expect(sorted(gaps)).toEqual(sorted(seen.gaps.filter((title) => title !== RAISED)));
    expect(gaps.length).toBe(seen.gaps.length - 1);
    expect(await progress.readiness()).toBeGreaterThan(seen.readiness);
    expect(await progress.blockers('Senior')).toContain(
      '1 of 10 rated competencies that apply at Senior meet it; 8 must (80%).',
    );
    expect(await progress.demonstrated()).toBe('Mid-level');
    seen.readiness = await progress.readiness();
    seen.gaps = gaps;
  });

  it('9. reloads: the evidence, the assessment and the progress are all still there', async () => {
    const progress = new ProgressPage(page);
    await page.reload();
    await progress.shell.waitForHeading('My progress');
    expect(await progress.demonstrated()).toBe('Mid-level');
    expect(await progress.readiness()).toBe(seen.readiness);
    expect(await progress.gapTitles()).toEqual(seen.gaps);
    expect(await progress.gapBadge('Reliability and blast radius')).toBe('Unsupported');

    const list = new EvidenceListPage(page);
    await list.shell.goTo('Evidence');
    await page.reload();
    expect(await list.titles()).toEqual([MIGRATION.title, DESIGN_NOTE.title, INCIDENT.title]);

    const assess = new AssessPage(page);
    await page.goto('/assess/design');
    expect(await assess.currentCompetency()).toBe(RAISED);
    expect(await assess.chosenRating(RAISED)).toBe('Senior');
    await page.goto('/assess?step=review');
    const review = await assess.reviewRows();
    expect(review.find((row) => row.competency === 'Mentoring and multiplying impact')?.rating).toBe(NOT_OBSERVED);
    expect(review.filter((row) => row.rating === 'Senior').map((row) => row.competency)).toEqual(
      expect.arrayContaining([...ratedAt('Senior'), RAISED]),
    );
    expect(review.some((row) => row.changed)).toBe(false);
  });

  it('10. sees both assessments in History, the newer one raising Design, judged with the evidence dated by then', async () => {
    const history = new HistoryPage(page);
    await history.shell.goTo('History');
    await history.chart.waitFor();
    const rows = await history.assessments();
    expect(rows).toHaveLength(2);
    // Every piece of evidence is dated on or before today, the day of both assessments,
    // so both count it: each demonstrates Mid-level, where the ratings alone showed Junior.
    expect(rows.map((row) => [row.kind, row.demonstrated])).toEqual([
      ['Self', 'Mid-level'],
      ['Self', 'Mid-level'],
    ]);
    expect(rows[0]?.changes).toEqual([`${RAISED}: Mid-level → Senior`]);
  });

  it('at 1280 px the radar names its axes itself, with no separate key (against a target chosen in the address)', async () => {
    const progress = new ProgressPage(page);
    await progress.openTarget('architect');
    expect(await progress.targetTitle()).toBe('Architect');
    await progress.radar('Architect').waitFor();
    expect(await progress.radarKey()).toEqual([]);
  });

  it('at 375 px wide, no screen scrolls sideways and the navigation still works', async () => {
    const narrow = await context.newPage();
    narrow.setDefaultTimeout(15_000);
    try {
      await narrow.setViewportSize({ width: 375, height: 800 });
      const shell = new AppShell(narrow);
      const progress = new ProgressPage(narrow);
      await progress.open();
      await progress.waitForProgress();
      await progress.radar(await progress.targetTitle()).waitFor();
      // The axis names would be a few pixels tall here: a numbered key replaces them.
      expect(await progress.radarKey()).toHaveLength(server.ladder.competencies.length);

      for (const link of await shell.navLinkRightEdges()) {
        expect(link, `the "${link.label}" link fits`).toMatchObject({ visible: true });
        expect(link.right, `the "${link.label}" link fits`).toBeLessThanOrEqual(375);
      }
      expect(await shell.documentScrollWidth()).toBeLessThanOrEqual(375);

      const screens: Array<[Section, string]> = [
        ['Ladder', 'Longhaul engineering ladder'],
        ['Assess', 'Scope of ownership'],
        ['Evidence', 'Evidence'],
        ['History', 'History'],
        ['Progress', 'My progress'],
      ];
      for (const [section, heading] of screens) {
        await shell.goTo(section);
        await shell.waitForHeading(heading);
        await narrow.getByRole('main').locator('[aria-busy="true"]').waitFor({ state: 'detached' });
        expect(await shell.documentScrollWidth(), `${section} scrolls sideways`).toBeLessThanOrEqual(375);
      }

      const ladder = new LadderPage(narrow);
      await ladder.open();
      expect(await shell.documentScrollWidth()).toBeLessThanOrEqual(375);
      await ladder.openSignals('Reliability and blast radius', 'Senior');
      expect(await shell.documentScrollWidth()).toBeLessThanOrEqual(375);
    } finally {
      await narrow.close();
    }
  });

  it('shows the not-found view for an address the app does not know', async () => {
    const notFound = new NotFoundPage(page);
    await notFound.open('/no/such/page');
    expect(await notFound.missingPath()).toBe('/no/such/page');
    expect(await notFound.shell.currentSection()).toBeNull();
    await notFound.homeLink.click();
    await notFound.shell.waitForHeading('My progress');
  });

  it('serves the API reference at /api/docs, listing its operations', async () => {
    const docs = new ApiDocsPage(page);
    expect(await docs.open()).toBe(200);
    const operations = await docs.operationNames();
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /api/me',
        'GET /api/people/{personId}/progress',
        'POST /api/people/{personId}/evidence',
        'POST /api/people/{personId}/assessments',
      ]),
    );
    expect(operations.length).toBeGreaterThanOrEqual(10);
  });
});
