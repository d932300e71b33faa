import { lazy, Suspense, useMemo, type MouseEvent, type ReactNode } from 'react';
import { api } from './api-client.js';
import { Link } from './components/link.js';
import { ErrorBoundary, ErrorView, Loading } from './components/status-views.js';
import { ToastProvider } from './components/toast.js';
import { useLocation } from './history-store.js';
import { NotFoundPage } from './pages/not-found.page.js';
import { ProgressPage } from './pages/progress.page.js';
import { matchRoute, navSectionOf, type Route } from './router.js';
import { SessionContext, type Session } from './session.js';
import { adoptBrowserTimeZone } from './time-zone.js';
import { useResource } from './use-resource.js';

/**
 * The app shell: header, navigation, the local-mode notice, and the view the
 * address names. My progress is in the first bundle; every other view loads
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

/** The sections of the main navigation, in order. */
const NAV: ReadonlyArray<{ section: NonNullable<ReturnType<typeof navSectionOf>>; href: string; label: string }> = [
  { section: 'progress', href: '/progress', label: 'Progress' },
  { section: 'ladder', href: '/ladder', label: 'Ladder' },
  { section: 'assess', href: '/assess', label: 'Assess' },
  { section: 'evidence', href: '/evidence', label: 'Evidence' },
  { section: 'history', href: '/history', label: 'History' },
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
  const session = useResource<Session>('session', async () => {
    // A person without a time zone gets this browser's, so the server's "today" is theirs.
    const [me, ladder] = await Promise.all([api.getMe().then(adoptBrowserTimeZone), api.getActiveLadder()]);
    return { me, ladder };
  });

  let content: ReactNode;
  if (session.status === 'loading') content = <Loading label="Opening Longhaul…" />;
  else if (session.status === 'error') content = <ErrorView error={session.error} onRetry={session.reload} />;
  else {
    content = (
      <SessionContext.Provider value={session.data}>
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
          <nav aria-label="Main" className="site-nav">
            <ul>
              {NAV.map((item) => (
                <li key={item.section}>
                  <Link href={item.href} aria-current={section === item.section ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      {session.status === 'ready' ? (
        <div className="mode-notice" data-testid="mode-notice">
          <p>{session.data.me.notice}</p>
        </div>
      ) : null}
      <main id="main" tabIndex={-1} className="site-main">
        {content}
      </main>
      <footer className="site-footer">
        <p>
          {session.status === 'ready'
            ? `${session.data.me.person.name} · ${session.data.ladder.title}`
            : 'Longhaul, career progression you can host yourself.'}
        </p>
      </footer>
    </ToastProvider>
  );
}
