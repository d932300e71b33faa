import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage, ErrorResponse, PersonalData } from './api-contract.js';
import { buildSignedInPerson, type SignedInPerson } from './audit.fixtures.js';
import { buildEvidence, startTestServer, type TestServer } from './test-server.fixtures.js';

/*
 * A person's rights over their data, over HTTP: "what Longhaul holds about
 * me" as JSON and Markdown for the person themself, and deleting the account
 * and its data (the person or an admin), which the audit log remembers by id.
 */

let t: TestServer;
let maya: SignedInPerson; // a manager
let ria: SignedInPerson; // reports to Maya
let pat: SignedInPerson; // Ria's peer
let ada: SignedInPerson; // an admin besides Sam, the database's own person

beforeAll(async () => {
  t = await startTestServer();
  maya = await buildSignedInPerson(t, { name: 'Maya Chen', email: 'maya@example.com' });
  ria = await buildSignedInPerson(t, {
    name: 'Ria Patel',
    email: 'ria@example.com',
    managerId: maya.person.id,
    timeZone: 'Europe/Berlin',
  });
  pat = await buildSignedInPerson(t, { name: 'Pat Quinn', email: 'pat@example.com', managerId: maya.person.id });
  ada = await buildSignedInPerson(t, { name: 'Ada Admin', email: 'ada@example.com', isAdmin: 1 });
});

afterAll(async () => {
  await t.close();
});

