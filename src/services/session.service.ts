import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { readPage, type Page, type PageRequest } from './paging.js';
import { DomainError } from '../core/domain-error.js';
import { findPersonForIdentity, SignInFailedError, type OidcIdentity } from './oidc.service.js';
import {
  insertAccount,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOf,
  findSession,
  insertSession,
  listSessions,
  touchSession,
} from '../store/account.repository.js';
import type { Database, SessionRow } from '../store/schema.js';
import {
  findDemoAccount,
  getAccount,
  randomSecret,
  recordUse,
  sha256,
  verifyCredentials,
  type Account,
  type ClientInfo,
} from './account.service.js';

/*
 * Sessions: a random 32-byte value in an httpOnly cookie, stored only as its
 * sha256, with an idle and an absolute expiry. Every sign-in makes a new
 * value (and ends the session the browser came with), so a value planted
 * before sign-in is worth nothing after it (session fixation). The CSRF
 * token is derived from the value, so it is bound to the session without
 * being stored.
 */

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 24 * 60 * 60_000;
/** …and in any case this long after the sign-in. */
export const SESSION_ABSOLUTE_MS = 14 * 24 * 60 * 60_000;
/** Requests on a session record their time at most this often, so reads do not each write. */
export const TOUCH_INTERVAL_MS = 60_000;

/** A session as its owner sees it in the sessions list. */
export interface SessionInfo {
  /** The stored id (a hash), to tell sessions apart; it cannot be used as a cookie. */
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  address: string | null;
}

/** A new session: the cookie value (only ever sent to the browser) and what it stands for. */
export interface NewSession {
  token: string;
  csrfToken: string;
  account: Account;
  session: SessionInfo;
}

/** A session that a request's cookie named and that is still valid. */
export interface ActiveSession {
  account: Account;
  session: SessionInfo;
  csrfToken: string;
}

/** The CSRF token of a session: HMAC-SHA256 of a fixed label, keyed by the cookie value. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('longhaul csrf v1').digest('base64url');
}

function toInfo(row: SessionRow): SessionInfo {
  return {
    id: row.id,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
    userAgent: row.userAgent,
    address: row.address,
  };
}

async function startSession(
  db: Kysely<Database>,
  account: Account,
  client: ClientInfo,
  previousToken: string | undefined,
  now: Date,
): Promise<NewSession> {
  if (account.person.deactivatedAt !== null) {
    throw new DomainError('unauthenticated', 'this account has been deactivated; ask an admin');
  }
  // The value the browser came with (if any) ends here: a sign-in always gets a new one.
  if (previousToken !== undefined) await deleteSession(db, sha256(previousToken));
  await deleteExpiredSessions(db, now.toISOString(), new Date(now.getTime() - SESSION_IDLE_MS).toISOString());
  const token = randomSecret();
  const at = now.toISOString();
  const row = await insertSession(db, {
    id: sha256(token),
    personId: account.person.id,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
    userAgent: client.userAgent?.slice(0, 200) ?? null,
    address: client.address.slice(0, 100),
  });
  return { token, csrfToken: csrfTokenFor(token), account, session: toInfo(row) };
}

/** Signs in with an email and a password (rate-limited), into a new session. */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string },
  client: ClientInfo,
  previousToken: string | undefined,
  now: Date,
): Promise<NewSession> {
  const account = await verifyCredentials(db, input, client, now);
  return startSession(db, account, client, previousToken, now);
}

/**
 * Signs in the person a verified single sign-on identity belongs to. A person
 * the organisation holds but who never had an account gets one without a
 * password (they sign in through the identity provider only); a deactivated
 * person is refused. Every refusal is a `SignInFailedError`.
 */
