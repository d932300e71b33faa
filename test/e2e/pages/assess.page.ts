import type { Locator, Page } from 'playwright-core';
import { tabTo, waitForHeadingFocus } from '../support/keyboard.js';
import { escapeRegExp, startsWithWord, textOf, textsOf } from '../support/text.js';
import { AppShell } from './app-shell.page.js';

/** The rating for "no chance to show it yet". */
export const NOT_OBSERVED = 'Not observed';

const REVIEW_HEADING = 'Review your self-assessment';

/**
 * The self-assessment wizard (`/assess`, `/assess/:competencyId`,
 * `/assess?step=review`): one competency per step, then a review and Save.
 * Every step can be driven by mouse or by keyboard alone.
 */
export class AssessPage {
  readonly shell: AppShell;
  readonly main: Locator;
  readonly stepLabel: Locator;
  readonly nextButton: Locator;
  readonly saveButton: Locator;
  readonly reviewTable: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.main = page.getByRole('main');
    this.stepLabel = this.main.getByText(/^Self-assessment · step \d+ of \d+$/);
    this.nextButton = this.main.getByRole('button', { name: /^Next(: review)?$/ });
    this.saveButton = this.main.getByRole('button', { name: 'Save self-assessment' });
    this.reviewTable = this.main.getByRole('table', { name: 'Your choices' });
  }

  /** The radio group for one competency's rating. */
  ratingGroup(competency: string): Locator {
    return this.main.getByRole('group', { name: `Your rating for ${competency}`, exact: true });
  }

  /** The radio for one level (or "Not observed") in a competency's rating group. */
  ratingOption(competency: string, level: string): Locator {
    return this.ratingGroup(competency).getByRole('radio', { name: startsWithWord(level) });
  }

  /** The competency of the step on the screen, once a step is there. */
  async currentCompetency(): Promise<string> {
    await this.main.getByRole('group', { name: /^Your rating for / }).waitFor();
    return textOf(this.shell.heading);
  }

  /** Whether the wizard shows its review. */
  async isOnReview(): Promise<boolean> {
    const step = this.stepLabel.or(this.main.getByRole('heading', { level: 1, name: REVIEW_HEADING }));
    await step.first().waitFor();
    return (await textOf(this.shell.heading)) === REVIEW_HEADING;
  }

  /** The level (or "Not observed") chosen for a competency on its step, or null. */
  async chosenRating(competency: string): Promise<string | null> {
    const checked = this.ratingGroup(competency).getByRole('radio', { checked: true });
    if ((await checked.count()) === 0) return null;
    const label = await checked.evaluate((input) => input.closest('label')?.textContent ?? '');
    return label.replace(/\s*\(.*$/, '').trim();
  }

  /** Picks a rating with the mouse. */
  async rateCompetency(competency: string, level: string): Promise<void> {
    await this.ratingOption(competency, level).check();
  }

  /**
   * Picks a rating with the keyboard only: Tab into the radio group, then
   * the arrow keys (which move the choice) and Space (which makes it).
   */
  async rateCompetencyWithKeyboard(competency: string, level: string): Promise<void> {
    const group = this.ratingGroup(competency);
    const option = this.ratingOption(competency, level);
    await tabTo(this.page, group);
    const [from, to] = await Promise.all([
      group.evaluate((fieldset) =>
        [...fieldset.querySelectorAll('input[type="radio"]')].indexOf(document.activeElement as Element),
      ),
      option.evaluate((input) =>
        [...(input.closest('fieldset')?.querySelectorAll('input[type="radio"]') ?? [])].indexOf(input),
      ),
    ]);
    if (from === -1 || to === -1) throw new Error(`no radio for "${level}" under "${competency}" has the focus`);
    const key = to > from ? 'ArrowDown' : 'ArrowUp';
    for (let i = 0; i < Math.abs(to - from); i += 1) await this.page.keyboard.press(key);
    if (!(await option.isChecked())) await this.page.keyboard.press('Space');
    if (!(await option.isChecked())) throw new Error(`the keyboard did not choose "${level}" for "${competency}"`);
  }

  /** The note field of a competency's step. */
  noteField(): Locator {
    return this.main.getByLabel('Why this rating? (optional)', { exact: true });
  }

  /** Writes the note for the competency on the screen. */
  async writeNote(text: string): Promise<void> {
    await this.noteField().fill(text);
  }

  /** The note the step shows for its competency. */
  async note(): Promise<string> {
    return this.noteField().inputValue();
  }

  /** The notes the review lists, by competency; competencies without a note are left out. */
  async reviewNotes(): Promise<Record<string, string>> {
    await this.reviewTable.waitFor();
    const rows = await this.reviewTable
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader') })
      .all();
    const notes: Record<string, string> = {};
    for (const row of rows) {
      const note = await textOf(row.getByRole('cell').nth(2));
      if (note !== 'None') notes[await textOf(row.getByRole('rowheader'))] = note;
    }
    return notes;
  }

  /** Presses Save on the review when the server will refuse it; returns the problems the page then lists. */
  async saveRefused(): Promise<string[]> {
    await this.saveButton.click();
    const alert = this.main.getByRole('alert').filter({ hasText: 'Your self-assessment was not saved' });
    await alert.waitFor();
    const items = alert.getByRole('listitem');
    return (await items.count()) === 0 ? [await textOf(alert.locator('p'))] : textsOf(items);
  }

  /** Where the focused element sits against the window: its top and bottom, and the window's height. */
  async focusedBox(): Promise<{ what: string; top: number; bottom: number; viewport: number }> {
    return this.page.evaluate(() => {
      const active = document.activeElement;
      const box = active?.getBoundingClientRect();
      const label = active?.closest('label')?.textContent ?? active?.textContent ?? '';
      return {
        what: `<${active?.tagName.toLowerCase() ?? 'none'}> ${label.trim().slice(0, 40)}`,
        top: box?.top ?? 0,
        bottom: box?.bottom ?? 0,
        viewport: window.innerHeight,
      };
    });
  }

  /** Goes on to the next step with the mouse. */
  async next(): Promise<void> {
    await this.nextButton.click();
  }

  /** Goes on to the next step with Tab and Enter. */
  async nextWithKeyboard(): Promise<void> {
    await tabTo(this.page, this.nextButton);
    await this.page.keyboard.press('Enter');
  }

  /** Opens the step of one competency at its address, as a bookmark or a shared link would. */
  async openStep(competencyId: string, competency: string): Promise<void> {
    await this.page.goto(`/assess/${encodeURIComponent(competencyId)}`);
    await this.shell.waitForHeading(competency);
    await this.ratingGroup(competency).waitFor();
  }

  /** Waits for the step of `competency`, with its heading focused as after any navigation. */
  async waitForStep(competency: string): Promise<void> {
    await this.ratingGroup(competency).waitFor();
    await waitForHeadingFocus(this.page, competency);
  }

  /** Clicks Next until the step of `competency` is on the screen. */
  async skipTo(competency: string): Promise<void> {
    for (;;) {
      if (await this.isOnReview()) throw new Error(`the wizard has no step for "${competency}"`);
      const current = await this.currentCompetency();
      if (current === competency) return;
      await this.next();
      await this.leftStep(current);
    }
  }

  /** Clicks Next through the remaining steps to the review. */
  async continueToReview(): Promise<void> {
    while (!(await this.isOnReview())) {
      const current = await this.currentCompetency();
      await this.next();
      await this.leftStep(current);
    }
  }

  /**
   * Rates competencies step by step until the review, with the keyboard
   * only. `plan` maps each competency title to a level title or "Not
   * observed"; a step the plan does not name is left as it is.
   */
  async assessWithKeyboard(plan: ReadonlyMap<string, string>): Promise<string[]> {
    const visited: string[] = [];
    for (;;) {
      if (await this.isOnReview()) return visited;
      const competency = await this.currentCompetency();
      await this.waitForStep(competency);
      visited.push(competency);
      const level = plan.get(competency);
      if (level !== undefined) await this.rateCompetencyWithKeyboard(competency, level);
      await this.nextWithKeyboard();
      await this.leftStep(competency);
    }
  }

  /** Waits until the step of `competency` has made way for another step or the review. */
  private async leftStep(competency: string): Promise<void> {
    await this.shell.heading.filter({ hasNotText: new RegExp(`^${escapeRegExp(competency)}$`) }).waitFor();
  }

  /** The review's rows: each competency with its new rating, the one before, and whether it changed. */
  async reviewRows(): Promise<Array<{ competency: string; rating: string; before: string; changed: boolean }>> {
    await this.reviewTable.waitFor();
    const rows = await this.reviewTable
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader') })
      .all();
    return Promise.all(
      rows.map(async (row) => {
        const cells = row.getByRole('cell');
        const ratingCell = await textOf(cells.nth(0));
        return {
          competency: await textOf(row.getByRole('rowheader')),
          rating: ratingCell.replace(/\s*Changed$/, ''),
          before: await textOf(cells.nth(1)),
          changed: /Changed$/.test(ratingCell),
        };
      }),
    );
  }

  /** The review's lead, such as "Check your choices, then save. 1 changed." */
  async reviewSummary(): Promise<string> {
    return textOf(this.main.locator('.lead'));
  }

  /** Saves from the review with the mouse, and waits for My progress. */
  async save(): Promise<void> {
    await this.saveButton.click();
    await this.shell.waitForHeading('My progress');
  }

  /** Saves from the review with Tab and Enter, and waits for My progress. */
  async saveWithKeyboard(): Promise<void> {
    await waitForHeadingFocus(this.page, REVIEW_HEADING);
    await tabTo(this.page, this.saveButton);
    await this.page.keyboard.press('Enter');
    await this.shell.waitForHeading('My progress');
  }
}
