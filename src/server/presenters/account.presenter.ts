import type { Account, DemoAccount as DemoAccountRecord } from '../../services/account.service.js';
import type { ApiTokenInfo } from '../../services/api-token.service.js';
import type { NewSession, SessionInfo as SessionRecord } from '../../services/session.service.js';
import type { ApiToken, DemoAccount, SessionCreated, SessionInfo } from '../api-contract.js';
import { presentPerson } from './person.presenter.js';

/** A new session as its browser learns of it: never the cookie value, which travels only in Set-Cookie. */
export function presentSessionCreated(created: NewSession): SessionCreated {
  return {
    person: presentPerson(created.account.person),
    isAdmin: created.account.isAdmin,
    csrfToken: created.csrfToken,
    expiresAt: created.session.expiresAt,
  };
}

/** One of a person's sessions, marked when it is the one asking. */
export function presentSession(session: SessionRecord, currentId: string | undefined): SessionInfo {
  return {
    id: session.id.slice(0, 16),
    current: session.id === currentId,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    expiresAt: session.expiresAt,
    userAgent: session.userAgent,
    address: session.address,
  };
}

/** A demo account for the sign-in page: who it is and the part they play. */
export function presentDemoAccount(account: DemoAccountRecord): DemoAccount {
  return {
    name: account.person.name,
    email: account.person.email ?? '',
    title: account.person.title,
    team: account.person.team,
    role: account.role,
  };
}

/** A token as lists show it: never the token itself. */
export function presentApiToken(token: ApiTokenInfo): ApiToken {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}

/** Accounts carry no more than the person on the wire. */
export type { Account };
