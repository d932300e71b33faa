import { createHash, randomBytes } from 'node:crypto';
import type * as Argon2 from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { DomainError } from '../core/domain-error.js';
import {
  deleteSessionsOf,
  deleteSignInLimit,
  findAccount,
  findAccountByEmail,
  findPasswordReset,
  findSignInLimit,
  hasAdminAccount,
  insertAccount,
  insertPasswordReset,
  listDemoAccounts,
  markPasswordResetUsed,
  saveSignInLimit,
  updateAccount,
  type AccountWithPerson,
} from '../store/account.repository.js';
import { runInTransaction } from '../store/database.js';
import { findPersonByEmail, findPersonById, updatePerson } from '../store/people.repository.js';
import type { AccountRow, Database, PersonRow } from '../store/schema.js';
import { getSetting, SETTING_KEYS } from '../store/settings.repository.js';
import { findLocalPerson } from './workspace.service.js';

/*
 * Accounts: who may sign in, with which password, and how often they may
 * get it wrong. Passwords are argon2id hashes; a sign-in for an unknown
 * email verifies against a dummy hash, so the time taken does not say
 * whether an account exists. Failed sign-ins are counted in the database
 * (several servers share it), per account and per address.
 */

/** argon2id with OWASP's first recommended setting: 19 MiB, two passes, one lane (about 50 ms here). */
export const ARGON2_OPTIONS = Object.freeze({ memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 });

/** The bounds of a password: long enough to resist guessing, short enough that hashing one is cheap. */
export const PASSWORD_LENGTH = Object.freeze({ min: 12, max: 256 });

/** Failed sign-ins allowed in one window: per account (the email given) and per client address. */
export const SIGN_IN_LIMITS = Object.freeze({ perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 });

/** How long a password-reset link works. */
export const RESET_LINK_TTL_MS = 24 * 60 * 60_000;

/** An account as the edges need it: the person, and whether they are an admin. */
export interface Account {
  person: PersonRow;
  isAdmin: boolean;
  isDemo: boolean;
  hasPassword: boolean;
}

function toAccount({ account, person }: AccountWithPerson): Account {
  return {
    person,
    isAdmin: person.isAdmin === 1 && person.deactivatedAt === null,
    isDemo: account.isDemo === 1,
    hasPassword: account.passwordHash !== null,
  };
}

/** How long a request waits for its use to be recorded before it goes on without waiting. */
const RECORD_USE_WAIT_MS = 100;

/**
 * Records the use of a session or token without letting it hold up the
 * request: it normally takes a millisecond, but while another program holds
 * SQLite's write lock it would wait seconds, and a read must not. Failures
 * are dropped: the last-use time is informative, never a control.
 */
export async function recordUse(write: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const done = write().then(
    () => true,
    () => false,
  );
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), RECORD_USE_WAIT_MS);
  });
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** sha256 in hex: how every random secret (session, token, reset link) is stored. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A new random secret: 32 bytes, base64url (43 characters). */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Emails are compared in lower case with the spaces around them trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Checks the password rules; throws input_invalid naming `field`. */
export function checkPassword(password: string, field = 'password'): string {
  const length = [...password].length;
  const problem =
    length < PASSWORD_LENGTH.min
      ? `the password has ${length} characters; use at least ${PASSWORD_LENGTH.min} (a few words make a good one)`
      : length > PASSWORD_LENGTH.max
        ? `the password has ${length} characters; use at most ${PASSWORD_LENGTH.max}`
        : undefined;
  if (problem !== undefined) throw new DomainError('input_invalid', problem, [{ path: [field], message: problem }]);
  return password;
}

/** Checks that an email looks like one; throws input_invalid naming `field`. */
export function checkEmail(email: string, field = 'email'): string {
  const normal = normaliseEmail(email);
  if (!/^[^\s@]+@[^\s@]+$/.test(normal) || normal.length > 254) {
    const message = `"${normal.slice(0, 60)}" is not an email address; use one like ada@example.com`;
    throw new DomainError('input_invalid', message, [{ path: [field], message }]);
  }
  return normal;
}

