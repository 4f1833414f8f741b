/** The office and public app: one shell, routes chosen by path. */
import { useEffect, useState } from 'preact/hooks';
import { describeError, SESSION_ENDED } from './api.ts';
import { lazy } from './lazy.tsx';
import { Link, match, navigate, useLocation } from './router.tsx';
import { currentSession, logout, type Role, type Session } from './session.ts';
import { LoginPage } from './pages/login.tsx';
import { ReportPage } from './pages/report.tsx';
import { TrackPage } from './pages/track.tsx';
import { PublicReportPage } from './pages/public-report.tsx';
import { UnsubscribePage } from './pages/unsubscribe.tsx';
import { CleanlinessWardsPage, WardCleanlinessPage } from './pages/ward-cleanliness.tsx';

const DispatchPage = lazy(() => import('./pages/dispatch.tsx'));
const WorkOrderPage = lazy(() => import('./pages/work-order.tsx'));
const CouncillorPage = lazy(() => import('./pages/councillor.tsx'));
const AdminPage = lazy(() => import('./pages/admin.tsx'));
const ExportsPage = lazy(() => import('./pages/exports.tsx'));

/** Where each role lands after logging in. */
export function homeFor(role: Role): string {
  if (role === 'councillor') return '/councillor';
  if (role === 'admin') return '/admin';
  if (role === 'crew_lead' || role === 'inspector') return '/crew';
  return '/dispatch';
}

const NAV: { href: string; label: string; roles: Role[] }[] = [
  { href: '/dispatch', label: 'Triage & map', roles: ['admin', 'dispatcher'] },
  { href: '/dispatch/crews', label: 'Crews today', roles: ['admin', 'dispatcher'] },
  { href: '/councillor', label: 'Ward dashboard', roles: ['councillor', 'admin'] },
  { href: '/exports', label: 'Exports', roles: ['admin', 'dispatcher'] },
  { href: '/admin', label: 'Admin', roles: ['admin'] },
];

export function App() {
  const { path } = useLocation();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  const isPublic = path === '/' || path.startsWith('/report') || path.startsWith('/track/') || path.startsWith('/unsubscribe/') || path === '/cleanliness' || path.startsWith('/cleanliness/');
  // Residents never need a session; staff pages ask once.
  const needsSession = !isPublic && session === undefined;
  useEffect(() => {
    if (!needsSession) return;
    currentSession().then(setSession, (e) => {
      setSession(null);
      setError(describeError(e));
    });
  }, [needsSession]);
  useEffect(() => {
    const ended = () => setSession(null);
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, []);

  useEffect(() => {
    if (path === '/login' && session) navigate(homeFor(session.user.role), { replace: true });
  }, [path, session]);

  /** After logging in: the crew tablet app is a separate page; everything else stays in this app. */
  const afterLogin = (s: Session, to: string) => {
    setSession(s);
    if (s.user.role === 'crew_lead' || s.user.role === 'inspector') location.assign('/crew');
    else navigate(to, { replace: true });
  };
  useEffect(() => {
    document.title = isPublic ? 'Report a street problem – Kerbside' : 'Kerbside office';
  }, [isPublic]);

  let page;
  let params: Record<string, string> | null;
  if (path === '/' || path === '/report') page = <ReportPage />;
  else if ((params = match('/track/:token', path))) page = <TrackPage token={params.token} />;
  else if ((params = match('/reports/:reference', path))) page = <PublicReportPage reference={params.reference} />;
  else if ((params = match('/unsubscribe/:token', path))) page = <UnsubscribePage token={params.token} />;
  else if (path === '/cleanliness') page = <CleanlinessWardsPage />;
  else if ((params = match('/cleanliness/:code', path))) page = <WardCleanlinessPage code={params.code} />;
  else if (path === '/login') page = <LoginPage onLogin={(s) => afterLogin(s, homeFor(s.user.role))} />;
  else if (session === undefined) page = <p class="page"><span class="spinner" aria-hidden="true" /> Loading…</p>;
  else if (session === null) page = <LoginPage onLogin={(s) => afterLogin(s, location.pathname + location.search)} />;
  else page = <OfficeRoute path={path} session={session} />;

  return (
    <>
      <a class="skip-link" href="#main">Skip to main content</a>
      <header class="topbar">
        <Link class="brand" href={session && !isPublic ? homeFor(session.user.role) : '/'}>Kerbside</Link>
        {session && !isPublic && (
          <nav aria-label="Main">
            {NAV.filter((n) => n.roles.includes(session.user.role)).map((n) => (
              <Link key={n.href} href={n.href} aria-current={path === n.href || (n.href === '/admin' && path.startsWith('/admin/')) ? 'page' : undefined}>{n.label}</Link>
            ))}
          </nav>
        )}
        <div class="who">
          {session && !isPublic ? (
            <>
              <span>{session.user.name}</span>
              <button class="linklike" onClick={async () => { await logout(); setSession(null); navigate('/login'); }}>Log out</button>
            </>
          ) : isPublic ? (
            <Link href="/login">Staff login</Link>
          ) : null}
        </div>
      </header>
      {error && <p class="banner error" role="alert">{error}</p>}
      <main id="main" tabIndex={-1}>{page}</main>
    </>
  );
}

function OfficeRoute({ path, session }: { path: string; session: Session }) {
  const role = session.user.role;
  const staff = role === 'admin' || role === 'dispatcher';
  let params: Record<string, string> | null;
  if (staff && (path === '/dispatch' || path === '/dispatch/crews')) return <DispatchPage session={session} view={path === '/dispatch' ? 'triage' : 'crews'} />;
  if (staff && (params = match('/work-orders/:id', path))) return <WorkOrderPage id={params.id} />;
  if (staff && path === '/exports') return <ExportsPage />;
  if ((role === 'councillor' || role === 'admin') && path === '/councillor') return <CouncillorPage session={session} />;
  if (role === 'admin' && (path === '/admin' || path.startsWith('/admin/'))) return <AdminPage path={path} />;
  return (
    <div class="page">
      <h1>Page not found</h1>
      <p>There is nothing here for your account. <Link href={homeFor(role)}>Go to your start page</Link>.</p>
    </div>
  );
}
