import { DomainError } from '../core/domain-error.js';
import { findLocalPerson } from '../services/workspace.service.js';
import type { AppContext } from './app-context.js';
import type { Actor } from './policy.js';

/** The first step of every route: who is asking. Accounts will add a second authenticator beside these. */
export type Authenticator<A> = (app: AppContext) => Promise<A>;

/**
 * Local mode: until accounts exist, whoever reaches the server acts as the
 * installation's local person. The server binds to 127.0.0.1 by default for
 * that reason, and every page says so (see /api/me).
 */
export const localMode: Authenticator<Actor> = async (app) => {
  try {
    return { person: await findLocalPerson(app.db) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'person_not_found') {
      throw new DomainError('database_missing', error.message);
    }
    throw error;
  }
};

/** For probes, metrics and the API reference: no actor at all. */
export const anonymous: Authenticator<null> = async () => null;
