import type {
  AdminPeoplePage,
  AdminPerson,
  ApiTokenPage,
  ApiTokenCreate,
  AuditPage,
  ApiTokenCreated,
  Assessment,
  AssessmentCreate,
  AssessmentPage,
  ErrorResponse,
  Evidence,
  EvidenceCreate,
  EvidencePage,
  EvidenceUpdate,
  History,
  ImportPlan,
  Ladder,
  LadderDiff,
  LadderUpload,
  LadderVersion,
  LadderVersionPage,
  OrgImport,
  Me,
  PeoplePage,
  Person,
  PersonAdminUpdate,
  PersonCreate,
  PersonUpdate,
  TeamRenamed,
  InstallationSettings,
  ReportPage,
  Team,
  PasswordResetCreated,
  Progress,
  SessionCreated,
  SessionPage,
  SessionsEnded,
  SetupCreate,
  SetupState,
  DemoAccounts,
} from '../server/api-contract.js';
import { auditQuery, type AuditFilters } from './audit-view.js';
import type { ApiPage } from './paged-list.js';
import { evidenceQuery, hrefWith, type EvidenceFilters } from './url-state.js';

/**
 * The web app's only way to the server: one function per endpoint of the
 * public contract (src/server/api-contract.ts), as an outside client would
 * call it. Failures become an ApiError that carries the server's message and
 * field problems, so every screen can show what went wrong in the server's
 * own words and never a stack.
 */

/** A failed request: the server's error body, or a sentence of our own when there was none. */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The server's stable code, or `network` / `http_error` when it sent none. */
  readonly code: string;
  /** The fields at fault, as dotted paths into the request. */
  readonly fields: ErrorResponse['error']['fields'];

  constructor(status: number, code: string, message: string, fields: ErrorResponse['error']['fields'] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** The message to show a person for any failure: the server's words when it gave some. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something unexpected went wrong in the page. Reloading usually helps.';
}

/** The part of `fetch` the client needs, so tests can hand in a fake. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Called after every change the client makes, so screens showing old data can reload. */
export type ChangeListener = () => void;

/** Called when the server says the request is not signed in (401), so the app can show the sign-in page. */
export type SignedOutListener = () => void;

