import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAuditLog } from '../services/audit.service.js';
import { AuditEvent, AuditPage, ErrorResponse } from './api-contract.js';
import { buildSignedInPerson, type SignedInPerson } from './audit.fixtures.js';
import { presentAuditExport } from './presenters/audit.presenter.js';
import { ROUTES } from './routes/index.js';
import { buildEvidence, startTestServer, TEST_EMAIL, TEST_PASSWORD, type TestServer } from './test-server.fixtures.js';

/*
 * The audit log over HTTP: every change and every read of someone else's data
 * is recorded with who, when, what and from where; a person sees who has
 * looked at their data, an admin the whole log; nobody edits it, and it holds
 * ids, never a password or a token.
 */

let t: TestServer;
let maya: SignedInPerson; // a manager
let ria: SignedInPerson; // reports to Maya
let pat: SignedInPerson; // Ria's peer
let ada: SignedInPerson; // an admin besides Sam

beforeAll(async () => {
  t = await startTestServer();
  maya = await buildSignedInPerson(t, { name: 'Maya Chen', email: 'maya@example.com' });
  ria = await buildSignedInPerson(t, { name: 'Ria Patel', email: 'ria@example.com', managerId: maya.person.id });
  pat = await buildSignedInPerson(t, { name: 'Pat Quinn', email: 'pat@example.com', managerId: maya.person.id });
  ada = await buildSignedInPerson(t, { name: 'Ada Admin', email: 'ada@example.com', isAdmin: 1 });
});

afterAll(async () => {
  await t.close();
});

/** Ria's "who has looked at my data", as Ria sees it. */
async function riasAudit(): Promise<AuditEvent[]> {
  const response = await ria.request('GET', `/api/people/${ria.person.id}/audit?limit=200`);
  expect(response.status).toBe(200);
  return AuditPage.parse(response.json).items;
}

describe('the route table', () => {
  it('gives every route an audit field: a reason it concerns nobody, or whose data it is', () => {
    expect(ROUTES.length).toBeGreaterThan(40);
    for (const route of ROUTES) {
      const audit = route.meta.audit as { none?: unknown; subject?: unknown } | undefined;
      expect(audit, `${route.meta.operationId} has no audit field`).toBeDefined();
      if (audit !== undefined && 'none' in audit) expect(String(audit.none).length).toBeGreaterThan(10);
      else expect(audit?.subject, route.meta.operationId).toBe(true);
    }
    const changes = ROUTES.filter((r) => r.meta.method !== 'GET').map((r) => [
      r.meta.operationId,
      'none' in r.meta.audit,
    ]);
    // Every change is about someone's data and so is recorded.
    expect(changes.filter(([, none]) => none)).toEqual([]);
  });
});