/** Hashes a password with argon2id. */
export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2();
  return hash(password, ARGON2_OPTIONS);
}

/** The native argon2 binding, loaded on first use: CLI commands that never hash start without it. */
function argon2(): Promise<typeof Argon2> {
  return import('@node-rs/argon2');
}

let dummyHash: Promise<string> | undefined;

/** Verifies a password against a hash; against a dummy hash when there is none, so both take as long. */
async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomSecret());
  const target = stored ?? (await dummyHash);
  try {
    const { verify } = await argon2();
    const ok = await verify(target, password);
    return stored !== null && ok;
  } catch {
    return false;
  }
}

/** Where a sign-in comes from, for its limits and the sessions list. */
export interface ClientInfo {
  address: string;
  userAgent?: string | undefined;
}

const accountKey = (email: string) => `account:${email}`;
const addressKey = (address: string) => `address:${address}`;

/** Seconds until the window of a counter that is over its limit ends; undefined when it is not over. */
async function blockedFor(db: Kysely<Database>, key: string, limit: number, now: Date): Promise<number | undefined> {
  const row = await findSignInLimit(db, key);
  if (row === undefined || row.failures < limit) return undefined;
  const ends = Date.parse(row.windowStart) + SIGN_IN_LIMITS.windowMs;
  if (ends <= now.getTime()) return undefined;
  return Math.max(1, Math.ceil((ends - now.getTime()) / 1000));
}

async function countFailure(db: Kysely<Database>, key: string, now: Date): Promise<void> {
  const row = await findSignInLimit(db, key);
  const fresh = row === undefined || Date.parse(row.windowStart) + SIGN_IN_LIMITS.windowMs <= now.getTime();
  await saveSignInLimit(db, {
    key,
    windowStart: fresh ? now.toISOString() : row.windowStart,
    failures: fresh ? 1 : row.failures + 1,
  });
}

/**
 * Checks an email and password. Refused before any hashing when the account
 * or the address has had too many failures in the window (rate_limited, with
 * the seconds to wait); a wrong email or password is one sentence for both,
 * so the answer does not say which accounts exist.
 */
export async function verifyCredentials(
  db: Kysely<Database>,
  input: { email: string; password: string },
  client: ClientInfo,
  now: Date,
): Promise<Account> {
  const email = normaliseEmail(input.email);
  const wait = Math.max(
    (await blockedFor(db, accountKey(email), SIGN_IN_LIMITS.perAccount, now)) ?? 0,
    (await blockedFor(db, addressKey(client.address), SIGN_IN_LIMITS.perAddress, now)) ?? 0,
  );
  if (wait > 0) {
    throw new DomainError(
      'rate_limited',
      `too many failed sign-ins for this account or from this address; try again in ${describeWait(wait)}`,
      [],
      wait,
    );
  }
  const found = await findAccountByEmail(db, email);
  const ok = await verifyPassword(found?.account.passwordHash ?? null, input.password);
  if (!ok || found === undefined) {
    await countFailure(db, accountKey(email), now);
    await countFailure(db, addressKey(client.address), now);
    throw new DomainError('unauthenticated', 'the email or the password is wrong', [
      { path: ['password'], message: 'the email or the password is wrong' },
    ]);
  }
  await deleteSignInLimit(db, accountKey(email));
  return toAccount(found);
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}

/** The account of a person with its flags, or undefined when they cannot sign in. */
export async function getAccount(db: Kysely<Database>, personId: string): Promise<Account | undefined> {
  const [account, person] = await Promise.all([findAccount(db, personId), findPersonById(db, personId)]);
  return account === undefined || person === undefined ? undefined : toAccount({ account, person });
}

/** Whether the installation has an admin yet; until it has, the first visit creates one. */
export async function adminExists(db: Kysely<Database>): Promise<boolean> {
  return hasAdminAccount(db);
}

/** What the first-run page needs: whether an admin exists, and the name the admin account would get. */
export async function setupState(db: Kysely<Database>): Promise<{ adminExists: boolean; localPersonName: string }> {
  const person = await findLocalPerson(db);
  return { adminExists: await hasAdminAccount(db), localPersonName: person.name };
}

