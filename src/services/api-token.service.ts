import type { Kysely } from 'kysely';
import { readPage, type Page, type PageRequest } from './paging.js';
import { DomainError, notFound } from '../core/domain-error.js';
import {
  findApiToken,
  findApiTokenByHash,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
  touchApiToken,
} from '../store/account.repository.js';
import { newId } from '../store/row-values.js';
import type { ApiTokenRow, Database } from '../store/schema.js';
import { getAccount, randomSecret, recordUse, sha256, type Account } from './account.service.js';

/*
 * Personal API tokens for scripts: `lh_` and 32 random bytes (base64url),
 * shown once when made and stored as sha256 only. Every token expires (at
 * most a year after it was made), can be revoked, and records its last use.
 */

/** What every token starts with, so a leaked one is recognisable (and greppable in logs). */
export const TOKEN_PREFIX = 'lh_';
/** The longest a token may live. */
export const MAX_TOKEN_DAYS = 365;
/** How many characters of a token lists show: `lh_` and eight more. */
const SHOWN_CHARACTERS = 11;
/** A token's use is recorded at most this often. */
const TOUCH_INTERVAL_MS = 60_000;

/** A token as its owner sees it in lists: never the token itself. */
export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toInfo(row: ApiTokenRow): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** Whether a credential looks like one of ours (the authenticate step picks the token path by it). */
export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX);
}

/**
 * Makes a token for a person. The returned `token` is the only copy: it is
 * not stored and cannot be shown again.
 */
export async function createApiToken(
  db: Kysely<Database>,
  personId: string,
  input: { name: string; expiresInDays: number },
  now: Date,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const name = input.name.trim();
  if (name === '' || name.length > 100) {
    const message = name === '' ? 'give the token a name, such as "backup script"' : 'keep the name to 100 characters';
    throw new DomainError('input_invalid', message, [{ path: ['name'], message }]);
  }
  const days = input.expiresInDays;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
    const message = `a token expires after 1 to ${MAX_TOKEN_DAYS} whole days; ${days} is not allowed`;
    throw new DomainError('input_invalid', message, [{ path: ['expiresInDays'], message }]);
  }
  const token = `${TOKEN_PREFIX}${randomSecret()}`;
  const row = await insertApiToken(db, {
    id: newId(),
    personId,
    name,
    hash: sha256(token),
    prefix: token.slice(0, SHOWN_CHARACTERS),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * 24 * 60 * 60_000).toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  });
  return { token, info: toInfo(row) };
}

/** The kind tag of the cursors of a person's tokens. */
const TOKEN_PAGES = 'api-tokens';

/**
 * One page of a person's tokens, revoked and expired ones included (they say so), newest first.
 *
 * @throws DomainError `input_invalid` naming `limit` or `cursor`.
 */
export async function listTokens(
  db: Kysely<Database>,
  personId: string,
  request: PageRequest = {},
): Promise<Page<ApiTokenInfo>> {
  const page = await readPage(
    TOKEN_PAGES,
    request,
    2,
    (after, limit) => listApiTokens(db, personId, { after, limit }),
    (row) => [row.createdAt, row.id] as const,
  );
  return { items: page.items.map(toInfo), nextCursor: page.nextCursor };
}

/** One token's owner, for the policy to decide who may revoke it. */
export async function getApiToken(db: Kysely<Database>, tokenId: string): Promise<ApiTokenInfo & { personId: string }> {
  const row = await findApiToken(db, tokenId);
  if (row === undefined) throw notFound('token_not_found', tokenId.slice(0, 60));
  return { ...toInfo(row), personId: row.personId };
}

/** Revokes a token; revoking one that is already revoked changes nothing. */
export async function revokeToken(db: Kysely<Database>, tokenId: string, now: Date): Promise<ApiTokenInfo> {
  const row = await revokeApiToken(db, tokenId, now.toISOString());
  if (row === undefined) throw notFound('token_not_found', tokenId.slice(0, 60));
  return toInfo(row);
}

/**
 * The account a bearer token stands for, while the token is neither revoked
 * nor expired; records the use at most once a minute. Throws unauthenticated.
 */
export async function resolveApiToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ account: Account; token: ApiTokenInfo }> {
  const row = await findApiTokenByHash(db, sha256(token));
  const refuse = (why: string) => new DomainError('unauthenticated', `this API token ${why}`);
  if (row === undefined) throw refuse('is not known; make one on the Security page');
  if (row.revokedAt !== null) throw refuse('was revoked');
  if (Date.parse(row.expiresAt) <= now.getTime()) throw refuse(`expired on ${row.expiresAt.slice(0, 10)}`);
  const account = await getAccount(db, row.personId);
  if (account === undefined) throw refuse('belongs to an account that no longer exists');
  if (account.person.deactivatedAt !== null) throw refuse('belongs to an account that has been deactivated');
  let info = toInfo(row);
  const due = row.lastUsedAt === null || now.getTime() - Date.parse(row.lastUsedAt) >= TOUCH_INTERVAL_MS;
  if (due && (await recordUse(() => touchApiToken(db, row.id, now.toISOString())))) {
    info = { ...info, lastUsedAt: now.toISOString() };
  }
  return { account, token: info };
}
