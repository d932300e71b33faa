import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell.page.js';
import { textsOf } from '../support/text.js';

/** The sign-in page, the first-run page and the demo accounts list. */
export class SignInPage {
  readonly shell: AppShell;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly demoPanel: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    const form = page.getByRole('form', { name: 'Sign in' });
    this.email = form.getByLabel('Email');
    this.password = form.getByLabel('Password');
    this.submit = form.getByRole('button', { name: 'Sign in' });
    this.demoPanel = page.getByRole('region', { name: 'Try the demo' });
  }

  /** Opens an address of the app and waits for the sign-in page. */
  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await this.shell.waitForHeading('Sign in');
  }

  /** The error shown at a field, or null. */
  async fieldError(field: Locator): Promise<string | null> {
    const id = await field.getAttribute('aria-describedby');
    const errorId = id?.split(' ').find((part) => part.endsWith('-error'));
    if (errorId === undefined) return null;
    return (await this.page.locator(`#${errorId}`).textContent())?.replace(/^Error: /, '') ?? null;
  }

  /** The labels of the demo accounts' buttons. */
  async demoAccounts(): Promise<string[]> {
    return textsOf(this.demoPanel.getByRole('button'));
  }

  /** Clicks the demo account of this person. */
  async signInAsDemo(name: string): Promise<void> {
    await this.demoPanel.getByRole('button', { name: new RegExp(`^Sign in as ${name}`) }).click();
  }
}

/** The first-run page: "Create the admin account". */
export class SetupPage {
  readonly shell: AppShell;
  readonly name: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    const form = page.getByRole('form', { name: 'Create the admin account' });
    this.name = form.getByLabel('Your name');
    this.email = form.getByLabel('Email');
    this.password = form.getByLabel('Password');
    this.submit = form.getByRole('button', { name: 'Create the admin account' });
  }
}