/** Every endpoint the web app uses. */
export interface ApiClient {
  /** Signs in with a password; the server sets the session cookie and the client keeps the CSRF token. */
  signIn(email: string, password: string): Promise<SessionCreated>;
  /** One click into a demo account, on a server that runs the demo. */
  signInToDemo(email: string): Promise<SessionCreated>;
  /** Ends this session. */
  signOut(): Promise<void>;
  /** Ends every other session of the signed-in person. */
  signOutEverywhere(): Promise<SessionsEnded>;
  /** One page of the signed-in person's sessions, newest first. */
  listSessions(page?: PageParams): Promise<SessionPage>;
  /** Whether the installation has its admin yet. */
  getSetup(): Promise<SetupState>;
  /** The first visit: makes the admin account and signs in as it. */
  createFirstAdmin(body: SetupCreate): Promise<SessionCreated>;
  listDemoAccounts(): Promise<DemoAccounts>;
  /** An admin's one-time link for a person to set a password. */
  createPasswordReset(email: string): Promise<PasswordResetCreated>;
  /** Sets a new password with the token of a reset link. */
  usePasswordReset(token: string, password: string): Promise<void>;
  /** One page of the signed-in person's API tokens, newest first. */
  listTokens(page?: PageParams): Promise<ApiTokenPage>;
  createToken(body: ApiTokenCreate): Promise<ApiTokenCreated>;
  revokeToken(tokenId: string): Promise<void>;
  /** Subscribes to "not signed in" answers; returns the unsubscribe function. */
  onSignedOut(listener: SignedOutListener): () => void;
  /** Who is using Longhaul, and the active ladder's id and hash. */
  getMe(): Promise<Me>;
  /** The full active ladder. */
  getActiveLadder(): Promise<Ladder>;
  /** One page of the stored ladder versions, oldest first, the active one marked. */
  listLadderVersions(page?: PageParams): Promise<LadderVersionPage>;
  /** What changed between two versions of a ladder, each named by hash or a unique prefix. */
  diffLadderVersions(ladderId: string, from: string, to: string): Promise<LadderDiff>;
  /** An admin stores a ladder file as a version, not active; a wrong file is a 422 with each problem at body.yaml. */
  storeLadderVersion(body: LadderUpload): Promise<LadderVersion>;
  /** An admin makes a stored version the active one. */
  activateLadderVersion(ladderId: string, hash: string): Promise<LadderVersion>;
  /** An admin checks (`dryRun`) or imports a people file; a wrong file is a 422 with each problem at body.csv. */
  importOrganisation(body: OrgImport): Promise<ImportPlan>;
  /** One page of the directory, by name: who evidence can be shared with. */
  listPeople(page?: PageParams): Promise<PeoplePage>;
  /** Changes a person's own settings, such as the time zone their today is taken in. */
  updatePerson(personId: string, body: PersonUpdate): Promise<Person>;
  /** One page of everyone (or one team) with the admin fields (admins). */
  listPeopleForAdmin(team: string | undefined, page?: PageParams): Promise<AdminPeoplePage>;
  /** One page of the teams, in name order, with their active members. */
  listTeams(page?: PageParams): Promise<ApiPage<Team>>;
  /** An admin renames a team; its people stay in it. */
  renameTeam(teamId: string, name: string): Promise<TeamRenamed>;
  /** Adds a person to the organisation (admins). */
  createPerson(body: PersonCreate): Promise<AdminPerson>;
  /** Changes, moves, deactivates or makes admin a person (admins). */
  editPersonAsAdmin(personId: string, body: PersonAdminUpdate): Promise<AdminPerson>;
  /** The installation's settings, for an admin. */
  getInstallationSettings(): Promise<InstallationSettings>;
  /** A person's profile: the directory's view of them. */
  getPerson(personId: string): Promise<Person>;
  /** One page of a manager's reports (scope `all`: everyone beneath them) with level and readiness. */
  listReports(personId: string, scope: 'direct' | 'all', page?: PageParams): Promise<ReportPage>;
  /** One page of evidence, newest first as the server orders it, optionally filtered. */
  listEvidence(personId: string, filters?: EvidenceFilters, page?: PageParams): Promise<EvidencePage>;
  getEvidence(evidenceId: string): Promise<Evidence>;
  createEvidence(personId: string, body: EvidenceCreate): Promise<Evidence>;
  updateEvidence(evidenceId: string, body: EvidenceUpdate): Promise<Evidence>;
  /** Soft-deletes: restoreEvidence undoes it. */
  deleteEvidence(evidenceId: string): Promise<void>;
  restoreEvidence(evidenceId: string): Promise<Evidence>;
  /** One page of assessments, newest first. */
  listAssessments(personId: string, page?: PageParams): Promise<AssessmentPage>;
  createAssessment(personId: string, body: AssessmentCreate): Promise<Assessment>;
  /** Progress toward a level; the next level when no target is given. */
  getProgress(personId: string, target?: string | null): Promise<Progress>;
  /** One page of history, newest first. */
  getHistory(personId: string, page?: PageParams): Promise<History>;
  /** One page of who has looked at the person's data (only the person may ask), newest first. */
  listPersonAudit(personId: string, page?: PageParams): Promise<AuditPage>;
  /** One page of the whole audit log (admins), newest first, filtered. */
  listAuditEvents(filters: AuditFilters, page?: PageParams): Promise<AuditPage>;
  /** Deletes a person's account and data; `confirmEmail` is their email typed again. */
  deletePerson(personId: string, confirmEmail: string): Promise<void>;
  /** How many changes the client has made; screens key their data on it. */
  changeCount(): number;
  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void;
}

