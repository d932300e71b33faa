import type { Locator, Page } from 'playwright-core';
import { textOf, textsOf } from '../support/text.js';
import { AppShell } from './app-shell.page.js';

/** Evidence as someone types it into the form. */
export interface EvidenceInput {
  title: string;
  /** As the Kind select reads: Delivery, Design, Incident, Review, Mentoring, Other. */
  kind: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Competency titles to tick. */
  competencies: readonly string[];
  links?: readonly string[];
  /** Markdown. */
  body?: string;
  /** Who can see it, as the radio buttons read. */
  audience?: 'Only me' | 'My managers' | 'Named people';
  /** With Named people: what to type to find each person, and the name to pick. */
  sharedWith?: ReadonlyArray<{ search: string; name: string }>;
}

/** Adding and editing evidence (`/evidence/new`, `/evidence/:id/edit`). */
export class EvidenceFormPage {
  readonly shell: AppShell;
  readonly main: Locator;
  readonly title: Locator;
  readonly kind: Locator;
  readonly date: Locator;
  readonly competencies: Locator;
  readonly links: Locator;
  readonly details: Locator;
  readonly previewButton: Locator;
  readonly preview: Locator;
  readonly audience: Locator;
  readonly peopleSearch: Locator;
  readonly chosenPeople: Locator;
  readonly addButton: Locator;
  readonly cancelLink: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.main = page.getByRole('main');
    this.title = this.main.getByLabel('Title', { exact: true });
    this.kind = this.main.getByLabel('Kind', { exact: true });
    this.date = this.main.getByLabel('Date', { exact: true });
    this.competencies = this.main.getByRole('group', { name: 'Competencies', exact: true });
    this.links = this.main.getByLabel('Links', { exact: true });
    this.details = this.main.getByLabel('Details', { exact: true });
    this.previewButton = this.main.getByRole('button', { name: /^(Show|Hide) preview$/ });
    this.preview = this.main.getByRole('region', { name: 'Preview' });
    this.audience = this.main.getByRole('group', { name: 'Who can see this evidence', exact: true });
    this.peopleSearch = this.main.getByRole('searchbox', { name: 'People who can see it', exact: true });
    this.chosenPeople = this.main.getByRole('list', { name: 'Chosen people', exact: true });
    this.addButton = this.main.getByRole('button', { name: 'Add evidence', exact: true });
    this.cancelLink = this.main.getByRole('link', { name: 'Cancel', exact: true });
    this.problem = this.main.getByRole('alert').filter({ hasText: 'There is a problem' });
  }

  /** Opens the form of an existing piece of evidence from its title in the list. */
  async openFromList(title: string): Promise<void> {
    await this.main
      .getByRole('article', { name: title, exact: true })
      .getByRole('link', { name: title, exact: true })
      .click();
    await this.shell.waitForHeading('Edit evidence');
  }

  /** Saves an edit and returns the status the server answered with. */
  async saveChanges(): Promise<number> {
    const answer = this.page.waitForResponse(
      (r) => r.url().includes('/api/evidence/') && r.request().method() === 'PATCH',
    );
    await this.main.getByRole('button', { name: 'Save changes', exact: true }).click();
    return (await answer).status();
  }

  /** Opens an empty form. */
  async open(): Promise<void> {
    await this.page.goto('/evidence/new');
    await this.shell.waitForHeading('Add evidence');
  }

  /** Fills every field the input names. */
  async fill(input: EvidenceInput): Promise<void> {
    await this.title.fill(input.title);
    await this.kind.selectOption({ label: input.kind });
    await this.date.fill(input.date);
    for (const competency of input.competencies) {
      await this.competencies.getByRole('checkbox', { name: competency, exact: true }).check();
    }
    await this.links.fill((input.links ?? []).join('\n'));
    await this.details.fill(input.body ?? '');
    if (input.audience !== undefined) await this.chooseAudience(input.audience);
    for (const person of input.sharedWith ?? []) await this.addPerson(person.search, person.name);
  }

  /** Picks one of the three audiences. */
  async chooseAudience(label: 'Only me' | 'My managers' | 'Named people'): Promise<void> {
    await this.audience.getByRole('radio', { name: new RegExp(`^${label}`) }).check();
  }

  /** Types into the people search and picks the person named. */
  async addPerson(search: string, name: string): Promise<void> {
    await this.peopleSearch.fill(search);
    await this.main.getByRole('button', { name: new RegExp(`^Add ${name}`) }).click();
  }

  /** The names on the chips of the people chosen, in order. */
  async chosenNames(): Promise<string[]> {
    if ((await this.chosenPeople.count()) === 0) return [];
    const labels = await this.chosenPeople
      .getByRole('button')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
    return labels.map((label) => label.replace(/^Remove /, ''));
  }

  /** The titles of the competencies ticked right now, in the form's order. */
  async tickedCompetencies(): Promise<string[]> {
    return textsOf(this.competencies.locator('label').filter({ has: this.page.locator('input:checked') }));
  }

  /** The Markdown preview's HTML, after opening it. */
  async previewHtml(): Promise<string> {
    if ((await textOf(this.previewButton)) === 'Show preview') await this.previewButton.click();
    await this.preview.waitFor();
    return this.preview.innerHTML();
  }

  /** Presses "Add evidence"; returns the HTTP status the server answered the save with. */
  async submit(): Promise<number> {
    const saved = this.page.waitForResponse(
      (response) => response.request().method() === 'POST' && /\/api\/people\/[^/]+\/evidence$/.test(response.url()),
    );
    await this.addButton.click();
    return (await saved).status();
  }

  /** Fills the form, saves it and waits for the evidence list. */
  async logEvidence(input: EvidenceInput): Promise<void> {
    await this.fill(input);
    await this.submit();
    await this.shell.waitForHeading('Evidence');
  }

  /**
   * The element holding a field's error, found as assistive technology finds
   * it: the description the input points to with aria-describedby that
   * starts with "Error:". Null when the field has none.
   */
  async fieldErrorElement(field: Locator): Promise<Locator | null> {
    const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id !== '');
    for (const id of ids) {
      const description = this.page.locator(`[id="${id}"]`);
      if ((await textOf(description)).startsWith('Error:')) return description;
    }
    return null;
  }

  /** The error message a field shows, without its "Error:" prefix, or null. */
  async fieldError(field: Locator): Promise<string | null> {
    const element = await this.fieldErrorElement(field);
    return element === null ? null : (await textOf(element)).replace(/^Error:\s*/, '');
  }

  /** Whether a field's error is on the screen right next to it: just above the input, over the same column. */
  async errorIsNextTo(field: Locator): Promise<boolean> {
    const element = await this.fieldErrorElement(field);
    if (element === null || !(await element.isVisible())) return false;
    const [error, input] = await Promise.all([element.boundingBox(), field.boundingBox()]);
    if (error === null || input === null) return false;
    const gap = input.y - (error.y + error.height);
    const overlaps = error.x < input.x + input.width && input.x < error.x + error.width;
    return gap >= 0 && gap < 48 && overlaps;
  }

  /** The entries of the error summary at the top of the form. */
  async problemList(): Promise<string[]> {
    await this.problem.waitFor();
    return textsOf(this.problem.getByRole('listitem'));
  }

  /** Leaves the form without saving. */
  async cancel(): Promise<void> {
    await this.cancelLink.click();
    await this.shell.waitForHeading('Evidence');
  }
}
