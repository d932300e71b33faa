import { Component, type ErrorInfo, type ReactNode } from 'react';
import { messageOf } from '../api-client.js';
import { Link } from './link.js';
import { Page } from './page.js';

/** A quiet "loading" line that screen readers announce once. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

/** Props of ErrorView. */
export interface ErrorViewProps {
  error: unknown;
  /** Offered as a "Try again" button when given. */
  onRetry?: () => void;
  title?: string;
}

/**
 * What a failed load shows: the server's message in its own words, never a
 * stack, and a way forward.
 */
export function ErrorView({ error, onRetry, title = 'Something went wrong' }: ErrorViewProps) {
  return (
    <section className="callout callout--error" role="alert" aria-labelledby="error-title">
      <h2 id="error-title">{title}</h2>
      <p data-testid="error-message">{messageOf(error)}</p>
      <p className="button-row">
        {onRetry === undefined ? null : (
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        )}
        <Link className="button button--secondary" href="/">
          Go to my progress
        </Link>
      </p>
    </section>
  );
}

interface BoundaryState {
  error: unknown;
  failed: boolean;
}

/**
 * Catches a crash while rendering a view and shows the error view instead of
 * a blank page. The details go to the console for us, not to the screen;
 * `resetKey` (the path) clears the error when the person moves on.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, BoundaryState> {
  override state: BoundaryState = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error, failed: true };
  }

  /** Moving to another address clears the error, without remounting views that stay (the wizard's steps). */
  override componentDidUpdate(previous: { resetKey: string }): void {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ error: null, failed: false });
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Longhaul could not show this view', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <Page title="This page could not be shown">
          <ErrorView error={this.state.error} onRetry={() => this.setState({ error: null, failed: false })} />
        </Page>
      );
    }
    return this.props.children;
  }
}