/**
 * The first visit of an installation without the demo: the database's local
 * person becomes the admin, with this email and password. Refused (conflict)
 * once any admin exists, so it cannot be used to take over an installation.
 */
export async function createFirstAdmin(
  db: Kysely<Database>,
  input: { email: string; password: string; name?: string | undefined },
  now: Date,
): Promise<Account> {
  const email = checkEmail(input.email);
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return runInTransaction(db, async (trx) => {
    if (await hasAdminAccount(trx)) {
      throw new DomainError('conflict', 'this installation already has an admin; sign in instead');
    }
    const local = await findLocalPerson(trx);
    return makeAdmin(trx, local, email, passwordHash, input.name, now);
  });
}

/**
 * `longhaul admin create`: gives the person with this email an admin account
 * (with this password), or, when nobody has the email, the local person
 * (who then gets the email). From a terminal on the database's machine, so
 * it works whether or not an admin exists.
 */
export async function createAdminAccount(
  db: Kysely<Database>,
  input: { email: string; password: string },
  now: Date,
): Promise<Account> {
  const email = checkEmail(input.email, 'email');
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return runInTransaction(db, async (trx) => {
    const person = (await findPersonByEmail(trx, email)) ?? (await findLocalPerson(trx));
    return makeAdmin(trx, person, email, passwordHash, undefined, now);
  });
}

async function makeAdmin(
  db: Kysely<Database>,
  person: PersonRow,
  email: string,
  passwordHash: string,
  name: string | undefined,
  now: Date,
): Promise<Account> {
  if (person.email !== null && person.email !== email) {
    const message = `${person.name} already signs in as ${person.email}; give that email, or another person's`;
    throw new DomainError('conflict', message, [{ path: ['email'], message }]);
  }
  const taken = await findPersonByEmail(db, email);
  if (taken !== undefined && taken.id !== person.id) {
    const message = `${email} belongs to ${taken.name}`;
    throw new DomainError('conflict', message, [{ path: ['email'], message }]);
  }
  const trimmed = name?.trim();
  const updated =
    (await updatePerson(db, person.id, {
      email,
      isAdmin: 1,
      ...(trimmed === undefined || trimmed === '' ? {} : { name: trimmed.slice(0, 200) }),
    })) ?? person;
  const at = now.toISOString();
  const existing = await findAccount(db, person.id);
  const account: AccountRow =
    existing === undefined
      ? await insertAccount(db, { personId: person.id, passwordHash, now: at })
      : ((await updateAccount(db, person.id, { passwordHash, now: at })) ?? existing);
  return toAccount({ account, person: updated });
}

/** The demo's people who get accounts, by the part they play. */
export interface DemoAccountPeople {
  engineer: string;
  manager: string;
  skipLevel: string;
  admin: string;
}

/**
 * Gives the demo's four people accounts without a password, marked as demo
 * accounts: a server that runs the demo signs them in with one click, any
 * other server not at all (an admin can still give them a password with a
 * reset link). The engineer's email is made up from their name when they
 * have none (the local person).
 */
export async function createDemoAccounts(db: Kysely<Database>, people: DemoAccountPeople, now: Date): Promise<void> {
  await runInTransaction(db, async (trx) => {
    for (const [role, personId] of Object.entries(people) as [keyof DemoAccountPeople, string][]) {
      const person = await findPersonById(trx, personId);
      if (person === undefined) throw new Error(`the demo's ${role} is not in the database`);
      if (person.email === null) {
        await updatePerson(trx, person.id, { email: demoEmailOf(person.name) });
      }
      if (role === 'admin' && person.isAdmin !== 1) await updatePerson(trx, person.id, { isAdmin: 1 });
      if ((await findAccount(trx, personId)) !== undefined) continue;
      await insertAccount(trx, {
        personId,
        passwordHash: null,
        isDemo: true,
        now: now.toISOString(),
      });
    }
  });
}

function demoEmailOf(name: string): string {
  const local = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return `${local || 'demo'}@example.com`;
}

