import type { Locator, Page } from 'playwright-core';

/** Whether the focus is on `target` or inside it (a radio group counts when one of its radios has the focus). */
export async function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => {
    const active = document.activeElement;
    return active !== null && (element === active || element.contains(active));
  });
}

/** What has the focus, in words, for a failure message. */
export async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (active === null || active === document.body) return 'the page itself';
    const text = (active.getAttribute('aria-label') ?? active.textContent ?? '').trim().slice(0, 60);
    return `<${active.tagName.toLowerCase()}> "${text}"`;
  });
}

/**
 * Presses Tab, as someone without a mouse does, until `target` has the
 * focus. Fails after `maxPresses`, naming where the focus ended up, so a
 * control that cannot be reached by keyboard fails the test.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses < maxPresses; presses += 1) {
    if (await hasFocus(target)) return;
    await page.keyboard.press('Tab');
  }
  if (await hasFocus(target)) return;
  throw new Error(
    `Tab did not reach ${String(target)} in ${maxPresses} presses; the focus is on ${await describeFocus(page)}`,
  );
}

/**
 * Waits until the page's main heading has the focus, as it should after
 * every navigation inside the app, so a screen reader announces the new
 * view and the next Tab starts from the top of its content.
 */
export async function waitForHeadingFocus(page: Page, heading: string): Promise<void> {
  await page.waitForFunction((text) => {
    const active = document.activeElement;
    return active !== null && active.tagName === 'H1' && active.textContent?.trim() === text;
  }, heading);
}
