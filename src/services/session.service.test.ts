import type { Kysely } from 'kysely';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../core/domain-error.js';
import { openDatabase } from '../store/database.js';
import { insertPerson } from '../store/people.repository.js';
import type { Database, PersonRow } from '../store/schema.js';
import {
  checkPassword,
  createAdminAccount,
  createFirstAdmin,
  createResetLink,
  hashPassword,
  RESET_LINK_TTL_MS,
  setupState,
  SIGN_IN_LIMITS,
  useResetLink,
} from './account.service.js';
import { createApiToken, listTokens, MAX_TOKEN_DAYS, resolveApiToken, revokeToken } from './api-token.service.js';
import { DEFAULT_LADDER_FILE, readLadderFile } from './ladder-files.js';
import {
  csrfTokenFor,
  endOtherSessions,
  endSession,
  listActiveSessions,
  resolveSession,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  signIn,
} from './session.service.js';
import { initialiseWorkspace, openWorkspace } from './workspace.service.js';

/*
 * Accounts, sessions, reset links, tokens and sign-in limits, with a pinned
 * clock: every expiry is tested at its edge. Run once per database, as the
 * store suite is (LONGHAUL_TEST_DIALECTS picks them).
 */

const DIALECTS = (process.env.LONGHAUL_TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());
const POSTGRES_URL = process.env.LONGHAUL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const T0 = new Date('2026-11-28T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const PASSWORD = 'correct horse battery staple';
const CLIENT = { address: '203.0.113.7', userAgent: 'test browser' };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

interface Harness {
  open(): Promise<{ db: Kysely<Database>; close(): Promise<void> }>;
}

const harnesses: Record<string, Harness> = {
  sqlite: {
    async open() {
      const workspace = await openWorkspace(':memory:', { create: true });
      return { db: workspace.db, close: () => workspace.close() };
    },
  },
  postgres: {
    async open() {
      const admin = new Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      const schema = `longhaul_test_accounts_${Math.random().toString(36).slice(2, 10)}`;
      await admin.query(`create schema "${schema}"`);
      const url = new URL(POSTGRES_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const db = await openDatabase({ kind: 'postgres', connectionString: url.toString() });
      return {
        db,
        async close() {
          await db.destroy();
          await admin.query(`drop schema if exists "${schema}" cascade`);
          await admin.end();
        },
      };
    },
  },
};

for (const dialect of DIALECTS) {
  const harness = harnesses[dialect];
  if (harness === undefined) throw new Error(`unknown dialect ${dialect}`);

  describe(`signing in (${dialect})`, () => {
    let db: Kysely<Database>;
    let close: () => Promise<void>;
    let sam: PersonRow;
    let kwame: PersonRow;

    beforeAll(async () => {
      ({ db, close } = await harness.open());
      const ladder = await readLadderFile(DEFAULT_LADDER_FILE);
      ({ person: sam } = await initialiseWorkspace(db, { ladder, personName: 'Sam Okafor' }));
      kwame = await insertPerson(db, { name: 'Kwame Asante', email: 'kwame@example.com' });
    });

    afterAll(async () => close?.());

    it('creates the first admin for the local person once, with an argon2id hash, and refuses a second', async () => {
      expect(await setupState(db)).toEqual({ adminExists: false, localPersonName: 'Sam Okafor' });
      const account = await createFirstAdmin(db, { email: ' Sam@Example.com ', password: PASSWORD }, T0);
      expect(account).toMatchObject({ isAdmin: true, person: { id: sam.id, email: 'sam@example.com' } });
      expect(await setupState(db)).toMatchObject({ adminExists: true });
      expect(await codeOf(createFirstAdmin(db, { email: 'other@example.com', password: PASSWORD }, T0))).toBe(
        'conflict',
      );
      const stored = await db.selectFrom('accounts').selectAll().where('personId', '=', sam.id).executeTakeFirst();
      expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(stored?.passwordHash).not.toContain(PASSWORD);
    });

    it('holds passwords to 12..256 characters and says so at the field', () => {
      expect(() => checkPassword('short')).toThrow(/has 5 characters; use at least 12/);
      expect(() => checkPassword('x'.repeat(257))).toThrow(/use at most 256/);
      expect(checkPassword('x'.repeat(12))).toBe('x'.repeat(12));
      try {
        checkPassword('short', 'password');
      } catch (error) {
        expect((error as DomainError).problems[0]?.path).toEqual(['password']);
      }
    });

    it('signs in with the right password into a new session each time, ending the one the browser came with', async () => {
      const first = await signIn(db, { email: 'sam@example.com', password: PASSWORD }, CLIENT, undefined, T0);
      expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(first.session.id).not.toBe(first.token);
      expect(first.csrfToken).toBe(csrfTokenFor(first.token));
      const second = await signIn(db, { email: 'SAM@example.com', password: PASSWORD }, CLIENT, first.token, T0);
      expect(second.token).not.toBe(first.token);
      expect(await codeOf(resolveSession(db, first.token, T0))).toBe('unauthenticated');
      expect((await resolveSession(db, second.token, T0)).account.person.id).toBe(sam.id);
      // No row holds the value itself.
      const rows = await db.selectFrom('sessions').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(second.token);
      await endSession(db, second.token);
      expect(await codeOf(resolveSession(db, second.token, T0))).toBe('unauthenticated');
    });

    it('ends a session after a day idle, and after 14 days whatever its use', async () => {
      const { token } = await signIn(db, { email: 'sam@example.com', password: PASSWORD }, CLIENT, undefined, T0);
      expect(await codeOf(resolveSession(db, token, at(SESSION_IDLE_MS - MINUTE)))).toBe('resolved');
      // The use above moved the idle clock on.
      expect(await codeOf(resolveSession(db, token, at(2 * SESSION_IDLE_MS - 2 * MINUTE)))).toBe('resolved');
      expect(await codeOf(resolveSession(db, token, at(4 * SESSION_IDLE_MS)))).toBe('unauthenticated');

      const busy = await signIn(db, { email: 'sam@example.com', password: PASSWORD }, CLIENT, undefined, T0);
      // Used every 23 hours 58 minutes: never idle for a day, until the fourteenth day ends it anyway.
      for (let t = SESSION_IDLE_MS - 2 * MINUTE; t < SESSION_ABSOLUTE_MS; t += SESSION_IDLE_MS - 2 * MINUTE) {
        expect(await codeOf(resolveSession(db, busy.token, at(t)))).toBe('resolved');
      }
      expect(await codeOf(resolveSession(db, busy.token, at(SESSION_ABSOLUTE_MS)))).toBe('unauthenticated');
    });

    it('signs out everywhere else: the other sessions end, the current one stays', async () => {
      const a = await signIn(db, { email: 'sam@example.com', password: PASSWORD }, CLIENT, undefined, T0);
      const b = await signIn(db, { email: 'sam@example.com', password: PASSWORD }, CLIENT, undefined, T0);
      expect((await listActiveSessions(db, sam.id, T0)).items.map((s) => s.id)).toContain(a.session.id);
      expect(await endOtherSessions(db, sam.id, b.session.id)).toBeGreaterThanOrEqual(1);
      expect(await codeOf(resolveSession(db, a.token, T0))).toBe('unauthenticated');
      expect(await codeOf(resolveSession(db, b.token, T0))).toBe('resolved');
      expect((await listActiveSessions(db, sam.id, T0)).items.map((s) => s.id)).toEqual([b.session.id]);
    });

    it('refuses a wrong password and an unknown email with the same sentence', async () => {
      const wrong = signIn(db, { email: 'sam@example.com', password: 'not the password' }, CLIENT, undefined, T0);
      await expect(wrong).rejects.toThrow('the email or the password is wrong');
      const unknown = signIn(db, { email: 'nobody@example.com', password: PASSWORD }, CLIENT, undefined, T0);
      await expect(unknown).rejects.toThrow('the email or the password is wrong');
    });

    it('limits failures per account: the sixth try in 15 minutes is refused, even with the right password', async () => {
      await createAdminAccount(db, { email: 'kwame@example.com', password: PASSWORD }, T0);
      const client = { address: '198.51.100.1' };
      const start = at(60 * MINUTE);
      for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i += 1) {
        const address = { address: `198.51.100.${10 + i}` };
        const attempt = signIn(
          db,
          { email: 'kwame@example.com', password: 'wrong password!' },
          address,
          undefined,
          start,
        );
        expect(await codeOf(attempt)).toBe('unauthenticated');
      }
      const blocked = signIn(
        db,
        { email: 'kwame@example.com', password: PASSWORD },
        client,
        undefined,
        at(61 * MINUTE),
      );
      const error = await blocked.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('rate_limited');
      expect((error as DomainError).retryAfterSeconds).toBe(14 * 60);
      // Once the window has passed, the right password works again, and it clears the account's count.
      const later = at(60 * MINUTE + SIGN_IN_LIMITS.windowMs);
      const ok = await signIn(db, { email: 'kwame@example.com', password: PASSWORD }, client, undefined, later);
      expect(ok.account.person.id).toBe(kwame.id);
    });

    it('limits failures per address: the 21st try in 15 minutes from one address is refused, whatever the account', async () => {
      const address = { address: '192.0.2.99' };
      const start = at(200 * MINUTE);
      for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i += 1) {
        const attempt = signIn(
          db,
          { email: `guess${i}@example.com`, password: 'wrong password!' },
          address,
          undefined,
          start,
        );
        expect(await codeOf(attempt)).toBe('unauthenticated');
      }
      const blocked = signIn(db, { email: 'sam@example.com', password: PASSWORD }, address, undefined, start);
      expect(await codeOf(blocked)).toBe('rate_limited');
      // Another address is not affected.
      const elsewhere = signIn(db, { email: 'sam@example.com', password: PASSWORD }, CLIENT, undefined, start);
      expect(await codeOf(elsewhere)).toBe('resolved');
    });

    it('sets a password with a reset link once, and not after it expired; the old sessions end', async () => {
      const session = await signIn(db, { email: 'sam@example.com', password: PASSWORD }, CLIENT, undefined, T0);
      const link = await createResetLink(db, { email: 'sam@example.com', createdBy: kwame.id }, T0);
      expect(link.expiresAt).toBe(at(RESET_LINK_TTL_MS).toISOString());
      const stored = await db.selectFrom('passwordResets').selectAll().execute();
      expect(JSON.stringify(stored)).not.toContain(link.token);

      const newPassword = 'a new password for sam';
      await useResetLink(db, { token: link.token, password: newPassword }, at(MINUTE));
      expect(await codeOf(resolveSession(db, session.token, at(MINUTE)))).toBe('unauthenticated');
      expect(await codeOf(useResetLink(db, { token: link.token, password: 'yet another password' }, at(MINUTE)))).toBe(
        'reset_link_invalid',
      );
      const ok = signIn(db, { email: 'sam@example.com', password: newPassword }, CLIENT, undefined, at(2 * MINUTE));
      expect(await codeOf(ok)).toBe('resolved');

      const late = await createResetLink(db, { email: 'sam@example.com', createdBy: null }, T0);
      expect(await codeOf(useResetLink(db, { token: late.token, password: PASSWORD }, at(RESET_LINK_TTL_MS)))).toBe(
        'reset_link_invalid',
      );
      expect(await codeOf(useResetLink(db, { token: 'made-up', password: PASSWORD }, T0))).toBe('reset_link_invalid');
      const weak = await createResetLink(db, { email: 'sam@example.com', createdBy: null }, T0);
      expect(await codeOf(useResetLink(db, { token: weak.token, password: 'short' }, T0))).toBe('input_invalid');
      // A refused password does not use the link up.
      expect(await codeOf(useResetLink(db, { token: weak.token, password: PASSWORD }, T0))).toBe('resolved');
    });

    it('makes API tokens that are shown once, stored hashed, expire, and stop working when revoked', async () => {
      const { token, info } = await createApiToken(db, sam.id, { name: 'backup script', expiresInDays: 30 }, T0);
      expect(token).toMatch(/^lh_[A-Za-z0-9_-]{43}$/);
      expect(info.prefix).toBe(token.slice(0, 11));
      expect(info.expiresAt).toBe(at(30 * 24 * 60 * MINUTE).toISOString());
      const rows = await db.selectFrom('apiTokens').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(token);

      expect((await resolveApiToken(db, token, at(MINUTE))).account.person.id).toBe(sam.id);
      expect((await listTokens(db, sam.id)).items.find((t) => t.id === info.id)?.lastUsedAt).toBe(
        at(MINUTE).toISOString(),
      );
      // Uses within a minute are not each written.
      await resolveApiToken(db, token, at(MINUTE + 1000));
      expect((await listTokens(db, sam.id)).items.find((t) => t.id === info.id)?.lastUsedAt).toBe(
        at(MINUTE).toISOString(),
      );

      expect(await codeOf(resolveApiToken(db, token, at(30 * 24 * 60 * MINUTE)))).toBe('unauthenticated');
      await revokeToken(db, info.id, at(2 * MINUTE));
      await expect(resolveApiToken(db, token, at(3 * MINUTE))).rejects.toThrow('this API token was revoked');
      expect(await codeOf(resolveApiToken(db, 'lh_not-a-token', T0))).toBe('unauthenticated');
    });

    it('requires a name and an expiry of 1 to 365 days', async () => {
      const bad = (name: string, days: number) => codeOf(createApiToken(db, sam.id, { name, expiresInDays: days }, T0));
      expect(await bad('', 30)).toBe('input_invalid');
      expect(await bad('ci', 0)).toBe('input_invalid');
      expect(await bad('ci', MAX_TOKEN_DAYS + 1)).toBe('input_invalid');
      expect(await bad('ci', MAX_TOKEN_DAYS)).toBe('resolved');
    });

    it('verifies the dummy hash in about the time of a real one (no account is revealed by timing)', async () => {
      const hash = await hashPassword(PASSWORD);
      expect(hash.startsWith('$argon2id$')).toBe(true);
      const time = async (email: string) => {
        const started = performance.now();
        await signIn(db, { email, password: 'wrong password!' }, { address: `t-${email}` }, undefined, T0).catch(
          () => undefined,
        );
        return performance.now() - started;
      };
      await time('warm@example.com');
      const known = await time('sam@example.com');
      const unknown = await time('nobody-at-all@example.com');
      expect(unknown).toBeGreaterThan(known / 4);
    });
  });
}
