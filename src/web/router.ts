/**
 * The client-side route table: which screen a path shows and with which
 * parameters. Pure, so the table can be tested without a browser; the
 * History API side lives in history-store.ts.
 */

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
  | { name: 'not-found' };

/** The names of the routes, for the navigation and page titles. */
export type RouteName = Route['name'];

/** Splits a path into decoded segments; a malformed escape makes the path unknown. */
function segmentsOf(pathname: string): string[] | null {
  const trimmed = pathname.replace(/\/+$/, '');
  const parts = trimmed.split('/').filter((part) => part !== '');
  try {
    return parts.map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
}

/** Finds the screen for a path (without its query); unknown paths get the 404 view. */
export function matchRoute(pathname: string): Route {
  const segments = segmentsOf(pathname);
  if (segments === null) return { name: 'not-found' };
  const [first, second, third, ...rest] = segments;
  if (rest.length > 0) return { name: 'not-found' };

  if (first === undefined) return { name: 'progress' };
  if (first === 'progress' && second === undefined) return { name: 'progress' };
  if (first === 'history' && second === undefined) return { name: 'history' };

  if (first === 'ladder') {
    if (second === undefined) return { name: 'ladder' };
    if (second === 'compare' && third === undefined) return { name: 'ladder-compare' };
    if (second === 'levels' && third !== undefined) return { name: 'level', levelId: third };
    if (second === 'competencies' && third !== undefined) return { name: 'competency', competencyId: third };
    return { name: 'not-found' };
  }

  if (first === 'assess' && third === undefined) return { name: 'assess', competencyId: second ?? null };

  if (first === 'evidence') {
    if (second === undefined) return { name: 'evidence-list' };
    if (second === 'new' && third === undefined) return { name: 'evidence-new' };
    if (third === 'edit') return { name: 'evidence-edit', evidenceId: second };
  }
  return { name: 'not-found' };
}

/** The section of the main navigation a route belongs to, for aria-current. */
export function navSectionOf(route: Route): 'progress' | 'ladder' | 'assess' | 'evidence' | 'history' | null {
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
    case 'not-found':
      return null;
  }
}

/** Builds a path from segments, escaping each one, so ids with odd characters survive. */
export function pathOf(...segments: string[]): string {
  return `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}
