import { describe, expect, it } from 'vitest';
import { singleSignOnHref, singleSignOnProblem } from './single-sign-on.js';

describe('the single sign-on link', () => {
  it('returns to the page the person opened, with its query, but not to the sign-in page itself', () => {
    expect(singleSignOnHref({ pathname: '/evidence', search: '?kind=design' })).toBe(
      '/auth/oidc/start?returnTo=%2Fevidence%3Fkind%3Ddesign',
    );
    expect(singleSignOnHref({ pathname: '/', search: '' })).toBe('/auth/oidc/start');
    expect(singleSignOnHref({ pathname: '/sign-in', search: '?sso_error=state' })).toBe('/auth/oidc/start');
  });

  it('does not carry an earlier failure into the next attempt', () => {
    expect(singleSignOnHref({ pathname: '/history', search: '?sso_error=state&from=2026-01-01' })).toBe(
      '/auth/oidc/start?returnTo=%2Fhistory%3Ffrom%3D2026-01-01',
    );
  });
});

describe('what the sign-in page says after a failed single sign-on', () => {
  it('says nothing when no sign-in failed', () => {
    expect(singleSignOnProblem('')).toBeNull();
    expect(singleSignOnProblem('?returnTo=/x')).toBeNull();
  });

  it('tells the person what to do, by the reason the server gave', () => {
    expect(singleSignOnProblem('?sso_error=email_unknown')).toMatch(/nobody in this organisation has that email/);
    expect(singleSignOnProblem('?sso_error=email_unknown')).toMatch(/Ask an admin/);
    expect(singleSignOnProblem('?sso_error=provider_unreachable')).toMatch(/could not be reached/);
    expect(singleSignOnProblem('?sso_error=account_deactivated')).toMatch(/deactivated/);
  });

  it('shows only its own words: an unknown reason, or words put in the link, get a general sentence', () => {
    expect(singleSignOnProblem('?sso_error=Your%20account%20is%20locked,%20call%20555')).toBe(
      'Single sign-on did not sign you in. Try signing in again.',
    );
    expect(singleSignOnProblem('?sso_error=__proto__')).toBe(
      'Single sign-on did not sign you in. Try signing in again.',
    );
  });
});
