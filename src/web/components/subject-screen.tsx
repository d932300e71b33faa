import { Fragment, type ReactNode } from 'react';
import { useSubject, type Subject } from '../subject.js';
import { Page } from './page.js';
import { ErrorView, Loading } from './status-views.js';

/**
 * A screen about a person: mine when `personId` is absent, else theirs once
 * loaded. While the person loads, or when they cannot be (unknown, or not
 * visible to the reader), the page says so under `title`; then `children`
 * draws the screen, keyed by the person so nothing of another's stays.
 */
export function SubjectScreen({
  personId,
  title,
  children,
}: {
  personId: string | undefined;
  title: string;
  children: (subject: Subject) => ReactNode;
}) {
  const subject = useSubject(personId);
  if (subject.status === 'error') {
    return (
      <Page title={title}>
        <ErrorView error={subject.error} onRetry={subject.reload} />
      </Page>
    );
  }
  if (subject.status === 'loading') {
    return (
      <Page title={title}>
        <Loading label="Opening the page…" />
      </Page>
    );
  }
  return <Fragment key={subject.data.id}>{children(subject.data)}</Fragment>;
}