function isErrorResponse(value: unknown): value is ErrorResponse {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/** Builds a client over a fetch function and a base path ("/api" in the browser). */
export function createApiClient(fetchImpl: FetchLike, base = '/api'): ApiClient {
  let changes = 0;
  const listeners = new Set<ChangeListener>();
  const changed = () => {
    changes += 1;
    for (const listener of listeners) listener();
  };
  const signedOutListeners = new Set<SignedOutListener>();
  // The session's CSRF token: from the sign-in answer or GET /api/me, held in memory only.
  let csrfToken: string | null = null;

  async function request<T>(method: string, path: string, body?: unknown, auth = false): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    // The server takes a change only with a JSON content type, bodyless ones included (its CSRF guard).
    if (body !== undefined || method !== 'GET') headers['content-type'] = 'application/json';
    // A change made with the session cookie must carry the session's CSRF token.
    if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
    if (body !== undefined) init.body = JSON.stringify(body);
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, init);
    } catch {
      throw new ApiError(
        0,
        'network',
        'Could not reach the Longhaul server. Check that it is running, then try again.',
      );
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!response.ok) {
      // Not signed in (any more): the app shows the sign-in page. A refused sign-in is the form's to show.
      if (response.status === 401 && !auth) {
        csrfToken = null;
        for (const listener of signedOutListeners) listener();
      }
      if (isErrorResponse(parsed)) {
        const { code, message, fields } = parsed.error;
        throw new ApiError(response.status, String(code), message, Array.isArray(fields) ? fields : []);
      }
      throw new ApiError(response.status, 'http_error', `The server answered with status ${response.status}.`);
    }
    if (parsed === undefined) {
      throw new ApiError(response.status, 'bad_response', 'The server sent an answer the page could not read.');
    }
    return parsed as T;
  }

  async function mutate<T>(method: string, path: string, body?: unknown): Promise<T> {
    const result = await request<T>(method, path, body);
    changed();
    return result;
  }

  /** Sign-in calls: a 401 is a wrong password for the form, and the answer's CSRF token is kept. */
  async function startSession(path: string, body: unknown): Promise<SessionCreated> {
    const session = await request<SessionCreated>('POST', path, body, true);
    csrfToken = session.csrfToken;
    changed();
    return session;
  }

  const person = (personId: string) => `/people/${encodeURIComponent(personId)}`;
  const evidence = (evidenceId: string) => `/evidence/${encodeURIComponent(evidenceId)}`;

  return {
    getMe: async () => {
      const me = await request<Me>('GET', '/me');
      csrfToken = me.csrfToken;
      return me;
    },
    signIn: (email, password) => startSession('/session', { email, password }),
    signInToDemo: (email) => startSession('/demo-session', { email }),
    createFirstAdmin: (body) => startSession('/setup', body),
    signOut: async () => {
      await request<undefined>('DELETE', '/session');
      csrfToken = null;
      changed();
    },
    signOutEverywhere: () => mutate<SessionsEnded>('DELETE', '/sessions'),
    listSessions: (page) => request<SessionPage>('GET', withPage('/sessions', page)),
    getSetup: () => request<SetupState>('GET', '/setup'),
    listDemoAccounts: () => request<DemoAccounts>('GET', '/demo-accounts'),
    createPasswordReset: (email) => mutate<PasswordResetCreated>('POST', '/password-resets', { email }),
    usePasswordReset: (token, password) =>
      request<undefined>('POST', `/password-resets/${encodeURIComponent(token)}`, { password }, true),
    listTokens: (page) => request<ApiTokenPage>('GET', withPage('/tokens', page)),
    createToken: (body) => mutate<ApiTokenCreated>('POST', '/tokens', body),
    revokeToken: (tokenId) => mutate<undefined>('DELETE', `/tokens/${encodeURIComponent(tokenId)}`),
    onSignedOut: (listener) => {
      signedOutListeners.add(listener);
      return () => {
        signedOutListeners.delete(listener);
      };
    },
    getActiveLadder: () => request<Ladder>('GET', '/ladders/active'),
    listLadderVersions: (page) => request<LadderVersionPage>('GET', withPage('/ladders', page)),
    diffLadderVersions: (ladderId, from, to) =>
      request<LadderDiff>('GET', hrefWith(`/ladders/${encodeURIComponent(ladderId)}/diff`, { from, to })),
    storeLadderVersion: (body) => mutate<LadderVersion>('POST', '/ladders', body),
    activateLadderVersion: (ladderId, hash) =>
      mutate<LadderVersion>(
        'POST',
        `/ladders/${encodeURIComponent(ladderId)}/versions/${encodeURIComponent(hash)}/activate`,
      ),
    // A dry run writes nothing, so it is not a change the screens reload for.
    importOrganisation: (body) =>
      body.dryRun === true
        ? request<ImportPlan>('POST', '/org/import', body)
        : mutate<ImportPlan>('POST', '/org/import', body),
    listPeople: (page) => request<PeoplePage>('GET', withPage('/people', page)),
    updatePerson: (personId, body) => mutate<Person>('PATCH', person(personId), body),
    listPeopleForAdmin: (team, page) =>
      request<AdminPeoplePage>('GET', withPage(hrefWith('/admin/people', { team }), page)),
    listTeams: (page) => request<ApiPage<Team>>('GET', withPage('/teams', page)),
    renameTeam: (teamId, name) => mutate<TeamRenamed>('PATCH', `/admin/teams/${encodeURIComponent(teamId)}`, { name }),
    createPerson: (body) => mutate<AdminPerson>('POST', '/people', body),
    editPersonAsAdmin: (personId, body) =>
      mutate<AdminPerson>('PATCH', `/admin/people/${encodeURIComponent(personId)}`, body),
    getInstallationSettings: () => request<InstallationSettings>('GET', '/admin/settings'),
    getPerson: (personId) => request<Person>('GET', person(personId)),
    listReports: (personId, scope, page) =>
      request<ReportPage>('GET', withPage(hrefWith(`${person(personId)}/reports`, { scope }), page)),
    listEvidence: (personId, filters, page) =>
      request<EvidencePage>(
        'GET',
        withPage(`${person(personId)}/evidence${filters === undefined ? '' : evidenceQuery(filters)}`, page),
      ),
    getEvidence: (evidenceId) => request<Evidence>('GET', evidence(evidenceId)),
    createEvidence: (personId, body) => mutate<Evidence>('POST', `${person(personId)}/evidence`, body),
    updateEvidence: (evidenceId, body) => mutate<Evidence>('PATCH', evidence(evidenceId), body),
    deleteEvidence: (evidenceId) => mutate<undefined>('DELETE', evidence(evidenceId)),
    restoreEvidence: (evidenceId) => mutate<Evidence>('POST', `${evidence(evidenceId)}/restore`),
    listAssessments: (personId, page) =>
      request<AssessmentPage>('GET', withPage(`${person(personId)}/assessments`, page)),
    createAssessment: (personId, body) => mutate<Assessment>('POST', `${person(personId)}/assessments`, body),
    getProgress: (personId, target) =>
      request<Progress>('GET', hrefWith(`${person(personId)}/progress`, { target: target ?? null })),
    getHistory: (personId, page) => request<History>('GET', withPage(`${person(personId)}/history`, page)),
    listPersonAudit: (personId, page) => request<AuditPage>('GET', withPage(`${person(personId)}/audit`, page)),
    listAuditEvents: (filters, page) => request<AuditPage>('GET', withPage(`/audit${auditQuery(filters)}`, page)),
    deletePerson: (personId, confirmEmail) => mutate<undefined>('DELETE', person(personId), { confirmEmail }),
    changeCount: () => changes,
    onChange: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** Which page of a list to read: the previous page's `nextCursor`, and how many items (the server's default when left out). */
export interface PageParams {
  cursor?: string;
  limit?: number;
}

/** Adds the page parameters to a path that may already have a query. */
function withPage(path: string, page: PageParams | undefined): string {
  if (page === undefined || (page.cursor === undefined && page.limit === undefined)) return path;
  const params = new URLSearchParams();
  if (page.limit !== undefined) params.set('limit', String(page.limit));
  if (page.cursor !== undefined) params.set('cursor', page.cursor);
  return `${path}${path.includes('?') ? '&' : '?'}${params.toString()}`;
}

/** The client the browser uses, talking to the server that served the page. */
export const api: ApiClient = createApiClient((input, init) => fetch(input, init));