describe('GET /api/people/:personId/data', () => {
  it('gives the person everything stored about them, and no secret', async () => {
    const kept = await buildEvidence(t, ria.person, { title: 'Ran the game day', visibility: 'private' });
    const gone = await buildEvidence(t, ria.person, { title: 'Deleted draft' });
    expect((await ria.request('DELETE', `/api/evidence/${gone.id}`)).status).toBe(204);
    const assessed = await ria.request('POST', `/api/people/${ria.person.id}/assessments`, {
      kind: 'self',
      ratings: { scope: 'mid-level' },
    });
    expect(assessed.status).toBe(201);
    await maya.request('GET', `/api/people/${ria.person.id}/progress`);

    const response = await ria.request('GET', `/api/people/${ria.person.id}/data`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('longhaul-my-data.json');
    const data = PersonalData.parse(response.json);
    expect(data.person).toMatchObject({
      id: ria.person.id,
      name: 'Ria Patel',
      managerId: maya.person.id,
      isAdmin: false,
    });
    expect(data.settings).toEqual({ timeZone: 'Europe/Berlin' });
    expect(data.account).toMatchObject({ hasPassword: false, isDemo: false });
    expect(data.apiTokens.map((token) => token.name)).toEqual(['token of Ria Patel']);
    expect(data.evidence.map((e) => [e.title, e.deletedAt === null])).toEqual(
      expect.arrayContaining([
        ['Ran the game day', true],
        ['Deleted draft', false],
      ]),
    );
    expect(data.evidence.find((e) => e.id === kept.id)?.competencyIds).toEqual(['reliability']);
    expect(data.assessments).toHaveLength(1);
    expect(data.auditEvents.map((e) => [e.actorName, e.action])).toContainEqual(['Maya Chen', 'getProgress']);
    expect(response.text).not.toContain(ria.token);
    expect(response.text).not.toMatch(/passwordHash|"hash"|\$argon2/);
  });

  it('lists sessions without their ids', async () => {
    const session = await t.signIn();
    const data = PersonalData.parse((await session.request('GET', `/api/people/${t.me.id}/data`)).json);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(Object.keys(data.sessions[0] ?? {}).sort()).toEqual([
      'address',
      'createdAt',
      'expiresAt',
      'lastSeenAt',
      'userAgent',
    ]);
    expect(JSON.stringify(data)).not.toContain(session.cookie);
  });

  it('refuses everyone but the person: peer, manager, admin (403) and anonymous (401)', async () => {
    for (const path of [`/api/people/${ria.person.id}/data`, `/api/people/${ria.person.id}/data.md`]) {
      for (const other of [pat, maya, ada]) {
        const response = await other.request('GET', path);
        expect(response.status, path).toBe(403);
        expect(response.text).not.toContain('Ran the game day');
      }
      expect((await t.anonymous('GET', path)).status).toBe(401);
    }
    const refusals = AuditPage.parse((await ria.request('GET', `/api/people/${ria.person.id}/audit`)).json).items;
    expect(
      refusals.filter((e) => e.action === 'getPersonalData' && e.outcome === 'refused').map((e) => e.actorName),
    ).toEqual(expect.arrayContaining(['Pat Quinn', 'Maya Chen', 'Ada Admin']));
  });
});

describe('GET /api/people/:personId/data.md', () => {
  it('gives the same as a Markdown document', async () => {
    const response = await ria.request('GET', `/api/people/${ria.person.id}/data.md`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(response.text).toMatch(/^# What Longhaul holds about Ria Patel\n/);
    for (const heading of [
      '## Profile',
      '## Settings',
      '## Account',
      '## API tokens (1)',
      '## Evidence',
      '## Assessments (1)',
    ]) {
      expect(response.text).toContain(heading);
    }
    expect(response.text).toContain(': Ran the game day');
    expect(response.text).toContain('- Time zone: Europe/Berlin');
  });
});

describe('DELETE /api/people/:personId', () => {
  it('refuses a peer and a manager (403), and anonymous requests (401)', async () => {
    for (const other of [pat, maya]) {
      const response = await other.request('DELETE', `/api/people/${ria.person.id}`, {
        confirmEmail: 'ria@example.com',
      });
      expect(response.status).toBe(403);
      expect(ErrorResponse.parse(response.json).error.message).toBe(
        'only Ria Patel or an admin can delete their account and data',
      );
    }
    expect(
      (await t.anonymous('DELETE', `/api/people/${ria.person.id}`, { confirmEmail: 'ria@example.com' })).status,
    ).toBe(401);
  });

  it('asks for the email again, naming the field', async () => {
    const response = await ria.request('DELETE', `/api/people/${ria.person.id}`, { confirmEmail: 'pat@example.com' });
    expect(response.status).toBe(422);
    expect(ErrorResponse.parse(response.json).error.fields).toEqual([
      { path: 'body.confirmEmail', message: 'type the email of Ria Patel (ria@example.com) to confirm' },
    ]);
    const missing = await ria.request('DELETE', `/api/people/${ria.person.id}`, {});
    expect(missing.status).toBe(422);
    expect(ErrorResponse.parse(missing.json).error.fields[0]?.path).toBe('body.confirmEmail');
  });

  it("deletes one's own account and data; the audit log keeps that it happened, by id", async () => {
    const reportOfRia = await buildSignedInPerson(t, { name: 'Rob Junior', managerId: ria.person.id });
    const response = await ria.request('DELETE', `/api/people/${ria.person.id}`, { confirmEmail: ' RIA@example.com ' });
    expect(response.status).toBe(204);

    expect((await t.request('GET', `/api/people/${ria.person.id}`)).status).toBe(404);
    expect((await ria.request('GET', '/api/me')).status).toBe(401);
    const rob = await t.request('GET', `/api/people/${reportOfRia.person.id}`);
    expect((rob.json as { managerId: string | null }).managerId).toBeNull();
    for (const table of ['evidence', 'assessments', 'accounts', 'apiTokens', 'sessions'] as const) {
      const rows = await t.db.selectFrom(table).select('personId').where('personId', '=', ria.person.id).execute();
      expect(rows, table).toEqual([]);
    }
    const events = AuditPage.parse(
      (await ada.request('GET', `/api/audit?subject=${ria.person.id}&action=deletePerson`)).json,
    );
    expect(events.items.filter((e) => e.outcome === 'allowed')).toEqual([
      expect.objectContaining({
        actorId: ria.person.id,
        actorName: null,
        subjectName: null,
        targetKind: 'person',
        outcome: 'allowed',
      }),
    ]);
    const log = JSON.stringify(await t.db.selectFrom('auditEvents').selectAll().execute());
    expect(log).not.toContain('ria@example.com');
    expect(log).not.toContain('Ria Patel');
  });

  it("lets an admin delete someone else's account", async () => {
    const response = await ada.request('DELETE', `/api/people/${pat.person.id}`, { confirmEmail: 'pat@example.com' });
    expect(response.status).toBe(204);
    expect((await t.request('GET', `/api/people/${pat.person.id}`)).status).toBe(404);
  });

  it("refuses with 409 and a sentence the database's own person and the last admin", async () => {
    const local = await ada.request('DELETE', `/api/people/${t.me.id}`, {
      confirmEmail: t.me.email ?? 'sam.okafor@example.com',
    });
    expect(local.status).toBe(409);
    expect(ErrorResponse.parse(local.json).error.message).toBe(
      "Sam Okafor is the database's own person, whom the command line acts as, and cannot be deleted",
    );
    await t.db.updateTable('people').set({ isAdmin: 0 }).where('id', '=', t.me.id).execute();
    try {
      const last = await ada.request('DELETE', `/api/people/${ada.person.id}`, { confirmEmail: 'ada@example.com' });
      expect(last.status).toBe(409);
      expect(ErrorResponse.parse(last.json).error.message).toBe(
        'Ada Admin is the last admin; make someone else an admin first, so someone can still run the organisation',
      );
    } finally {
      await t.db.updateTable('people').set({ isAdmin: 1 }).where('id', '=', t.me.id).execute();
    }
    expect((await ada.request('GET', '/api/me')).status).toBe(200);
  });

  it('refuses with 409 someone who recorded assessments of others, which are theirs', async () => {
    const report = await buildSignedInPerson(t, { name: 'Nia Report', managerId: maya.person.id });
    const assessed = await maya.request('POST', `/api/people/${report.person.id}/assessments`, {
      kind: 'manager',
      ratings: { scope: 'mid-level' },
    });
    expect(assessed.status).toBe(201);
    const response = await maya.request('DELETE', `/api/people/${maya.person.id}`, {
      confirmEmail: 'maya@example.com',
    });
    expect(response.status).toBe(409);
    expect(ErrorResponse.parse(response.json).error.message).toBe(
      'Maya Chen recorded an assessment of other people, which are theirs to keep; those cannot be deleted with this account',
    );
  });
});