export async function signInWithIdentity(
  db: Kysely<Database>,
  identity: Pick<OidcIdentity, 'email' | 'emailVerified'>,
  client: ClientInfo,
  previousToken: string | undefined,
  now: Date,
): Promise<NewSession> {
  const person = await findPersonForIdentity(db, identity);
  if (person.deactivatedAt !== null) throw new SignInFailedError('account_deactivated');
  let account = await getAccount(db, person.id);
  if (account === undefined) {
    // Two callbacks for one new person at once: the second finds the account the first made.
    await insertAccount(db, { personId: person.id, passwordHash: null, now: now.toISOString() }).catch(
      async (error: unknown) => {
        if ((await getAccount(db, person.id)) === undefined) throw error;
      },
    );
    account = await getAccount(db, person.id);
    if (account === undefined) throw new SignInFailedError('unexpected');
  }
  return startSession(db, account, client, previousToken, now);
}

/** A new session for an account already proven (the first admin just created, a demo account). */
export async function startSessionFor(
  db: Kysely<Database>,
  account: Account,
  client: ClientInfo,
  previousToken: string | undefined,
  now: Date,
): Promise<NewSession> {
  return startSession(db, account, client, previousToken, now);
}

/**
 * One click into a demo account. Only the server decides whether it runs the
 * demo (the route asks the policy first); here the account must be one the
 * demo made.
 */
export async function signInToDemo(
  db: Kysely<Database>,
  email: string,
  client: ClientInfo,
  previousToken: string | undefined,
  now: Date,
): Promise<NewSession> {
  const account = await findDemoAccount(db, email);
  if (account === undefined) {
    const message = `${email.slice(0, 60)} is not one of the demo's accounts`;
    throw new DomainError('input_invalid', message, [{ path: ['email'], message }]);
  }
  return startSession(db, account, client, previousToken, now);
}

/**
 * The session a cookie value names, while it is valid: not idle for longer
 * than SESSION_IDLE_MS and not past its absolute expiry. Records the use at
 * most once a minute. Throws unauthenticated otherwise.
 */
export async function resolveSession(db: Kysely<Database>, token: string, now: Date): Promise<ActiveSession> {
  const row = await findSession(db, sha256(token));
  const expired = (reason: string) => new DomainError('unauthenticated', `${reason}; sign in again`);
  if (row === undefined) throw expired('this session has ended');
  const idleFor = now.getTime() - Date.parse(row.lastSeenAt);
  if (Date.parse(row.expiresAt) <= now.getTime()) throw expired('this session has expired');
  if (idleFor >= SESSION_IDLE_MS) throw expired('this session expired after a day without use');
  const account = await getAccount(db, row.personId);
  if (account === undefined) throw expired('this account no longer exists');
  if (account.person.deactivatedAt !== null) throw expired('this account has been deactivated');
  let info = toInfo(row);
  if (idleFor >= TOUCH_INTERVAL_MS && (await recordUse(() => touchSession(db, row.id, now.toISOString())))) {
    info = { ...info, lastSeenAt: now.toISOString() };
  }
  return { account, session: info, csrfToken: csrfTokenFor(token) };
}

/** Signs out: the session ends. Ending one that has already ended changes nothing. */
export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await deleteSession(db, sha256(token));
}

/** Signs out everywhere else: every session of the person but `keepSessionId`; how many ended. */
export async function endOtherSessions(
  db: Kysely<Database>,
  personId: string,
  keepSessionId: string | undefined,
): Promise<number> {
  return deleteSessionsOf(db, personId, keepSessionId);
}

/** The kind tag of the cursors of a person's sessions. */
const SESSION_PAGES = 'sessions';

/**
 * One page of a person's sessions that are still valid, newest first.
 *
 * @throws DomainError `input_invalid` naming `limit` or `cursor`.
 */
export async function listActiveSessions(
  db: Kysely<Database>,
  personId: string,
  now: Date,
  request: PageRequest = {},
): Promise<Page<SessionInfo>> {
  const page = await readPage(
    SESSION_PAGES,
    request,
    2,
    (after, limit) =>
      listSessions(db, personId, {
        validAt: now.toISOString(),
        seenSince: new Date(now.getTime() - SESSION_IDLE_MS).toISOString(),
        after,
        limit,
      }),
    (row) => [row.createdAt, row.id] as const,
  );
  return { items: page.items.map(toInfo), nextCursor: page.nextCursor };
}
