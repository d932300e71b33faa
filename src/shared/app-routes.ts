/*
 * The addresses of the web app, in one table that the browser and the server
 * both read: the web app's router picks a screen from it, and the server uses
 * it to tell an address of the app (answered 200 with the app) from an
 * unknown one (answered 404, still with the app, whose not-found view then
 * explains). Pure and layer-free, like everything in src/shared.
 */

/** The screens of the web app that have an address of their own. */
export type AppRouteName =
  | 'progress'
  | 'history'
  | 'ladder'
  | 'ladder-compare'
  | 'level'
  | 'competency'
  | 'assess'
  | 'evidence-list'
  | 'evidence-new'
  | 'evidence-edit'
  | 'sign-in'
  | 'setup'
  | 'reset-password'
  | 'security'
  | 'team'
  | 'person-progress'
  | 'person-evidence'
  | 'person-history'
  | 'your-data'
  | 'data-access'
  | 'audit-log'
  | 'admin-import'
  | 'admin-ladder'
  | 'admin-settings'
  | 'admin-people';

/** One address: literal segments and `:name` parameters, such as `/ladder/levels/:levelId`. */
export interface AppRoute {
  name: AppRouteName;
  pattern: string;
}

/** Every address of the web app. The first pattern that matches a path wins. */
export const APP_ROUTES: readonly AppRoute[] = [
  { name: 'progress', pattern: '/' },
  { name: 'progress', pattern: '/progress' },
  { name: 'history', pattern: '/history' },
  { name: 'ladder', pattern: '/ladder' },
  { name: 'ladder-compare', pattern: '/ladder/compare' },
  { name: 'level', pattern: '/ladder/levels/:levelId' },
  { name: 'competency', pattern: '/ladder/competencies/:competencyId' },
  { name: 'assess', pattern: '/assess' },
  { name: 'assess', pattern: '/assess/:competencyId' },
  { name: 'evidence-list', pattern: '/evidence' },
  { name: 'evidence-new', pattern: '/evidence/new' },
  { name: 'evidence-edit', pattern: '/evidence/:evidenceId/edit' },
  { name: 'sign-in', pattern: '/sign-in' },
  { name: 'setup', pattern: '/setup' },
  // The link's token is in the fragment (#…), which browsers never send: it stays out of server logs.
  { name: 'reset-password', pattern: '/reset-password' },
  { name: 'security', pattern: '/settings/security' },
  // A manager's view of their team, and of each report through the same screens as one's own.
  { name: 'team', pattern: '/team' },
  { name: 'person-progress', pattern: '/people/:personId' },
  { name: 'person-evidence', pattern: '/people/:personId/evidence' },
  { name: 'person-history', pattern: '/people/:personId/history' },
  { name: 'your-data', pattern: '/settings/data' },
  { name: 'data-access', pattern: '/settings/data/access' },
  { name: 'audit-log', pattern: '/admin/audit' },
  { name: 'admin-import', pattern: '/admin/import' },
  { name: 'admin-ladder', pattern: '/admin/ladder' },
  { name: 'admin-settings', pattern: '/admin/settings' },
  { name: 'admin-people', pattern: '/admin/people' },
];

/** A path the table knows: the screen, and the parameters the path carries, decoded. */
export interface AppRouteMatch {
  name: AppRouteName;
  params: Readonly<Record<string, string>>;
}

/** The path's segments, each percent-decoded; null when an escape is malformed. Trailing slashes are ignored. */
function segmentsOf(pathname: string): string[] | null {
  const parts = pathname.split('/').filter((part) => part !== '');
  try {
    return parts.map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
}

/**
 * Finds the address a path (without its query, still percent-encoded) names,
 * or null when the web app has no such page.
 */
export function matchAppPath(pathname: string): AppRouteMatch | null {
  const segments = segmentsOf(pathname);
  if (segments === null) return null;
  for (const route of APP_ROUTES) {
    const pattern = route.pattern.split('/').filter((part) => part !== '');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) {
        params[part.slice(1)] = segment;
        return true;
      }
      return part === segment;
    });
    if (matches) return { name: route.name, params };
  }
  return null;
}
