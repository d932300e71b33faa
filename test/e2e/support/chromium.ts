import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; nothing here downloads a browser of its own. */
export const CHROMIUM = process.env.LONGHAUL_CHROMIUM ?? '/usr/bin/chromium';

const INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

/** Flags for a headless Chromium on a closed network, as root. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Makes sure Chromium is there: installs Debian's package when it is missing
 * and this process may (root with apt-get), and otherwise fails with the
 * command a person should run.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    try {
      // Both browser suites may get here at once: each apt-get waits for the other's lock instead of failing.
      const wait = '-o DPkg::Lock::Timeout=600';
      execFileSync('sh', ['-c', `apt-get ${wait} update -q && apt-get ${wait} install -y -q chromium`], {
        stdio: 'ignore',
        timeout: 900_000,
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      // fall through to the message below
    }
    if (existsSync(CHROMIUM)) return CHROMIUM;
  }
  throw new Error(
    `The browser tests need Chromium at ${CHROMIUM}. Install it with: ${INSTALL_COMMAND} (as root), or set LONGHAUL_CHROMIUM to its path.`,
  );
}

/** What a suite may set on its browser context. */
export interface LaunchOptions {
  /** Lets `page.goto('/ladder')` resolve against the server under test. */
  baseURL?: string;
  /** The time zone the browser believes it is in, such as Pacific/Kiritimati; default the machine's. */
  timezoneId?: string;
  /** The browser's language and formats, such as en-US; default Chromium's. */
  locale?: string;
}

/** A fresh browser profile in a new temporary directory, so no test sees another's state. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserContext> {
  const executablePath = ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), 'longhaul-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    ...(options.timezoneId === undefined ? {} : { timezoneId: options.timezoneId }),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  });
  // The profile is this context's alone. Chromium may still be writing to it when the context's
  // close event fires, so it is removed once the browser has gone, or at the latest when this
  // process exits; a leftover in the temp directory is never a test failure.
  const removeProfile = () => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    } catch {
      // left for the system's temp cleaning
    }
  };
  const close = context.close.bind(context);
  context.close = async (options) => {
    await close(options);
    removeProfile();
  };
  process.once('exit', removeProfile);
  return context;
}
