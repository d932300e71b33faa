import { useEffect, useRef, type ReactNode } from 'react';
import { hasNavigated, useLocation } from '../history-store.js';

/** Props of Page. */
export interface PageProps {
  /** The main heading, also used for the document title. */
  title: string;
  /** A short line above the heading, such as "Self-assessment · step 2 of 11". */
  eyebrow?: ReactNode;
  /** A sentence or two under the heading. */
  lead?: ReactNode;
  /** Buttons or links that act on the whole page, shown beside the heading. */
  actions?: ReactNode;
  children?: ReactNode;
}

/**
 * The frame of every view: its h1, the document title, and the focus. After
 * a navigation the heading takes the focus, so a screen reader announces the
 * new view and the next Tab starts from the top of its content.
 */
export function Page({ title, eyebrow, lead, actions, children }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    document.title = `${title} · Longhaul`;
  }, [title]);

  useEffect(() => {
    if (hasNavigated() && pathname !== '') heading.current?.focus();
  }, [pathname]);

  return (
    <>
      <div className="page-head">
        <div className="page-head__text">
          {eyebrow === undefined ? null : <p className="eyebrow">{eyebrow}</p>}
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {lead === undefined ? null : <div className="lead">{lead}</div>}
        </div>
        {actions === undefined ? null : <div className="page-head__actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}
