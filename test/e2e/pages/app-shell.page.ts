import type { Locator, Page } from 'playwright-core';
import { textOf } from '../support/text.js';

/** The sections of the main navigation, as their links read. */
export type Section = 'Progress' | 'Ladder' | 'Assess' | 'Evidence' | 'History' | 'Team';

/** The parts of the page around every screen: navigation, the demo notice, main heading, toasts, sign out. */
export class AppShell {
  readonly navigation: Locator;
  readonly notice: Locator;
  readonly heading: Locator;
  readonly toast: Locator;

  constructor(readonly page: Page) {
    this.navigation = page.getByRole('navigation', { name: 'Main' });
    this.notice = page.getByTestId('mode-notice');
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 });
    this.toast = page.getByTestId('toast');
  }

  /** The link to a section in the main navigation. */
  navLink(section: Section): Locator {
    return this.navigation.getByRole('link', { name: section, exact: true });
  }

  /** Goes to a section with its navigation link, and waits until the link says it is the current page. */
  async goTo(section: Section): Promise<void> {
    await this.navLink(section).click();
    await this.navigation.locator('a[aria-current="page"]', { hasText: section }).waitFor();
  }

  /** The section the navigation marks as current, if any. */
  async currentSection(): Promise<string | null> {
    const current = this.navigation.locator('a[aria-current="page"]');
    return (await current.count()) === 0 ? null : await textOf(current);
  }

  /** The words of the demo notice. */
  async noticeText(): Promise<string> {
    return textOf(this.notice);
  }

  /** The footer's line: who is signed in, and the ladder. */
  async footerText(): Promise<string> {
    return textOf(this.page.getByRole('contentinfo'));
  }

  /** Signs out with the header's button, and waits for the sign-in page. */
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.waitForHeading('Sign in');
  }

  /** The main heading, once it reads `name`. */
  async waitForHeading(name: string): Promise<void> {
    await this.page.getByRole('main').getByRole('heading', { level: 1, name, exact: true }).waitFor();
  }

  /** Waits for a toast with this message, and returns it. */
  async waitForToast(message: string): Promise<Locator> {
    const toast = this.toast.filter({ hasText: message });
    await toast.waitFor();
    return toast;
  }

  /** Presses the Undo button of the toast that offers it. */
  async undo(): Promise<void> {
    await this.toast.getByRole('button', { name: 'Undo' }).click();
  }

  /** How wide the document is: wider than the viewport means a sideways scroll. */
  async documentScrollWidth(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth);
  }

  /**
   * The boxes inside the main area that scroll sideways (wider content than
   * the box, and overflow that scrolls), described by tag and class; a phone
   * user would have to swipe inside each one to read it.
   */
  async sidewaysScrollers(): Promise<string[]> {
    return this.page.getByRole('main').evaluate((main) =>
      [main, ...main.querySelectorAll('*')]
        .filter((element) => {
          const overflow = getComputedStyle(element).overflowX;
          return (overflow === 'auto' || overflow === 'scroll') && element.scrollWidth > element.clientWidth + 1;
        })
        .map((element) => `<${element.tagName.toLowerCase()} class="${element.className}">`),
    );
  }

  /** Each navigation link's right edge, to check they all fit on a narrow screen. */
  async navLinkRightEdges(): Promise<Array<{ label: string; right: number; visible: boolean }>> {
    const links = await this.navigation.getByRole('link').all();
    return Promise.all(
      links.map(async (link) => {
        const box = await link.boundingBox();
        return {
          label: await textOf(link),
          right: box === null ? Number.POSITIVE_INFINITY : box.x + box.width,
          visible: await link.isVisible(),
        };
      }),
    );
  }
}
