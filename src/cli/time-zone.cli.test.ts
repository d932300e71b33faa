import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runLonghaul } from './cli.fixtures.js';

/*
 * The CLI's today is the person's. The clock is pinned at 20:00 UTC on
 * 10 March 2026: 10:00 on the 11th in Kiritimati (UTC+14), 09:00 on the 10th
 * in Pago Pago (UTC-11).
 */
const EVENING_UTC = new Date('2026-03-10T20:00:00Z');

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-tz-'));
});

function longhaul(args: string[], env: Record<string, string> = {}) {
  return runLonghaul(args, { cwd: dir, env, now: () => EVENING_UTC });
}

const log = (...extra: string[]) =>
  longhaul([
    'log',
    'Ran the morning incident review',
    '--kind',
    'incident',
    '--competency',
    'reliability',
    ...extra,
    '--json',
  ]);

describe('longhaul init --time-zone', () => {
  it('stores the zone given, in its canonical spelling', async () => {
    const run = await longhaul(['init', '--time-zone', 'pacific/kiritimati', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ person: { name: 'Ada Lovelace', timeZone: 'Pacific/Kiritimati' } });
  });

  it('takes TZ when no zone is given, and says so', async () => {
    const run = await longhaul(['init'], { TZ: 'Pacific/Pago_Pago' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('for Ada Lovelace, in time zone Pacific/Pago_Pago.');
  });

  it('refuses a zone it does not know, naming the flag, and creates no database', async () => {
    const run = await longhaul(['init', '--time-zone', 'Mars/Olympus_Mons']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --time-zone: "Mars\/Olympus_Mons" is not a time zone; use an IANA name/);
    expect(existsSync(join(dir, 'longhaul.db'))).toBe(false);
  });
});

describe('today in the person’s time zone', () => {
  it('ahead of UTC (Kiritimati): the date after UTC’s is today, accepted and the default', async () => {
    expect((await longhaul(['init', '--time-zone', 'Pacific/Kiritimati'])).code).toBe(0);
    const dated = await log('--date', '2026-03-11');
    expect(dated.code).toBe(0);
    expect(dated.json()).toMatchObject({ date: '2026-03-11' });
    expect((await log()).json()).toMatchObject({ date: '2026-03-11' });
  });

  it('behind UTC (Pago Pago): the date after UTC’s is tomorrow and refused', async () => {
    expect((await longhaul(['init', '--time-zone', 'Pacific/Pago_Pago'])).code).toBe(0);
    const refused = await log('--date', '2026-03-11');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('error: --date: 2026-03-11 is in the future');
    expect((await log()).json()).toMatchObject({ date: '2026-03-10' });
  });

  it('refuses a date before 1900', async () => {
    expect((await longhaul(['init'])).code).toBe(0);
    const refused = await log('--date', '1899-12-31');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('error: --date: 1899-12-31 is before 1900; check the year\n');
  });
});

describe('longhaul settings', () => {
  beforeEach(async () => {
    expect((await longhaul(['init', '--time-zone', 'Pacific/Pago_Pago'])).code).toBe(0);
  });

  it('shows the zone and today there', async () => {
    const run = await longhaul(['settings']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Time zone: Pacific/Pago_Pago');
    expect(run.stdout).toContain('Today:     2026-03-10');
  });

  it('changes the zone, and the next log takes today there', async () => {
    const changed = await longhaul(['settings', '--time-zone', 'Pacific/Kiritimati']);
    expect(changed.code).toBe(0);
    expect(changed.stdout).toBe('Time zone set to Pacific/Kiritimati; today there is 2026-03-11.\n');
    expect((await longhaul(['settings', '--json'])).json()).toEqual({
      name: 'Ada Lovelace',
      timeZone: 'Pacific/Kiritimati',
      effectiveTimeZone: 'Pacific/Kiritimati',
      today: '2026-03-11',
    });
    expect((await log('--date', '2026-03-11')).code).toBe(0);
  });

  it('refuses an unknown zone and keeps the one it had', async () => {
    const run = await longhaul(['settings', '--time-zone', 'Berlin']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: --time-zone: "Berlin" is not a time zone');
    expect((await longhaul(['settings', '--json'])).json()).toMatchObject({ timeZone: 'Pacific/Pago_Pago' });
  });
});
