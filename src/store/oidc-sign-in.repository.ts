import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { runInTransaction } from './database.js';
import type { Database, OidcSignInRow } from './schema.js';

/** A single sign-on just begun: what its callback must check, and until when. */
export interface SaveOidcSignInInput {
  /** The `state` sent to the identity provider; only its sha256 is stored. */
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** ISO-8601 instant the sign-in began. */
  createdAt: string;
  /** ISO-8601 instant after which the callback is refused. */
  expiresAt: string;
}

/**
 * The key a state is stored under: hex sha256. A copy of the table (a backup,
 * a read replica) then holds nothing that could finish someone's sign-in.
 */
export function hashOidcState(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

/** Keeps a sign-in that has been sent to the identity provider until its callback comes back. */
export async function saveOidcSignIn(db: Kysely<Database>, input: SaveOidcSignInInput): Promise<void> {
  await db
    .insertInto('oidcSignIns')
    .values({
      stateHash: hashOidcState(input.state),
      nonce: input.nonce,
      codeVerifier: input.codeVerifier,
      returnTo: input.returnTo,
      createdAt: input.createdAt,
      expiresAt: input.expiresAt,
    })
    .execute();
}

/**
 * Fetches and deletes the sign-in of a state in one transaction, so a state
 * finishes at most one sign-in even when two servers receive the same
 * callback: the loser of the race deletes nothing and gets undefined. An
 * expired row is returned too (and deleted); the caller decides what expired
 * means, with its own clock.
 */
export async function takeOidcSignIn(db: Kysely<Database>, state: string): Promise<OidcSignInRow | undefined> {
  const stateHash = hashOidcState(state);
  return runInTransaction(db, async (trx) => {
    const row = await trx.selectFrom('oidcSignIns').selectAll().where('stateHash', '=', stateHash).executeTakeFirst();
    if (row === undefined) return undefined;
    const { numDeletedRows } = await trx
      .deleteFrom('oidcSignIns')
      .where('stateHash', '=', stateHash)
      .executeTakeFirstOrThrow();
    return numDeletedRows === 1n ? row : undefined;
  });
}

/** Deletes the sign-ins that expired before `now` (ISO-8601) and were never finished; returns how many. */
export async function purgeExpiredOidcSignIns(db: Kysely<Database>, now: string): Promise<number> {
  const { numDeletedRows } = await db.deleteFrom('oidcSignIns').where('expiresAt', '<=', now).executeTakeFirstOrThrow();
  return Number(numDeletedRows);
}
