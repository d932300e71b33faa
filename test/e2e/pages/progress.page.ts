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
}
