import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../shared/time-zone.js';
import { ErrorResponse, Evidence, Me, Person } from './api-contract.js';
import { buildPerson, startTestServer, type TestServer } from './test-server.fixtures.js';

/*
 * "Today" is the person's, not the server's. The clock is pinned at 20:00 UTC
 * on 10 March 2026: already 10:00 on the 11th in Kiritimati (UTC+14), still
 * 09:00 on the 10th in Pago Pago (UTC-11).
 */
const EVENING_UTC = new Date('2026-03-10T20:00:00Z');

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ now: () => EVENING_UTC });
});

afterAll(async () => {
  await t.close();
});

const evidence = (date?: string) => ({
  title: 'Ran the morning incident review',
  kind: 'incident',
  competencies: ['reliability'],
  ...(date === undefined ? {} : { date }),
});

async function setTimeZone(timeZone: string): Promise<Person> {
  const response = await t.request('PATCH', `/api/people/${t.me.id}`, { timeZone });
  expect(response.status).toBe(200);
  return Person.parse(response.json);
}

function fieldsOf(response: { status: number; json: unknown }): { path: string; message: string }[] {
  expect(response.status).toBe(422);
  const body = ErrorResponse.parse(response.json);
  expect(body.error.code).toBe('input_invalid');
  return body.error.fields;
}

describe('a person’s time zone', () => {
  it('is null until chosen, then shown on the person and on /api/me in its canonical spelling', async () => {
    const before = Me.parse((await t.request('GET', '/api/me')).json);
    expect(before.person.timeZone).toBeNull();
    // Until then, today is the server machine's.
    const undated = await t.request('POST', `/api/people/${t.me.id}/evidence`, evidence());
    const machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(Evidence.parse(undated.json).date).toBe(todayIn(machineZone, EVENING_UTC));

    expect(await setTimeZone('pacific/kiritimati')).toMatchObject({ id: t.me.id, timeZone: 'Pacific/Kiritimati' });
    expect(Person.parse((await t.request('GET', `/api/people/${t.me.id}`)).json).timeZone).toBe('Pacific/Kiritimati');
    expect(Me.parse((await t.request('GET', '/api/me')).json).person.timeZone).toBe('Pacific/Kiritimati');
  });

  it('refuses a zone Intl does not know, naming body.timeZone, and keeps the one stored', async () => {
    await setTimeZone('Europe/Berlin');
    const fields = fieldsOf(await t.request('PATCH', `/api/people/${t.me.id}`, { timeZone: 'Mars/Olympus_Mons' }));
    expect(fields).toEqual([
      { path: 'body.timeZone', message: expect.stringContaining('"Mars/Olympus_Mons" is not a time zone') },
    ]);
    expect(Person.parse((await t.request('GET', `/api/people/${t.me.id}`)).json).timeZone).toBe('Europe/Berlin');
  });

  it('refuses fields a person cannot change here', async () => {
    const fields = fieldsOf(await t.request('PATCH', `/api/people/${t.me.id}`, { name: 'Someone else' }));
    expect(fields.map((f) => f.path)).toEqual(['body.name']);
  });

  it('is changed only by the person themself', async () => {
    const colleague = await buildPerson(t.db);
    const refused = await t.request('PATCH', `/api/people/${colleague.id}`, { timeZone: 'Asia/Tokyo' });
    expect(refused.status).toBe(403);
    expect(Person.parse((await t.request('GET', `/api/people/${colleague.id}`)).json).timeZone).toBeNull();
    expect((await t.request('PATCH', '/api/people/nobody', { timeZone: 'Asia/Tokyo' })).status).toBe(404);
  });
});

describe('evidence dates in the person’s time zone', () => {
  it('ahead of UTC (Kiritimati, UTC+14): tomorrow by UTC is today, accepted, and the default date', async () => {
    await setTimeZone('Pacific/Kiritimati');
    const dated = await t.request('POST', `/api/people/${t.me.id}/evidence`, evidence('2026-03-11'));
    expect(dated.status).toBe(201);
    expect(Evidence.parse(dated.json).date).toBe('2026-03-11');

    const undated = await t.request('POST', `/api/people/${t.me.id}/evidence`, evidence());
    expect(Evidence.parse(undated.json).date).toBe('2026-03-11');

    const dayAfter = fieldsOf(await t.request('POST', `/api/people/${t.me.id}/evidence`, evidence('2026-03-12')));
    expect(dayAfter).toEqual([{ path: 'body.date', message: expect.stringContaining('2026-03-12 is in the future') }]);
  });

  it('behind UTC (Pago Pago, UTC-11): tomorrow by UTC is refused, and today is the default date', async () => {
    await setTimeZone('Pacific/Pago_Pago');
    const tomorrow = fieldsOf(await t.request('POST', `/api/people/${t.me.id}/evidence`, evidence('2026-03-11')));
    expect(tomorrow).toEqual([{ path: 'body.date', message: expect.stringContaining('2026-03-11 is in the future') }]);

    const undated = await t.request('POST', `/api/people/${t.me.id}/evidence`, evidence());
    expect(undated.status).toBe(201);
    const logged = Evidence.parse(undated.json);
    expect(logged.date).toBe('2026-03-10');

    const edited = await t.request('PATCH', `/api/evidence/${logged.id}`, { date: '2026-03-11' });
    expect(fieldsOf(edited).map((f) => f.path)).toEqual(['body.date']);
  });

  it('refuses dates before 1900 with a clear message on body.date', async () => {
    const fields = fieldsOf(await t.request('POST', `/api/people/${t.me.id}/evidence`, evidence('1899-12-31')));
    expect(fields).toEqual([{ path: 'body.date', message: '1899-12-31 is before 1900; check the year' }]);
    expect((await t.request('POST', `/api/people/${t.me.id}/evidence`, evidence('1900-01-01'))).status).toBe(201);
  });
});