describe('GET /api/people/:personId/audit', () => {
  it('shows the person who read their data and what they changed, with names, newest first, but not their own reads', async () => {
    const before = (await riasAudit()).length;
    expect((await ria.request('GET', `/api/people/${ria.person.id}/progress`)).status).toBe(200);
    expect((await maya.request('GET', `/api/people/${ria.person.id}/progress`)).status).toBe(200);
    expect((await pat.request('GET', `/api/people/${ria.person.id}/evidence`)).status).toBe(200);

    const events = await riasAudit();
    expect(events).toHaveLength(before + 2);
    expect(events.slice(0, 2).map((e) => [e.actorName, e.action, e.outcome, e.via])).toEqual([
      ['Pat Quinn', 'listEvidence', 'allowed', 'api'],
      ['Maya Chen', 'getProgress', 'allowed', 'api'],
    ]);
    expect(events[0]).toMatchObject({ subjectId: ria.person.id, actorId: pat.person.id, address: '127.0.0.1' });
    expect(events[0]?.requestId).toEqual(expect.any(String));
  });

  it("records a refusal with the person it protected: a peer reading Ria's assessments", async () => {
    const refused = await pat.request('GET', `/api/people/${ria.person.id}/assessments`);
    expect(refused.status).toBe(403);
    expect((await riasAudit())[0]).toMatchObject({
      actorName: 'Pat Quinn',
      action: 'listAssessments',
      outcome: 'refused',
      subjectId: ria.person.id,
    });
  });

  it('records a change with what it acted on, in the same transaction', async () => {
    const logged = await ria.request('POST', `/api/people/${ria.person.id}/evidence`, {
      title: 'Ran the game day',
      kind: 'incident',
      competencies: ['reliability'],
    });
    expect(logged.status).toBe(201);
    const id = (logged.json as { id: string }).id;
    const admin = AuditPage.parse(
      (await t.request('GET', `/api/audit?actor=${ria.person.id}&action=logEvidence`)).json,
    );
    expect(admin.items).toEqual([
      expect.objectContaining({ subjectId: ria.person.id, targetKind: 'evidence', targetId: id, outcome: 'allowed' }),
    ]);
  });

  it('refuses everyone but the person: peer, manager, admin (403) and anonymous (401)', async () => {
    const path = `/api/people/${ria.person.id}/audit`;
    for (const other of [pat, maya, ada]) {
      const response = await other.request('GET', path);
      expect(response.status).toBe(403);
      expect(ErrorResponse.parse(response.json).error.message).toBe(
        'only Ria Patel can see what Longhaul holds about them and who has looked at it',
      );
    }
    expect((await t.request('GET', path)).status).toBe(403);
    expect((await t.anonymous('GET', path)).status).toBe(401);
    expect((await ria.request('GET', '/api/people/nobody/audit')).status).toBe(404);
  });

  it('pages with a cursor and names a bad one', async () => {
    const first = AuditPage.parse((await ria.request('GET', `/api/people/${ria.person.id}/audit?limit=1`)).json);
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = AuditPage.parse(
      (await ria.request('GET', `/api/people/${ria.person.id}/audit?limit=1&cursor=${first.nextCursor ?? ''}`)).json,
    );
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    const bad = await ria.request('GET', `/api/people/${ria.person.id}/audit?cursor=nonsense`);
    expect(bad.status).toBe(422);
    expect(ErrorResponse.parse(bad.json).error.fields[0]?.path).toBe('query.cursor');
  });
});

describe('a change whose event cannot be written', () => {
  it('fails with 503 audit_unavailable and changes nothing', async () => {
    await sql`create trigger audit_events_broken before insert on audit_events
      begin select raise(abort, 'disk on fire'); end`.execute(t.db);
    try {
      const response = await ria.request('PATCH', `/api/people/${ria.person.id}`, { timeZone: 'Asia/Tokyo' });
      expect(response.status).toBe(503);
      const body = ErrorResponse.parse(response.json);
      expect(body.error.code).toBe('audit_unavailable');
      expect(body.error.message).not.toContain('disk on fire');
    } finally {
      await sql`drop trigger audit_events_broken`.execute(t.db);
    }
    const person = await ria.request('GET', `/api/people/${ria.person.id}`);
    expect((person.json as { timeZone: string | null }).timeZone).toBeNull();
  });
});

describe('GET /api/audit', () => {
  it('gives an admin the whole log, filtered by actor, subject, action and time', async () => {
    await maya.request('GET', `/api/people/${pat.person.id}/history`);
    const byMaya = AuditPage.parse((await ada.request('GET', `/api/audit?actor=${maya.person.id}`)).json).items;
    expect(byMaya.length).toBeGreaterThan(0);
    expect(byMaya.every((e) => e.actorId === maya.person.id)).toBe(true);
    const aboutPat = AuditPage.parse(
      (await ada.request('GET', `/api/audit?subject=${pat.person.id}&action=getHistory`)).json,
    ).items;
    expect(aboutPat.map((e) => [e.actorName, e.subjectName])).toEqual([['Maya Chen', 'Pat Quinn']]);
    const future = AuditPage.parse((await ada.request('GET', '/api/audit?from=2999-01-01')).json).items;
    expect(future).toEqual([]);
    const past = AuditPage.parse((await ada.request('GET', '/api/audit?to=2000-01-01T00:00:00Z')).json).items;
    expect(past).toEqual([]);
  });

  it("records an admin's reading of the log", async () => {
    await ada.request('GET', `/api/audit?subject=${ria.person.id}`);
    const reads = AuditPage.parse(
      (await t.request('GET', `/api/audit?actor=${ada.person.id}&action=listAuditEvents`)).json,
    );
    expect(reads.items[0]).toMatchObject({ subjectId: ria.person.id, outcome: 'allowed' });
  });

  it('refuses anyone but an admin (403), and anonymous requests (401), and records the refusal', async () => {
    for (const other of [ria, maya, pat]) {
      const response = await other.request('GET', '/api/audit');
      expect(response.status).toBe(403);
      expect(ErrorResponse.parse(response.json).error.message).toBe('only an admin can read the audit log');
    }
    expect((await t.anonymous('GET', '/api/audit')).status).toBe(401);
    const refusals = AuditPage.parse(
      (await ada.request('GET', `/api/audit?actor=${pat.person.id}&action=listAuditEvents`)).json,
    );
    expect(refusals.items[0]).toMatchObject({ outcome: 'refused', subjectId: null });
  });

  it('names a filter that is not a date or an instant', async () => {
    const bad = await ada.request('GET', '/api/audit?from=yesterday');
    expect(bad.status).toBe(422);
    expect(ErrorResponse.parse(bad.json).error.fields[0]?.path).toBe('query.from');
    const impossible = await ada.request('GET', '/api/audit?to=2026-02-30');
    expect(impossible.status).toBe(422);
    expect(ErrorResponse.parse(impossible.json).error.fields[0]?.path).toBe('query.to');
  });

  it('has no route that edits or deletes an event', () => {
    const onTheLog = ROUTES.filter((r) => r.meta.path.startsWith('/api/audit') || r.meta.path.endsWith('/audit'));
    expect(onTheLog.map((r) => r.meta.method)).toEqual(['GET', 'GET', 'GET']);
  });
});

