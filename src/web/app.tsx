import { lazy, Suspense, useEffect, useMemo, useRef, type MouseEvent, type ReactNode } from 'react';
import { api, ApiError } from './api-client.js';
import { Link } from './components/link.js';
import { ErrorBoundary, ErrorView, Loading } from './components/status-views.js';
import { ToastProvider } from './components/toast.js';
import { navigate, useLocation } from './history-store.js';
import { NotFoundPage } from './pages/not-found.page.js';
import { ProgressPage } from './pages/progress.page.js';
import { SignInGate } from './pages/sign-in.page.js';
import { matchRoute, navSectionOf, type Route } from './router.js';
import { SessionContext, type Session } from './session.js';
import { adoptBrowserTimeZone } from './time-zone.js';
import { useResource } from './use-resource.js';

/**
 * The app shell: header, navigation, the demo notice, sign out, and the view
 * the address names (or the sign-in page when nobody is signed in). My progress is in the first bundle; every other view loads
 * when first opened, which keeps the first download small.
 */

const LadderPage = lazy(() => import('./pages/ladder.page.js').then((m) => ({ default: m.LadderPage })));
const LadderComparePage = lazy(() =>
  import('./pages/ladder-compare.page.js').then((m) => ({ default: m.LadderComparePage })),
);
const LevelPage = lazy(() => import('./pages/level.page.js').then((m) => ({ default: m.LevelPage })));
const CompetencyPage = lazy(() => import('./pages/competency.page.js').then((m) => ({ default: m.CompetencyPage })));
const AssessPage = lazy(() => import('./pages/assess.page.js').then((m) => ({ default: m.AssessPage })));
const EvidenceListPage = lazy(() =>
  import('./pages/evidence-list.page.js').then((m) => ({ default: m.EvidenceListPage })),
);
const EvidenceFormPage = lazy(() =>
  import('./pages/evidence-form.page.js').then((m) => ({ default: m.EvidenceFormPage })),
);
const HistoryPage = lazy(() => import('./pages/history.page.js').then((m) => ({ default: m.HistoryPage })));
const SecurityPage = lazy(() => import('./pages/security.page.js').then((m) => ({ default: m.SecurityPage })));
const TeamPage = lazy(() => import('./pages/team.page.js').then((m) => ({ default: m.TeamPage })));
const YourDataPage = lazy(() => import('./pages/your-data.page.js').then((m) => ({ default: m.YourDataPage })));
const DataAccessPage = lazy(() => import('./pages/data-access.page.js').then((m) => ({ default: m.DataAccessPage })));
const AuditLogPage = lazy(() => import('./pages/audit-log.page.js').then((m) => ({ default: m.AuditLogPage })));
const AdminImportPage = lazy(() =>
  import('./pages/admin-import.page.js').then((m) => ({ default: m.AdminImportPage })),
);
const AdminLadderPage = lazy(() =>
  import('./pages/admin-ladder.page.js').then((m) => ({ default: m.AdminLadderPage })),
);
const AdminPeoplePage = lazy(() =>
  import('./pages/admin-people.page.js').then((m) => ({ default: m.AdminPeoplePage })),
);
const AdminSettingsPage = lazy(() =>
  import('./pages/admin-settings.page.js').then((m) => ({ default: m.AdminSettingsPage })),
);
const ResetPasswordPage = lazy(() =>
  import('./pages/reset-password.page.js').then((m) => ({ default: m.ResetPasswordPage })),
);

/** The sections of the main navigation, in order. */
const NAV: ReadonlyArray<{ section: NonNullable<ReturnType<typeof navSectionOf>>; href: string; label: string }> = [
  { section: 'progress', href: '/progress', label: 'Progress' },
  { section: 'ladder', href: '/ladder', label: 'Ladder' },
  { section: 'assess', href: '/assess', label: 'Assess' },
  { section: 'evidence', href: '/evidence', label: 'Evidence' },
  { section: 'history', href: '/history', label: 'History' },
  // Only for people who manage someone: see the filter where the navigation is drawn.
  { section: 'team', href: '/team', label: 'Team' },
];

/** The view for a route. Keys make a view start afresh when its parameters change. */
function renderRoute(route: Route): ReactNode {
  switch (route.name) {
    case 'progress':
      return <ProgressPage />;
    case 'ladder':
      return <LadderPage />;
    case 'ladder-compare':
      return <LadderComparePage />;
    case 'level':
      return <LevelPage key={route.levelId} levelId={route.levelId} />;
    case 'competency':
      return <CompetencyPage key={route.competencyId} competencyId={route.competencyId} />;
    case 'assess':
      return <AssessPage competencyId={route.competencyId} />;
    case 'evidence-list':
      return <EvidenceListPage />;
    case 'evidence-new':
      return <EvidenceFormPage key="new" evidenceId={null} />;
    case 'evidence-edit':
      return <EvidenceFormPage key={route.evidenceId} evidenceId={route.evidenceId} />;
    case 'history':
      return <HistoryPage />;
    case 'team':
      return <TeamPage />;
    case 'person-progress':
      return <ProgressPage key={route.personId} personId={route.personId} />;
    case 'person-evidence':
      return <EvidenceListPage key={route.personId} personId={route.personId} />;
    case 'person-history':
      return <HistoryPage key={route.personId} personId={route.personId} />;
    case 'security':
      return <SecurityPage />;
    case 'your-data':
      return <YourDataPage />;
    case 'data-access':
      return <DataAccessPage />;
    case 'audit-log':
      return <AuditLogPage />;
    case 'admin-import':
      return <AdminImportPage />;
    case 'admin-ladder':
      return <AdminLadderPage />;
    case 'admin-settings':
      return <AdminSettingsPage />;
    case 'admin-people':
      return <AdminPeoplePage />;
    case 'reset-password':
      return <ResetPasswordPage />;
    case 'sign-in':
    case 'setup':
      // Signed in already: the shell moves on to My progress.
      return <Loading />;
    case 'not-found':
      return <NotFoundPage />;
  }
}

