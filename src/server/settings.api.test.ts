import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcClient } from '../services/oidc.service.js';
import { updatePerson } from '../store/people.repository.js';
import { InstallationSettings } from './api-contract.js';
import { buildPerson, startTestServer, type TestServer } from './test-server.fixtures.js';

/* The admin's settings page: what the server runs with, never a secret, and the organisation's size. */

const SECRET = 'the client secret nobody may read back';
let plain: TestServer;
let sso: TestServer;

beforeAll(async () => {
  plain = await startTestServer({ publicUrl: 'https://longhaul.example.com' });
  sso = await startTestServer({
    oidc: createOidcClient({
      issuer: 'https://id.example.com/realms/acme',
      clientId: 'longhaul',
      clientSecret: SECRET,
      redirectUri: 'https://longhaul.example.com/auth/oidc/callback',
    }),
  });
  await buildPerson(plain.db, { name: 'Ann Lee', team: 'Payments' });
  const gone = await buildPerson(plain.db, { name: 'Gil Gone', team: 'Search' });
  await updatePerson(plain.db, gone.id, { deactivatedAt: '2026-11-01T00:00:00.000Z' });
});

afterAll(async () => {
  await plain.close();
  await sso.close();
});

describe('the installation settings', () => {
  it('say how the server runs, the limits, and how big the organisation is', async () => {
    const response = await plain.request('GET', '/api/admin/settings');
    expect(response.status).toBe(200);
    const settings = InstallationSettings.parse(response.json);
    expect(settings.singleSignOn).toBeNull();
    expect(settings.publicUrl).toBe('https://longhaul.example.com');
    expect(settings.demo).toBe(false);
    expect(settings.sessions).toEqual({ idleHours: 24, absoluteDays: 14 });
    expect(settings.signInLimits).toEqual({ perAccount: 5, perAddress: 20, windowMinutes: 15 });
    expect(settings.apiTokenMaxDays).toBe(365);
    expect(settings.organisation).toEqual({ activePeople: 2, deactivatedPeople: 1, admins: 1, teams: 2 });
  });

  it('name the identity provider when single sign-on is on, and never its secret', async () => {
    const response = await sso.request('GET', '/api/admin/settings');
    const settings = InstallationSettings.parse(response.json);
    expect(settings.singleSignOn).toEqual({
      issuer: 'https://id.example.com/realms/acme',
      clientId: 'longhaul',
      redirectUri: 'https://longhaul.example.com/auth/oidc/callback',
    });
    expect(response.text).not.toContain(SECRET);
  });
});
