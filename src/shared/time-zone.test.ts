import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isTimeZone, todayIn } from './time-zone.js';

describe('todayIn', () => {
  const evening = new Date('2026-03-10T20:00:00Z');

  it.each([
    ['UTC', '2026-03-10'],
    // UTC+14: 20:00 UTC is 10:00 the next morning.
    ['Pacific/Kiritimati', '2026-03-11'],
    // UTC+13 in March (daylight saving): 09:00 the next morning.
    ['Pacific/Auckland', '2026-03-11'],
    // UTC-11: 09:00 the same day.
    ['Pacific/Pago_Pago', '2026-03-10'],
    ['America/Los_Angeles', '2026-03-10'],
  ])('at 20:00 UTC it is %s where the zone is %s', (zone, date) => {
    expect(todayIn(zone, evening)).toBe(date);
  });

  it('turns over at local midnight, not at UTC midnight', () => {
    // Pago Pago is UTC-11 all year: its midnight is 11:00 UTC.
    expect(todayIn('Pacific/Pago_Pago', new Date('2026-03-11T10:59:59Z'))).toBe('2026-03-10');
    expect(todayIn('Pacific/Pago_Pago', new Date('2026-03-11T11:00:00Z'))).toBe('2026-03-11');
    // Kiritimati is UTC+14: its midnight is 10:00 UTC the day before.
    expect(todayIn('Pacific/Kiritimati', new Date('2026-03-10T09:59:59Z'))).toBe('2026-03-10');
    expect(todayIn('Pacific/Kiritimati', new Date('2026-03-10T10:00:00Z'))).toBe('2026-03-11');
  });

  it('crosses a year end', () => {
    expect(todayIn('Pacific/Kiritimati', new Date('2026-12-31T12:00:00Z'))).toBe('2027-01-01');
    expect(todayIn('America/Los_Angeles', new Date('2027-01-01T03:00:00Z'))).toBe('2026-12-31');
  });

  it('refuses a zone Intl does not know', () => {
    expect(() => todayIn('Mars/Olympus_Mons', new Date())).toThrow(RangeError);
  });
});

describe('time zone names', () => {
  it('accepts IANA names in any case and stores their canonical spelling', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone(' Pacific/Kiritimati ')).toBe('Pacific/Kiritimati');
    expect(isTimeZone('UTC')).toBe(true);
  });

  it.each(['', 'Mars/Olympus_Mons', 'Berlin', 'GMT+25'])('refuses %j', (name) => {
    expect(isTimeZone(name)).toBe(false);
    expect(canonicalTimeZone(name)).toBeUndefined();
  });
});
