import type { Locator, Page } from 'playwright-core';
import { textOf, textsOf } from '../support/text.js';
import { AppShell } from './app-shell.page.js';

/** The ladder as a matrix (`/ladder`): competencies down the side, levels across the top. */
export class LadderPage {
  readonly shell: AppShell;
  readonly main: Locator;
  readonly matrix: Locator;
  readonly compareLink: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.main = page.getByRole('main');
    this.matrix = this.main.getByRole('table', { name: /^What each competency asks at each level/ });
    this.compareLink = this.main.getByRole('link', { name: 'Compare two levels' });
  }

  /** Opens the ladder and waits for the matrix. */
  async open(): Promise<void> {
    await this.page.goto('/ladder');
    await this.matrix.waitFor();
  }

  /** The levels, as the matrix's column headings read left to right. */
  async levelColumns(): Promise<string[]> {
    await this.matrix.waitFor();
    const headers = await textsOf(this.matrix.getByRole('columnheader'));
    return headers.slice(1);
  }

  /** The category headings that group the rows, in order. */
  async categories(): Promise<string[]> {
    const groups = this.matrix.getByRole('rowheader').filter({ hasNot: this.page.getByRole('link') });
    return textsOf(groups);
  }

  /** The competencies, as the rows' headings read top to bottom. */
  async competencyTitles(): Promise<string[]> {
    return textsOf(this.matrix.getByRole('rowheader').getByRole('link'));
  }

  /** The cell saying what `level` asks of `competency`. */
  async cell(competency: string, level: string): Promise<Locator> {
    const column = (await this.levelColumns()).indexOf(level);
    if (column === -1) throw new Error(`the matrix has no column "${level}"`);
    const row = this.matrix
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: competency, exact: true }) });
    return row.getByRole('cell').nth(column);
  }

  /** Opens one cell's "Signals and not yet" and returns the signals it lists. */
  async openSignals(competency: string, level: string): Promise<string[]> {
    const cell = await this.cell(competency, level);
    await cell.getByText('Signals and not yet', { exact: true }).click();
    const signals = cell.getByRole('heading', { name: 'Signals', exact: true });
    await signals.waitFor();
    const list = cell.getByRole('list').first();
    return textsOf(list.getByRole('listitem'));
  }

  /** Whether a cell's "Signals and not yet" is open. */
  async signalsOpen(competency: string, level: string): Promise<boolean> {
    const cell = await this.cell(competency, level);
    return cell.locator('details').evaluate((details) => (details as HTMLDetailsElement).open);
  }

  /** The rule a level's card states, after "To demonstrate <level>:". */
  async levelRule(level: string): Promise<string> {
    const card = this.main
      .getByRole('region', { name: 'Levels', exact: true })
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: level, exact: true }) });
    const rule = card.locator('p', { hasText: `To demonstrate ${level}:` });
    return (await textOf(rule)).replace(`To demonstrate ${level}: `, '');
  }

  /**
   * Each competency of the matrix as it sits on the screen: its title, its
   * box, and the levels its cells are labelled with, top to bottom. On a
   * phone each competency is a card of its own.
   */
  async competencyCards(): Promise<
    Array<{ title: string; box: { x: number; y: number; width: number; height: number }; levels: string[] }>
  > {
    await this.matrix.waitFor();
    const rows = await this.matrix
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader').getByRole('link') })
      .all();
    return Promise.all(
      rows.map(async (row) => {
        const box = await row.boundingBox();
        if (box === null) throw new Error('a competency of the matrix is not on the screen');
        const labels = await row
          .getByRole('cell')
          .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-label') ?? ''));
        return { title: await textOf(row.getByRole('rowheader')), box, levels: labels };
      }),
    );
  }

  /** Follows "Compare two levels". */
  async compareLevels(): Promise<void> {
    await this.compareLink.click();
  }
}
