import type { Kysely } from 'kysely';
import type {
  AccountRow,
  ApiTokenRow,
  Database,
  NewApiTokenRow,
  NewPasswordResetRow,
  NewSessionRow,
  PasswordResetRow,
  PersonRow,
  SessionRow,
  SignInLimitRow,
} from './schema.js';

/*
 * Rows of the signing-in tables (migration 0005). Every function takes the
 * database (or a transaction) first and returns rows; the services decide
 * what the rows mean (expiry, rotation, limits). Every instant is given by
 * the caller, so services with a pinned clock test the edges exactly.
 */

/** An account with its person, as sign-in and the authenticate step need them together. */
export interface AccountWithPerson {
  account: AccountRow;
  person: PersonRow;
}

/** Adds an account for an existing person; throws when the person already has one. */
export async function insertAccount(
  db: Kysely<Database>,
  input: { personId: string; passwordHash: string | null; isDemo?: boolean; now: string },
): Promise<AccountRow> {
  return db
    .insertInto('accounts')
    .values({
      personId: input.personId,
      passwordHash: input.passwordHash,
      isDemo: input.isDemo === true ? 1 : 0,
      createdAt: input.now,
      passwordChangedAt: input.passwordHash === null ? null : input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The account of a person, if they have one. */
export async function findAccount(db: Kysely<Database>, personId: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('personId', '=', personId).executeTakeFirst();
}

/** The account whose person has this email (compared exactly; the service lower-cases). */
export async function findAccountByEmail(db: Kysely<Database>, email: string): Promise<AccountWithPerson | undefined> {
  const person = await db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();
  if (person === undefined) return undefined;
  const account = await findAccount(db, person.id);
  return account === undefined ? undefined : { account, person };
}

/** Whether any admin (`people.is_admin`) has an account to sign in with: the first-run page is offered until one does. */
export async function hasAdminAccount(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.personId')
    .select('accounts.personId')
    .where('people.isAdmin', '=', 1)
    .where('people.deactivatedAt', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The demo's accounts with their people, for the sign-in page of a server that runs the demo. */
export async function listDemoAccounts(db: Kysely<Database>): Promise<AccountWithPerson[]> {
  const accounts = await db.selectFrom('accounts').selectAll().where('isDemo', '=', 1).execute();
  const out: AccountWithPerson[] = [];
  for (const account of accounts) {
    const person = await db.selectFrom('people').selectAll().where('id', '=', account.personId).executeTakeFirst();
    if (person !== undefined) out.push({ account, person });
  }
  return out;
}

/** Sets a new password hash and its instant. */
export async function updateAccount(
  db: Kysely<Database>,
  personId: string,
  patch: { passwordHash?: string; now: string },
): Promise<AccountRow | undefined> {
  return db
    .updateTable('accounts')
    .set({
      ...(patch.passwordHash === undefined ? {} : { passwordHash: patch.passwordHash, passwordChangedAt: patch.now }),
    })
    .where('personId', '=', personId)
    .returningAll()
    .executeTakeFirst();
}

/** Stores a new session (its id is already the hash of the cookie value). */
export async function insertSession(db: Kysely<Database>, row: NewSessionRow): Promise<SessionRow> {
  return db.insertInto('sessions').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A session by id (the hash of the cookie value). */
export async function findSession(db: Kysely<Database>, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person's sessions, newest first. */
export async function listSessions(
  db: Kysely<Database>,
  personId: string,
  page: {
    /** Only sessions still valid at this instant: not expired, and seen since `seenSince`. */
    validAt?: string;
    seenSince?: string;
    after?: readonly [createdAt: string, id: string];
    limit?: number;
  } = {},
): Promise<SessionRow[]> {
  let query = db.selectFrom('sessions').selectAll().where('personId', '=', personId);
  if (page.validAt !== undefined) query = query.where('expiresAt', '>', page.validAt);
  if (page.seenSince !== undefined) query = query.where('lastSeenAt', '>', page.seenSince);
  const after = page.after;
  if (after !== undefined) {
    query = query.where(({ eb, refTuple, tuple }) => eb(refTuple('createdAt', 'id'), '<', tuple(after[0], after[1])));
  }
  if (page.limit !== undefined) query = query.limit(page.limit);
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').execute();
}

/** Records a request on a session. */
export async function touchSession(db: Kysely<Database>, id: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', id).execute();
}

/** Deletes one session; how many were deleted (0 or 1). */
export async function deleteSession(db: Kysely<Database>, id: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes every session of a person except `keepId`; how many were deleted. */
export async function deleteSessionsOf(db: Kysely<Database>, personId: string, keepId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('personId', '=', personId);
  if (keepId !== undefined) query = query.where('id', '!=', keepId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes sessions past their absolute expiry or idle since before `idleSince`. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: string, idleSince: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<=', now), eb('lastSeenAt', '<=', idleSince)]))
    .execute();
}

/** Stores a new API token (its hash and prefix, never the token). */
export async function insertApiToken(db: Kysely<Database>, row: NewApiTokenRow): Promise<ApiTokenRow> {
  return db.insertInto('apiTokens').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A token by the hash of its value. */
export async function findApiTokenByHash(db: Kysely<Database>, hash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('apiTokens').selectAll().where('hash', '=', hash).executeTakeFirst();
}

/** A token by id. */
export async function findApiToken(db: Kysely<Database>, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person's tokens, revoked ones included, newest first. */
export async function listApiTokens(
  db: Kysely<Database>,
  personId: string,
  page: { after?: readonly [createdAt: string, id: string]; limit?: number } = {},
): Promise<ApiTokenRow[]> {
  let query = db.selectFrom('apiTokens').selectAll().where('personId', '=', personId);
  const after = page.after;
  if (after !== undefined) {
    query = query.where(({ eb, refTuple, tuple }) => eb(refTuple('createdAt', 'id'), '<', tuple(after[0], after[1])));
  }
  if (page.limit !== undefined) query = query.limit(page.limit);
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').execute();
}

/** Records a use of a token. */
export async function touchApiToken(db: Kysely<Database>, id: string, now: string): Promise<void> {
  await db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', id).execute();
}

/** Stamps a token revoked (once: a second revoke keeps the first instant). */
export async function revokeApiToken(db: Kysely<Database>, id: string, now: string): Promise<ApiTokenRow | undefined> {
  await db
    .updateTable('apiTokens')
    .set({ revokedAt: now })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute();
  return findApiToken(db, id);
}

/** Stores a new reset link (its hash). */
export async function insertPasswordReset(db: Kysely<Database>, row: NewPasswordResetRow): Promise<PasswordResetRow> {
  return db.insertInto('passwordResets').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A reset link by the hash of its token. */
export async function findPasswordReset(db: Kysely<Database>, hash: string): Promise<PasswordResetRow | undefined> {
  return db.selectFrom('passwordResets').selectAll().where('hash', '=', hash).executeTakeFirst();
}

/**
 * Stamps a reset link used, only if it was not yet: true when this call did,
 * so two requests racing with one link cannot both set a password.
 */
export async function markPasswordResetUsed(db: Kysely<Database>, hash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('passwordResets')
    .set({ usedAt: now })
    .where('hash', '=', hash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The failure counter of one key (`account:…` or `address:…`). */
export async function findSignInLimit(db: Kysely<Database>, key: string): Promise<SignInLimitRow | undefined> {
  return db.selectFrom('signInLimits').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Writes a counter as given, replacing what was there. */
export async function saveSignInLimit(db: Kysely<Database>, row: SignInLimitRow): Promise<void> {
  await db
    .insertInto('signInLimits')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ windowStart: row.windowStart, failures: row.failures }))
    .execute();
}

/** Forgets a counter (a successful sign-in clears its account's failures). */
export async function deleteSignInLimit(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('signInLimits').where('key', '=', key).execute();
}