describe('GET /api/audit/export', () => {
  it('gives an admin the log as JSON Lines, one event a line', async () => {
    const response = await ada.request('GET', `/api/audit/export?subject=${ria.person.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = response.text
      .trimEnd()
      .split('\n')
      .map((line) => AuditEvent.parse(JSON.parse(line)));
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.every((e) => e.subjectId === ria.person.id)).toBe(true);
  });

  it('says on its last line that it was cut at the cap', async () => {
    const cut = await exportAuditLog(t.db, {}, 2);
    expect(cut.events).toHaveLength(2);
    expect(cut.truncated).toBe(true);
    const last = presentAuditExport(cut.events, cut.truncated, 2).trimEnd().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toEqual({
      truncated: true,
      message: 'the export stops at 2 events; narrow it with from, to, actor, subject or action',
    });
    const whole = await exportAuditLog(t.db, { subjectId: pat.person.id });
    expect(whole.truncated).toBe(false);
  });

  it('refuses anyone but an admin (403), and anonymous requests (401)', async () => {
    for (const other of [ria, maya, pat]) expect((await other.request('GET', '/api/audit/export')).status).toBe(403);
    expect((await t.anonymous('GET', '/api/audit/export')).status).toBe(401);
  });
});

describe('what the log holds', () => {
  it('never a password, a token, a reset link or a session cookie', async () => {
    const session = await t.signIn(TEST_EMAIL, TEST_PASSWORD);
    const created = await t.request('POST', '/api/tokens', { name: 'audit check', expiresInDays: 1 });
    const token = (created.json as { token: string }).token;
    const reset = await t.request('POST', '/api/password-resets', { email: 'ria@example.com' });
    const link = (reset.json as { link: string }).link.split('#')[1] ?? '';
    await t.anonymous('POST', `/api/password-resets/${link}`, { password: 'a brand new long passphrase' });
    await t.anonymous('POST', '/api/session', { email: 'ria@example.com', password: 'a brand new long passphrase' });
    await t.anonymous('POST', '/api/session', { email: 'ria@example.com', password: 'a wrong long passphrase' });
    await buildEvidence(t, ria.person, { title: 'Secret migration plan' });

    const rows = await t.db.selectFrom('auditEvents').selectAll().execute();
    const dump = JSON.stringify(rows);
    for (const secret of [
      TEST_PASSWORD,
      'a brand new long passphrase',
      'a wrong long passphrase',
      token,
      link,
      session.cookie,
      t.token,
      ria.token,
    ]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(dump).not.toContain(secret);
    }
    expect(dump).not.toContain('Secret migration plan');
    const signIns = rows.filter((r) => r.action === 'signIn' || r.action === 'usePasswordReset');
    expect(signIns.map((r) => [r.action, r.subjectId, r.actorId])).toEqual(
      expect.arrayContaining([
        ['usePasswordReset', ria.person.id, null],
        ['signIn', ria.person.id, null],
      ]),
    );
  });

  it('refuses, in the database, to change or delete what it holds', async () => {
    await expect(sql`update audit_events set outcome = 'refused'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});
