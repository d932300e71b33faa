import type { Locator, Page } from 'playwright-core';
import { textOf, textsOf } from '../support/text.js';
import { AppShell } from './app-shell.page.js';

/** My progress (`/`, `/progress?target=<level>`): the demonstrated level, readiness and the gap to a target level. */
export class ProgressPage {
  readonly shell: AppShell;
  readonly main: Locator;
  readonly startAssessmentLink: Locator;
  readonly updateAssessmentLink: Locator;
  readonly demonstratedLevel: Locator;
  readonly nextLevel: Locator;
  readonly readinessText: Locator;
  readonly gapSection: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.main = page.getByRole('main');
    this.startAssessmentLink = this.main.getByRole('link', { name: 'Start my self-assessment' });
    this.updateAssessmentLink = this.main.getByRole('link', { name: 'Update my self-assessment' });
    this.demonstratedLevel = page.getByTestId('demonstrated-level');
    this.nextLevel = page.getByTestId('next-level');
    this.readinessText = page.getByTestId('readiness');
    this.gapSection = this.main.getByRole('region', { name: /^What .+ asks that you do not show yet$/ });
  }

  /** Opens My progress at the app's front door. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.shell.waitForHeading('My progress');
  }

  /** The empty state of someone who has never assessed themself: what it says, and the way forward. */
  emptyState(): Locator {
    return this.main.getByText('You have not assessed yourself yet');
  }

  /** Waits until the progress of an assessed person is on the screen and up to date. */
  async waitForProgress(): Promise<void> {
    await this.demonstratedLevel.waitFor();
    await this.main.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
  }

  /** The level the ratings demonstrate, as shown ("None yet" before any level holds). */
  async demonstrated(): Promise<string> {
    await this.waitForProgress();
    return textOf(this.demonstratedLevel);
  }

  /** The next level's title. */
  async next(): Promise<string> {
    await this.waitForProgress();
    return textOf(this.nextLevel);
  }

  /** Readiness for the next level, in whole per cent as the screen writes it. */
  async readiness(): Promise<number> {
    await this.waitForProgress();
    const text = await textOf(this.readinessText);
    const match = /(\d+)%/.exec(text);
    if (match?.[1] === undefined) throw new Error(`no percentage in the readiness "${text}"`);
    return Number(match[1]);
  }

  /** The radar of my ratings against a target level, by the level's title. */
  radar(target: string): Locator {
    return this.main.getByRole('img', { name: new RegExp(`^Your ratings against ${target}\\b`) });
  }

  /** The numbered key that stands in for the radar's axis names on a narrow screen; empty when hidden. */
  async radarKey(): Promise<string[]> {
    const key = this.main.locator('figure.radar ol.radar__key');
    if (!(await key.isVisible())) return [];
    return textsOf(key.locator('li'));
  }

  /** The heading of the gap list, which names the target level. */
  async gapHeading(): Promise<string> {
    return textOf(this.gapSection.getByRole('heading', { level: 2 }));
  }

  /** The competencies the target level asks more of, in the order listed (largest gap first). */
  async gapTitles(): Promise<string[]> {
    await this.waitForProgress();
    return textsOf(this.gapSection.getByRole('article').getByRole('heading', { level: 3 }));
  }

  /** What one gap says of my rating, such as "One level below You: Mid-level". */
  async gapStatus(title: string): Promise<string> {
    const item = this.gapSection.getByRole('article', { name: title, exact: true });
    return textOf(item.locator('header'));
  }

  /** The competencies listed as not observed yet. */
  async notObservedTitles(): Promise<string[]> {
    const heading = this.gapSection.getByRole('heading', { name: 'Not observed yet', level: 3 });
    if ((await heading.count()) === 0) return [];
    const list = this.gapSection.locator('h3:text-is("Not observed yet") + ul');
    return textsOf(list.getByRole('link'));
  }

  /** Follows "Update my self-assessment" into the wizard. */
  async updateAssessment(): Promise<void> {
    await this.updateAssessmentLink.click();
  }

  /** Opens My progress against a target level, by its id. */
  async openTarget(levelId: string): Promise<void> {
    await this.page.goto(`/progress?target=${encodeURIComponent(levelId)}`);
    await this.shell.waitForHeading('My progress');
    await this.waitForProgress();
  }

  /** The box that says why a level is not met yet, with its blockers and the rule of the level. */
  blockerBox(level: string): Locator {
    return this.main.getByRole('group', { name: `Why ${level} is not met yet`, exact: true });
  }

  /** The blockers listed for a level, one sentence each, as the page writes them; empty when none are shown. */
  async blockers(level: string): Promise<string[]> {
    await this.waitForProgress();
    const box = this.blockerBox(level);
    if ((await box.count()) === 0) return [];
    return textsOf(box.getByRole('listitem'));
  }

  /** The rule of a level as the page states it beside the blockers (or under a met target). */
  async ruleOf(level: string): Promise<string> {
    await this.waitForProgress();
    const rule = this.main.locator('p', { hasText: `The rule for ${level}:` }).first();
    return (await textOf(rule)).replace(`The rule for ${level}: `, '');
  }

  /** The sentence under "Against <target>", such as "You are 80% of the way to Senior; it is not met yet." */
  async targetSummary(): Promise<string> {
    await this.waitForProgress();
    return textOf(this.page.getByTestId('target-summary'));
  }

  /** Everything the main area says, to check what it never says (such as "100%"). */
  async mainText(): Promise<string> {
    await this.waitForProgress();
    return textOf(this.main);
  }

  /** The readiness bar of the next level: its value out of its maximum. */
  async readinessBar(): Promise<{ value: number; max: number }> {
    await this.waitForProgress();
    const bar = this.main.getByRole('progressbar');
    return bar.evaluate((element) => {
      const progress = element as HTMLProgressElement;
      return { value: progress.value, max: progress.max };
    });
  }

  /** The target level the page measures against, as its "Against <level>" heading names it. */
  async targetTitle(): Promise<string> {
    await this.waitForProgress();
    return (await textOf(this.main.getByRole('heading', { name: /^Against / }))).replace(/^Against /, '');
  }

  /** Follows a gap entry's "Add evidence" link into the evidence form. */
  async addEvidenceFor(title: string): Promise<void> {
    await this.gapItem(title).getByRole('link', { name: 'Add evidence', exact: true }).click();
    await this.shell.waitForHeading('Add evidence');
  }

  /** One entry of the gap list, by competency title. */
  gapItem(title: string): Locator {
    return this.gapSection.getByRole('article', { name: title, exact: true });
  }

  /** The badge of one gap entry, such as "One level below" or "Unsupported". */
  async gapBadge(title: string): Promise<string> {
    return textOf(this.gapItem(title).locator('.badge'));
  }

  /** What a gap entry says a rating lacks to count, such as "Rated Senior, but a rating needs 2 pieces…"; null when nothing. */
  async gapShortfall(title: string): Promise<string | null> {
    const line = this.gapItem(title).getByText(/^Rated .+, but a rating needs/);
    return (await line.count()) === 0 ? null : textOf(line);
  }

  /**
   * The note I wrote with a competency's rating, wherever the page shows that
   * competency (the gap list or my other ratings); null when none is shown.
   */
  async noteFor(title: string): Promise<string | null> {
    await this.waitForProgress();
    const inGap = this.gapItem(title);
    const inOthers = this.main
      .getByRole('region', { name: 'Your other ratings' })
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
    const place = (await inGap.count()) > 0 ? inGap : inOthers;
    const note = place.locator('.rating-note');
    if ((await note.count()) === 0) return null;
    return (await textOf(note)).replace(/^Your note: /, '');
  }
}
