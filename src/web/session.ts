import { createContext, useContext } from 'react';
import type { Ladder, Me } from '../server/api-contract.js';

/**
 * Who is using the app and the active ladder, loaded once at start-up: every
 * screen needs the person's id and most need the ladder.
 */
export interface Session {
  me: Me;
  ladder: Ladder;
}

/** Provided by the app shell once /api/me and /api/ladders/active have answered. */
export const SessionContext = createContext<Session | null>(null);

/** The session; only screens rendered inside the shell may call it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession is only available inside the app shell');
  return session;
}
