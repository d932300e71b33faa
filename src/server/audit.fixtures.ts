import { createApiToken } from '../services/api-token.service.js';
import { insertAccount } from '../store/account.repository.js';
import type { InsertPersonInput } from '../store/people.repository.js';
import type { PersonRow } from '../store/schema.js';
import { buildPerson, type TestRequest, type TestServer } from './test-server.fixtures.js';

/*
 * Test support for the audit and personal-data suites (not a test itself):
 * people who can sign in, each with their own API token.
 */

/** A person with an account and a personal API token, and requests sent as them. */
export interface SignedInPerson {
  person: PersonRow;
  token: string;
  request: TestRequest;
}

/** Adds a person with an account (no password) and an API token; `isAdmin: 1` makes an admin. */
export async function buildSignedInPerson(
  t: TestServer,
  overrides: Partial<InsertPersonInput> = {},
): Promise<SignedInPerson> {
  const person = await buildPerson(t.db, overrides);
  await insertAccount(t.db, { personId: person.id, passwordHash: null, now: new Date().toISOString() });
  const { token } = await createApiToken(
    t.db,
    person.id,
    { name: `token of ${person.name}`, expiresInDays: 30 },
    new Date(),
  );
  return {
    person,
    token,
    request: (method, path, body, headers = {}) =>
      t.anonymous(method, path, body, { authorization: `Bearer ${token}`, ...headers }),
  };
}