/** The part a demo account plays, as the sign-in page names it. */
export type DemoRole = 'engineer' | 'manager' | 'skip-level manager' | 'admin';

/** A demo account with the part it plays. */
export interface DemoAccount extends Account {
  role: DemoRole;
}

const DEMO_ROLE_ORDER: readonly DemoRole[] = ['engineer', 'manager', 'skip-level manager', 'admin'];

/** The demo accounts in the order engineer, manager, skip level, admin; empty when the database holds no demo. */
export async function demoAccounts(db: Kysely<Database>): Promise<DemoAccount[]> {
  if ((await getSetting(db, SETTING_KEYS.demoSeededAt)) === undefined) return [];
  const local = await findLocalPerson(db);
  const manager = local.managerId;
  const skipLevel = manager === null ? null : ((await findPersonById(db, manager))?.managerId ?? null);
  const roleOf = (account: Account): DemoRole =>
    account.isAdmin
      ? 'admin'
      : account.person.id === local.id
        ? 'engineer'
        : account.person.id === manager
          ? 'manager'
          : account.person.id === skipLevel
            ? 'skip-level manager'
            : 'engineer';
  return (await listDemoAccounts(db))
    .map(toAccount)
    .map((account) => ({ ...account, role: roleOf(account) }))
    .sort((a, b) => DEMO_ROLE_ORDER.indexOf(a.role) - DEMO_ROLE_ORDER.indexOf(b.role));
}

/** The demo account with this email, or undefined when there is none (or it is not a demo account). */
export async function findDemoAccount(db: Kysely<Database>, email: string): Promise<Account | undefined> {
  const found = await findAccountByEmail(db, normaliseEmail(email));
  return found === undefined || found.account.isDemo !== 1 ? undefined : toAccount(found);
}

/** A new reset link's token (shown once, in the link) and when it stops working. */
export interface ResetLink {
  token: string;
  expiresAt: string;
  person: PersonRow;
}

/**
 * An admin's one-time link for a person to set a new password (no mail
 * server needed: the admin hands it over). Works once, for 24 hours.
 */
export async function createResetLink(
  db: Kysely<Database>,
  input: { email: string; createdBy: string | null },
  now: Date,
): Promise<ResetLink> {
  const email = checkEmail(input.email);
  const found = await findAccountByEmail(db, email);
  if (found === undefined) {
    const message = `nobody with the email ${email} has an account`;
    throw new DomainError('input_invalid', message, [{ path: ['email'], message }]);
  }
  const token = randomSecret();
  const expiresAt = new Date(now.getTime() + RESET_LINK_TTL_MS).toISOString();
  await insertPasswordReset(db, {
    hash: sha256(token),
    personId: found.person.id,
    createdBy: input.createdBy,
    createdAt: now.toISOString(),
    expiresAt,
    usedAt: null,
  });
  return { token, expiresAt, person: found.person };
}

/**
 * Sets a new password with a reset link: once, before it expires. Every
 * session of the person ends, so a stolen session dies with the old password.
 */
export async function useResetLink(
  db: Kysely<Database>,
  input: { token: string; password: string },
  now: Date,
): Promise<Account> {
  checkPassword(input.password);
  const hashOfToken = sha256(input.token);
  const row = await findPasswordReset(db, hashOfToken);
  const invalid = (why: string) =>
    new DomainError('reset_link_invalid', `this password-reset link ${why}; ask an admin for a new one`);
  if (row === undefined) throw invalid('is not known');
  if (row.usedAt !== null) throw invalid('was already used');
  if (Date.parse(row.expiresAt) <= now.getTime()) throw invalid('has expired');
  const passwordHash = await hashPassword(input.password);
  return runInTransaction(db, async (trx) => {
    if (!(await markPasswordResetUsed(trx, hashOfToken, now.toISOString()))) throw invalid('was already used');
    const account = await updateAccount(trx, row.personId, { passwordHash, now: now.toISOString() });
    const person = await findPersonById(trx, row.personId);
    if (account === undefined || person === undefined) throw invalid('names an account that no longer exists');
    await deleteSessionsOf(trx, row.personId);
    return toAccount({ account, person });
  });
}
