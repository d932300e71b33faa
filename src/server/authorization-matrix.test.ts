import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../services/api-token.service.js';
import { insertAccount } from '../store/account.repository.js';
import { updatePerson } from '../store/people.repository.js';
import type { PersonRow } from '../store/schema.js';
import type { OpenApiDocument } from './openapi-document.js';
import {
  buildEvidence,
  buildPerson,
  startTestServer,
  type TestResponse,
  type TestServer,
} from './test-server.fixtures.js';

/*
 * The authorization matrix: every operation of the OpenAPI document, asked by
 * each of seven roles about one person, Pat, with the status each role must
 * get. The roles: nobody signed in, Pat themself, Quinn (Pat's peer: same
 * team, same manager), Mia (Pat's manager), Sky (Mia's manager, Pat's skip
 * level), Oren (a manager of another team) and Sam (an admin in none of these
 * chains). An operation without a row fails the suite, so a new route cannot
 * ship without someone deciding who may call it.
 */

const ROLES = ['anonymous', 'self', 'peer', 'manager', 'skipLevel', 'otherManager', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** The status each role gets; `open` is the same status for everyone, signed in or not. */
type Expected = Record<Role, number>;

interface Call {
  method: string;
  path: string;
  body?: unknown;
}

/** One case of an operation: how to make the request (fresh for every role when it changes something), and the statuses. */
interface Case {
  name?: string;
  call(): Promise<Call> | Call;
  expect: Expected;
}

const open = (status: number): Expected => ({
  anonymous: status,
  self: status,
  peer: status,
  manager: status,
  skipLevel: status,
  otherManager: status,
  admin: status,
});
const signedIn = (status: number): Expected => ({ ...open(status), anonymous: 401 });
/** Pat alone; everyone else signed in is refused. */
const selfOnly = (status: number): Expected => ({ ...signedIn(403), self: status });
/** Pat and their management chain (manager and skip level); the rest refused. */
const selfAndChain = (status: number): Expected => ({
  ...signedIn(403),
  self: status,
  manager: status,
  skipLevel: status,
});
const adminOnly = (status: number): Expected => ({ ...signedIn(403), admin: status });

let t: TestServer;
let doc: OpenApiDocument;
const people = {} as Record<Exclude<Role, 'anonymous'>, PersonRow>;
const tokens = {} as Record<Exclude<Role, 'anonymous'>, string>;
let ladder: { ladderId: string; hash: string };
let evidence = { private: '', shared: '', named: '' };

/** The example body the OpenAPI document gives an operation. */
function exampleOf(operationId: string): unknown {
  for (const item of Object.values(doc.paths)) {
    for (const operation of Object.values(item)) {
      if (operation?.operationId === operationId) return operation.requestBody?.content['application/json']?.example;
    }
  }
  throw new Error(`no operation ${operationId}`);
}

async function freshEvidence(visibility: 'private' | 'managers' = 'managers'): Promise<string> {
  return (await buildEvidence(t, people.self, { visibility })).id;
}

const pat = () => people.self.id;

const MATRIX: Record<string, Case[]> = {
  getMe: [{ call: () => ({ method: 'GET', path: '/api/me' }), expect: signedIn(200) }],
  signIn: [
    {
      name: 'a wrong password is the same 401 for everyone',
      call: () => ({
        method: 'POST',
        path: '/api/session',
        body: { email: `nobody-${Math.random()}@example.com`, password: 'not the password at all' },
      }),
      expect: open(401),
    },
  ],
  signOut: [{ call: () => ({ method: 'DELETE', path: '/api/session' }), expect: signedIn(204) }],
  listSessions: [{ call: () => ({ method: 'GET', path: '/api/sessions' }), expect: signedIn(200) }],
  signOutEverywhere: [{ call: () => ({ method: 'DELETE', path: '/api/sessions' }), expect: signedIn(200) }],
  getSetup: [{ call: () => ({ method: 'GET', path: '/api/setup' }), expect: open(200) }],
  createFirstAdmin: [
    {
      name: 'refused once an admin exists, whoever asks',
      call: () => ({ method: 'POST', path: '/api/setup', body: exampleOf('createFirstAdmin') }),
      expect: open(403),
    },
  ],
  listDemoAccounts: [{ call: () => ({ method: 'GET', path: '/api/demo-accounts' }), expect: open(200) }],
  signInToDemo: [
    {
      name: 'refused on a server without the demo, whoever asks',
      call: () => ({ method: 'POST', path: '/api/demo-session', body: { email: people.self.email } }),
      expect: open(403),
    },
  ],
  startSingleSignOn: [
    {
      name: 'absent without an identity provider (sso.api.test.ts covers it configured)',
      call: () => ({ method: 'GET', path: '/auth/oidc/start' }),
      expect: open(404),
    },
  ],
  finishSingleSignOn: [
    { call: () => ({ method: 'GET', path: '/auth/oidc/callback?code=c&state=s' }), expect: open(404) },
  ],
  listApiTokens: [{ call: () => ({ method: 'GET', path: '/api/tokens' }), expect: signedIn(200) }],
  createApiToken: [
    {
      call: () => ({ method: 'POST', path: '/api/tokens', body: exampleOf('createApiToken') }),
      expect: signedIn(201),
    },
  ],
  revokeApiToken: [
    {
      name: "Pat's token",
      call: async () => {
        const made = await createApiToken(t.db, pat(), { name: 'to revoke', expiresInDays: 1 }, new Date());
        return { method: 'DELETE', path: `/api/tokens/${made.info.id}` };
      },
      expect: selfOnly(204),
    },
  ],
  createPasswordReset: [
    {
      name: "a reset link for Pat's account",
      call: () => ({ method: 'POST', path: '/api/password-resets', body: { email: people.self.email } }),
      expect: adminOnly(201),
    },
  ],
  usePasswordReset: [
    {
      name: 'the link is the proof: an unknown one is gone for everyone',
      call: () => ({
        method: 'POST',
        path: '/api/password-resets/not-a-real-reset-token-at-all',
        body: exampleOf('usePasswordReset'),
      }),
      expect: open(410),
    },
  ],
  listLadderVersions: [{ call: () => ({ method: 'GET', path: '/api/ladders' }), expect: signedIn(200) }],
  getActiveLadder: [{ call: () => ({ method: 'GET', path: '/api/ladders/active' }), expect: signedIn(200) }],
  getLadderVersion: [
    {
      call: () => ({ method: 'GET', path: `/api/ladders/${ladder.ladderId}/versions/${ladder.hash}` }),
      expect: signedIn(200),
    },
  ],
  storeLadderVersion: [
    {
      name: 'the example ladder file: stored once, answered as stored after',
      call: () => ({ method: 'POST', path: '/api/ladders', body: exampleOf('storeLadderVersion') }),
      expect: adminOnly(201),
    },
  ],
  activateLadderVersion: [
    {
      name: 'the version already active: nothing changes for the roles after',
      call: () => ({ method: 'POST', path: `/api/ladders/${ladder.ladderId}/versions/${ladder.hash}/activate` }),
      expect: adminOnly(200),
    },
  ],
  diffLadderVersions: [
    {
      call: () => ({
        method: 'GET',
        path: `/api/ladders/${ladder.ladderId}/diff?from=${ladder.hash}&to=${ladder.hash}`,
      }),
      expect: signedIn(200),
    },
  ],
  listPeople: [{ call: () => ({ method: 'GET', path: '/api/people' }), expect: signedIn(200) }],
  getPerson: [{ call: () => ({ method: 'GET', path: `/api/people/${pat()}` }), expect: signedIn(200) }],
  listReports: [
    {
      name: "the team of Pat's manager",
      call: () => ({ method: 'GET', path: `/api/people/${people.manager.id}/reports` }),
      expect: { ...signedIn(403), manager: 200, skipLevel: 200 },
    },
    {
      name: 'Pat, who manages nobody, sees an empty team of their own',
      call: () => ({ method: 'GET', path: `/api/people/${pat()}/reports` }),
      expect: selfAndChain(200),
    },
  ],
  deletePerson: [
    {
      name: 'with an email that is not theirs: refused by the policy, or by the check the policy lets through',
      call: () => ({
        method: 'DELETE',
        path: `/api/people/${pat()}`,
        body: { confirmEmail: 'not-pat@example.com' },
      }),
      expect: { ...signedIn(403), self: 422, admin: 422 },
    },
  ],
  getPersonalData: [{ call: () => ({ method: 'GET', path: `/api/people/${pat()}/data` }), expect: selfOnly(200) }],
  getPersonalDataMarkdown: [
    { call: () => ({ method: 'GET', path: `/api/people/${pat()}/data.md` }), expect: selfOnly(200) },
  ],
  listPersonAudit: [
    {
      name: 'who has looked at my data: not the manager, not an admin',
      call: () => ({ method: 'GET', path: `/api/people/${pat()}/audit` }),
      expect: selfOnly(200),
    },
  ],
  listAuditEvents: [{ call: () => ({ method: 'GET', path: '/api/audit' }), expect: adminOnly(200) }],
  exportAuditEvents: [{ call: () => ({ method: 'GET', path: '/api/audit/export' }), expect: adminOnly(200) }],
  updatePerson: [
    {
      name: "Pat's own settings",
      call: () => ({ method: 'PATCH', path: `/api/people/${pat()}`, body: exampleOf('updatePerson') }),
      expect: selfOnly(200),
    },
  ],
  importOrganisation: [
    {
      name: 'a dry run',
      call: () => ({ method: 'POST', path: '/api/org/import', body: exampleOf('importOrganisation') }),
      expect: adminOnly(200),
    },
  ],
  listTeams: [{ call: () => ({ method: 'GET', path: '/api/teams' }), expect: signedIn(200) }],
  listPeopleForAdmin: [{ call: () => ({ method: 'GET', path: '/api/admin/people' }), expect: adminOnly(200) }],
  createPerson: [
    {
      name: 'a new person each time',
      call: () => ({
        method: 'POST',
        path: '/api/people',
        body: { name: 'New Person', email: `new-${Math.random().toString(36).slice(2)}@example.com` },
      }),
      expect: adminOnly(201),
    },
  ],
  editPersonAsAdmin: [
    {
      name: "Pat's title",
      call: () => ({ method: 'PATCH', path: `/api/admin/people/${pat()}`, body: { title: 'Engineer' } }),
      expect: adminOnly(200),
    },
  ],
  listEvidence: [
    {
      name: 'the list answers everyone signed in; what it holds is filtered (see below)',
      call: () => ({ method: 'GET', path: `/api/people/${pat()}/evidence` }),
      expect: signedIn(200),
    },
  ],
  logEvidence: [
    {
      call: () => ({
        method: 'POST',
        path: `/api/people/${pat()}/evidence`,
        body: { ...(exampleOf('logEvidence') as object), visibility: 'managers', sharedWith: undefined },
      }),
      expect: selfOnly(201),
    },
  ],
  getEvidence: [
    {
      name: 'private evidence',
      call: () => ({ method: 'GET', path: `/api/evidence/${evidence.private}` }),
      expect: selfOnly(200),
    },
    {
      name: 'evidence shared with the manager chain',
      call: () => ({ method: 'GET', path: `/api/evidence/${evidence.shared}` }),
      expect: selfAndChain(200),
    },
    {
      name: 'evidence shared with one named person, the peer: not the chain',
      call: () => ({ method: 'GET', path: `/api/evidence/${evidence.named}` }),
      expect: { ...signedIn(403), self: 200, peer: 200 },
    },
  ],
  editEvidence: [
    {
      call: async () => ({
        method: 'PATCH',
        path: `/api/evidence/${await freshEvidence()}`,
        body: exampleOf('editEvidence'),
      }),
      expect: selfOnly(200),
    },
  ],
  deleteEvidence: [
    {
      call: async () => ({ method: 'DELETE', path: `/api/evidence/${await freshEvidence()}` }),
      expect: selfOnly(204),
    },
  ],
  restoreEvidence: [
    {
      call: async () => {
        const id = await freshEvidence();
        await t.db.updateTable('evidence').set({ deletedAt: new Date().toISOString() }).where('id', '=', id).execute();
        return { method: 'POST', path: `/api/evidence/${id}/restore` };
      },
      expect: selfOnly(200),
    },
  ],
  listAssessments: [
    { call: () => ({ method: 'GET', path: `/api/people/${pat()}/assessments` }), expect: selfAndChain(200) },
  ],
  recordAssessment: [
    {
      name: 'a self-assessment',
      call: () => ({ method: 'POST', path: `/api/people/${pat()}/assessments`, body: exampleOf('recordAssessment') }),
      expect: selfOnly(201),
    },
    {
      name: 'a manager assessment: the direct manager only',
      call: () => ({
        method: 'POST',
        path: `/api/people/${pat()}/assessments`,
        body: { ...(exampleOf('recordAssessment') as object), kind: 'manager' },
      }),
      expect: { ...signedIn(403), manager: 201 },
    },
  ],
  getProgress: [{ call: () => ({ method: 'GET', path: `/api/people/${pat()}/progress` }), expect: selfAndChain(200) }],
  getHistory: [{ call: () => ({ method: 'GET', path: `/api/people/${pat()}/history` }), expect: selfAndChain(200) }],
  renameTeam: [
    {
      name: 'to the name it already has: allowed for an admin, changing nothing',
      call: async () => {
        const team = await t.db
          .selectFrom('teams')
          .selectAll()
          .where('name', '=', 'Payments')
          .executeTakeFirstOrThrow();
        return { method: 'PATCH', path: `/api/admin/teams/${team.id}`, body: { name: 'Payments' } };
      },
      expect: adminOnly(200),
    },
  ],
  getInstallationSettings: [{ call: () => ({ method: 'GET', path: '/api/admin/settings' }), expect: adminOnly(200) }],
  getHealth: [{ call: () => ({ method: 'GET', path: '/healthz' }), expect: open(200) }],
  getReadiness: [{ call: () => ({ method: 'GET', path: '/readyz' }), expect: open(200) }],
  getMetrics: [{ call: () => ({ method: 'GET', path: '/metrics' }), expect: open(200) }],
  getOpenApiDocument: [{ call: () => ({ method: 'GET', path: '/api/openapi.json' }), expect: open(200) }],
  getApiReference: [{ call: () => ({ method: 'GET', path: '/api/docs' }), expect: open(200) }],
};

async function send(role: Role, call: Call): Promise<TestResponse> {
  const headers: Record<string, string> = role === 'anonymous' ? {} : { authorization: `Bearer ${tokens[role]}` };
  return t.anonymous(call.method, call.path, call.body, headers);
}

beforeAll(async () => {
  t = await startTestServer();
  await updatePerson(t.db, t.me.id, { team: 'Operations' });
  const add = async (name: string, team: string, managerId: string | null) => {
    const person = await buildPerson(t.db, {
      name,
      team,
      managerId,
      email: `${name.split(' ')[0]?.toLowerCase()}@example.com`,
    });
    await insertAccount(t.db, { personId: person.id, passwordHash: null, now: new Date().toISOString() });
    return person;
  };
  people.skipLevel = await add('Sky Lane', 'Payments', null);
  people.manager = await add('Mia Chen', 'Payments', people.skipLevel.id);
  people.self = await add('Pat Doe', 'Payments', people.manager.id);
  people.peer = await add('Quinn Roe', 'Payments', people.manager.id);
  people.otherManager = await add('Oren Kay', 'Search', null);
  await add('Xia Wu', 'Search', people.otherManager.id);
  people.admin = t.me;
  for (const role of ROLES) {
    if (role === 'anonymous') continue;
    tokens[role] =
      role === 'admin'
        ? t.token
        : (await createApiToken(t.db, people[role].id, { name: 'matrix', expiresInDays: 1 }, new Date())).token;
  }
  doc = (await t.request('GET', '/api/openapi.json')).json as OpenApiDocument;
  const active = (await t.request('GET', '/api/ladders/active')).json as { id: string; hash: string };
  ladder = { ladderId: active.id, hash: active.hash };
  evidence = {
    private: await freshEvidence('private'),
    shared: await freshEvidence('managers'),
    named: (await buildEvidence(t, people.self, { visibility: 'people', sharedWith: [people.peer.id] })).id,
  };
});

afterAll(async () => {
  await t.close();
});

describe('the authorization matrix', () => {
  it('has a row for every operation of the OpenAPI document, and none for an operation that is gone', () => {
    const operations = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((operation) => operation?.operationId ?? ''),
    );
    const missing = operations.filter((id) => !(id in MATRIX));
    expect(missing, `operations without a row in the authorization matrix: ${missing.join(', ')}`).toEqual([]);
    expect(Object.keys(MATRIX).filter((id) => !operations.includes(id))).toEqual([]);
  });

  for (const [operationId, cases] of Object.entries(MATRIX)) {
    for (const [index, entry] of cases.entries()) {
      it(`${operationId}${entry.name === undefined ? '' : `: ${entry.name}`}${cases.length > 1 && entry.name === undefined ? ` #${index + 1}` : ''}`, async () => {
        const got = {} as Record<Role, number>;
        const refusals: string[] = [];
        for (const role of ROLES) {
          const response = await send(role, await entry.call());
          got[role] = response.status;
          if (response.status === 403 && entry.expect[role] === 403) {
            const message = (response.json as { error?: { message?: string } } | undefined)?.error?.message ?? '';
            if (message === '') refusals.push(`${role}: a 403 without a sentence`);
          }
        }
        expect(got).toEqual(entry.expect);
        expect(refusals).toEqual([]);
      });
    }
  }
});

describe('what each role sees in a list', () => {
  it("Pat's evidence list: everything for Pat, and for anyone else only what Pat shared with them", async () => {
    const counts = {} as Record<Role, number>;
    for (const role of ROLES) {
      if (role === 'anonymous') continue;
      const page = (await send(role, { method: 'GET', path: `/api/people/${pat()}/evidence?limit=100` })).json as {
        items: { visibility: string }[];
      };
      counts[role] = page.items.length;
      if (role !== 'self') expect(page.items.every((item) => item.visibility !== 'private')).toBe(true);
    }
    expect(counts.self).toBeGreaterThan(counts.peer);
  });
});
