import { Link } from '../components/link.js';
import { Page } from '../components/page.js';
import { useLocation } from '../history-store.js';

/** The view for an address the app does not know. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Page title="Page not found">
      <p>
        There is no page at <code>{pathname}</code>. The link may be old, or the address may have a typing mistake in
        it.
      </p>
      <p>
        <Link className="button" href="/">
          Go to my progress
        </Link>
      </p>
    </Page>
  );
}