/** Skips to the main heading rather than to the fragment, so the router never sees "#main". */
function skipToContent(event: MouseEvent<HTMLAnchorElement>): void {
  const target = document.querySelector<HTMLElement>('#main h1') ?? document.getElementById('main');
  if (target === null) return;
  event.preventDefault();
  target.focus();
  target.scrollIntoView();
}

/** The whole web app. */
export function App() {
  const { pathname } = useLocation();
  const route = useMemo(() => matchRoute(pathname), [pathname]);
  const section = navSectionOf(route);
  const session = useResource<Session | 'signed-out'>('session', async () => {
    let me;
    try {
      // A person without a time zone gets this browser's, so the server's "today" is theirs.
      me = await api.getMe().then(adoptBrowserTimeZone);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return 'signed-out';
      throw error;
    }
    return { me, ladder: await api.getActiveLadder() };
  });
  const signedIn = session.status === 'ready' && session.data !== 'signed-out' ? session.data : null;
  const wasSignedIn = useRef(false);
  const { reload } = session;
  useEffect(() => {
    wasSignedIn.current = signedIn !== null;
  }, [signedIn]);
  // A 401 anywhere while signed in (the session ended elsewhere): back to the sign-in page.
  useEffect(() => api.onSignedOut(() => wasSignedIn.current && reload()), [reload]);
  useEffect(() => {
    if (signedIn !== null && (route.name === 'sign-in' || route.name === 'setup')) navigate('/', { replace: true });
  }, [signedIn, route.name]);

  const signOut = async () => {
    try {
      await api.signOut();
    } finally {
      reload();
    }
  };

  let content: ReactNode;
  if (route.name === 'reset-password') {
    // Setting a password with a reset link needs no session.
    content = (
      <Suspense fallback={<Loading />}>
        <ResetPasswordPage />
      </Suspense>
    );
  } else if (session.status === 'loading') content = <Loading label="Opening Longhaul…" />;
  else if (session.status === 'error') content = <ErrorView error={session.error} onRetry={session.reload} />;
  else if (signedIn === null) content = <SignInGate onSignedIn={reload} />;
  else {
    content = (
      <SessionContext.Provider value={signedIn}>
        <ErrorBoundary resetKey={pathname}>
          <Suspense fallback={<Loading />}>{renderRoute(route)}</Suspense>
        </ErrorBoundary>
      </SessionContext.Provider>
    );
  }

  return (
    <ToastProvider>
      <a className="skip-link" href="#main" onClick={skipToContent}>
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link href="/" className="brand">
            Longhaul
          </Link>
          {signedIn === null ? null : (
            <nav aria-label="Main" className="site-nav">
              <ul>
                {NAV.filter((item) => item.section !== 'team' || signedIn.me.directReports > 0).map((item) => (
                  <li key={item.section}>
                    <Link href={item.href} aria-current={section === item.section ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {signedIn === null ? null : (
            <div className="site-account" aria-label="Your account" role="group">
              <Link href="/settings/security" aria-current={route.name === 'security' ? 'page' : undefined}>
                Security
              </Link>
              <Link
                href="/settings/data"
                aria-current={route.name === 'your-data' || route.name === 'data-access' ? 'page' : undefined}
              >
                Your data
              </Link>
              {signedIn.me.isAdmin ? (
                <span className="site-admin" role="group" aria-label="Admin">
                  <Link href="/admin/people" aria-current={route.name === 'admin-people' ? 'page' : undefined}>
                    People
                  </Link>
                  <Link href="/admin/audit" aria-current={route.name === 'audit-log' ? 'page' : undefined}>
                    Audit log
                  </Link>
                  <Link href="/admin/import" aria-current={route.name === 'admin-import' ? 'page' : undefined}>
                    Import people
                  </Link>
                  <Link href="/admin/ladder" aria-current={route.name === 'admin-ladder' ? 'page' : undefined}>
                    Ladder versions
                  </Link>
                  <Link href="/admin/settings" aria-current={route.name === 'admin-settings' ? 'page' : undefined}>
                    Settings
                  </Link>
                </span>
              ) : null}
              <button type="button" className="button button--quiet button--small" onClick={() => void signOut()}>
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      {signedIn === null || signedIn.me.notice === null ? null : (
        <div className="mode-notice" data-testid="mode-notice">
          <p>{signedIn.me.notice}</p>
        </div>
      )}
      <main id="main" tabIndex={-1} className="site-main">
        {content}
      </main>
      <footer className="site-footer">
        <p>
          {signedIn !== null
            ? `Signed in as ${signedIn.me.person.name} · ${signedIn.ladder.title}`
            : 'Longhaul, career progression you can host yourself.'}
        </p>
      </footer>
    </ToastProvider>
  );
}
