/**
 * The client-side route table: which screen a path shows and with which
 * parameters. Pure, so the table can be tested without a browser; the
 * History API side lives in history-store.ts.
 */

import { matchAppPath } from '../shared/app-routes.js';

/** Every screen of the web app, with the parameters its path carries. */
export type Route =
  | { name: 'progress' }
  | { name: 'ladder' }
  | { name: 'ladder-compare' }
  | { name: 'level'; levelId: string }
  | { name: 'competency'; competencyId: string }
  | { name: 'assess'; competencyId: string | null }
  | { name: 'evidence-list' }
  | { name: 'evidence-new' }
  | { name: 'evidence-edit'; evidenceId: string }
  | { name: 'history' }
  | { name: 'sign-in' }
  | { name: 'setup' }
  | { name: 'reset-password' }
  | { name: 'security' }
  | { name: 'team' }
  | { name: 'person-progress'; personId: string }
  | { name: 'person-evidence'; personId: string }
  | { name: 'person-history'; personId: string }
  | { name: 'your-data' }
  | { name: 'data-access' }
  | { name: 'audit-log' }
  | { name: 'admin-import' }
  | { name: 'admin-ladder' }
  | { name: 'admin-settings' }
  | { name: 'admin-people' }
  | { name: 'not-found' };

/** The names of the routes, for the navigation and page titles. */
export type RouteName = Route['name'];

/**
 * Finds the screen for a path (without its query); unknown paths get the 404
 * view. The addresses live in src/shared/app-routes.ts, which the server reads
 * too, so it answers 404 for exactly the paths this view is shown for.
 */
export function matchRoute(pathname: string): Route {
  const match = matchAppPath(pathname);
  if (match === null) return { name: 'not-found' };
  const param = (name: string) => match.params[name] ?? '';
  switch (match.name) {
    case 'level':
      return { name: 'level', levelId: param('levelId') };
    case 'competency':
      return { name: 'competency', competencyId: param('competencyId') };
    case 'assess':
      return { name: 'assess', competencyId: match.params['competencyId'] ?? null };
    case 'evidence-edit':
      return { name: 'evidence-edit', evidenceId: param('evidenceId') };
    case 'person-progress':
    case 'person-evidence':
    case 'person-history':
      return { name: match.name, personId: param('personId') };
    default:
      return { name: match.name };
  }
}

/** The section of the main navigation a route belongs to, for aria-current. */
export function navSectionOf(route: Route): 'progress' | 'ladder' | 'assess' | 'evidence' | 'history' | 'team' | null {
  switch (route.name) {
    case 'progress':
      return 'progress';
    case 'ladder':
    case 'ladder-compare':
    case 'level':
    case 'competency':
      return 'ladder';
    case 'assess':
      return 'assess';
    case 'evidence-list':
    case 'evidence-new':
    case 'evidence-edit':
      return 'evidence';
    case 'history':
      return 'history';
    // Someone else's screens belong to the team they were opened from.
    case 'team':
    case 'person-progress':
    case 'person-evidence':
    case 'person-history':
      return 'team';
    case 'sign-in':
    case 'setup':
    case 'reset-password':
    case 'security':
    case 'your-data':
    case 'data-access':
    case 'audit-log':
    case 'admin-import':
    case 'admin-ladder':
    case 'admin-settings':
    case 'admin-people':
    case 'not-found':
      return null;
  }
}

/** Builds a path from segments, escaping each one, so ids with odd characters survive. */
export function pathOf(...segments: string[]): string {
  return `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}
