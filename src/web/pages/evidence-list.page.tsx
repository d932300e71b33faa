import { useLayoutEffect, useRef, useState, type FocusEvent } from 'react';
import type { Evidence } from '../../server/api-contract.js';
import { api, messageOf } from '../api-client.js';
import { Link } from '../components/link.js';
import { MarkdownView } from '../components/markdown-view.js';
import { Page } from '../components/page.js';
import { ShowMore } from '../components/show-more.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { useToast } from '../components/toast.js';
import { deleteEvidenceWithUndo } from '../components/undoable-delete.js';
import { audienceLabel, EVIDENCE_KINDS, kindLabel } from '../evidence-form.js';
import { formatDate, pluralise } from '../format.js';
import { navigate, useLocation } from '../history-store.js';
import { competenciesOn, competencyTitle, groupByCategory, trackOf } from '../ladder-view.js';
import { safeHref } from '../../shared/markdown.js';
import { pathOf } from '../router.js';
import { useSession } from '../session.js';
import { PersonNav } from '../components/person-nav.js';
import { SubjectScreen } from '../components/subject-screen.js';
import { wordsFor, type Subject, type SubjectWords } from '../subject.js';
import { loadPages, usePageCount } from '../paged-list.js';
import { useApiChanges, useResource } from '../use-resource.js';
import {
  evidenceQuery,
  hasEvidenceFilters,
  hrefWith,
  NO_EVIDENCE_FILTERS,
  readEvidenceFilters,
  type EvidenceFilters,
} from '../url-state.js';

/**
 * My evidence (`/evidence?kind=&competency=&since=&until=`): the list, the
 * filters that live in the address bar, and delete with an Undo.
 */
export function EvidenceListPage({ personId }: { personId?: string } = {}) {
  return (
    <SubjectScreen personId={personId} title="Evidence">
      {(subject) => <SubjectEvidence subject={subject} />}
    </SubjectScreen>
  );
}

/** Someone's evidence: all of mine, with the controls to change it; only what is shared with me of anyone else's. */
function SubjectEvidence({ subject }: { subject: Subject }) {
  const { ladder } = useSession();
  const words = wordsFor(subject);
  const { search } = useLocation();
  const filters = readEvidenceFilters(search);
  const changes = useApiChanges();
  const listKey = `evidence:${subject.id}:${evidenceQuery(filters)}`;
  const { pages, showMore } = usePageCount(listKey);
  const list = useResource(`${listKey}:${pages}:${changes}`, () =>
    loadPages((cursor) => api.listEvidence(subject.id, filters, { cursor }), pages),
  );
  const toast = useToast();
  const competencies = competenciesOn(ladder, trackOf(ladder));
  const groups = groupByCategory(ladder, competencies);

  const setFilters = (next: EvidenceFilters) =>
    navigate(`${words.evidenceHref}${evidenceQuery(next)}`, { replace: true });
  const setFilter = (name: keyof EvidenceFilters, value: string) => setFilters({ ...filters, [name]: value });

  const remove = async (item: Evidence) => {
    try {
      await deleteEvidenceWithUndo(toast, item.id);
    } catch (error) {
      toast({ message: `The evidence could not be deleted: ${messageOf(error)}` });
    }
  };

  const loaded = list.status === 'ready' ? list.data : list.status === 'loading' ? list.previous : undefined;
  const items = loaded?.items;
  const more = loaded?.more === true;
  const filtered = hasEvidenceFilters(filters);

  return (
    <Page
      title={subject.isMe ? 'Evidence' : `${subject.name}'s evidence`}
      lead={
        subject.isMe ? (
          <p>What you have done, in your own words, tied to the competencies it shows.</p>
        ) : (
          <p>What {subject.name} has chosen to share with you. Only they decide who sees each piece.</p>
        )
      }
      actions={
        subject.isMe ? (
          <Link className="button" href={hrefWith('/evidence/new', { competency: filters.competency })}>
            Add evidence
          </Link>
        ) : undefined
      }
    >
      <PersonNav subject={subject} current="evidence" />
      {items !== undefined && items.length === 0 && !filtered ? null : (
        <form
          role="search"
          aria-label="Filter evidence"
          className="filters"
          onSubmit={(event) => event.preventDefault()}
        >
          <div className="field">
            <label htmlFor="filter-kind">Kind</label>
            <select id="filter-kind" value={filters.kind} onChange={(event) => setFilter('kind', event.target.value)}>
              <option value="">All kinds</option>
              {EVIDENCE_KINDS.map((kind) => (
                <option key={kind.id} value={kind.id}>
                  {kind.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-competency">Competency</label>
            <select
              id="filter-competency"
              value={filters.competency}
              onChange={(event) => setFilter('competency', event.target.value)}
            >
              <option value="">All competencies</option>
              {groups.map((group) => (
                <optgroup key={group.category.id} label={group.category.title}>
                  {group.competencies.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-since">From date</label>
            <input
              id="filter-since"
              type="date"
              value={filters.since}
              max={filters.until === '' ? undefined : filters.until}
              onChange={(event) => setFilter('since', event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="filter-until">To date</label>
            <input
              id="filter-until"
              type="date"
              value={filters.until}
              min={filters.since === '' ? undefined : filters.since}
              onChange={(event) => setFilter('until', event.target.value)}
            />
          </div>
          {filtered ? (
            <button type="button" className="button button--quiet" onClick={() => setFilters(NO_EVIDENCE_FILTERS)}>
              Clear filters
            </button>
          ) : null}
        </form>
      )}

      {list.status === 'error' ? <ErrorView error={list.error} onRetry={list.reload} /> : null}
      {items === undefined ? (
        list.status === 'loading' ? (
          <Loading label={subject.isMe ? 'Loading your evidence…' : `Loading ${subject.name}'s evidence…`} />
        ) : null
      ) : (
        <section aria-labelledby="results-heading" aria-busy={list.status === 'loading'}>
          <h2 id="results-heading" className="visually-hidden">
            Results
          </h2>
          <p className="result-count" role="status" hidden={items.length === 0 && !filtered}>
            {more
              ? `The newest ${pluralise(items.length, 'piece')} of evidence${filtered ? ' that match these filters' : ''}; older ones follow.`
              : filtered
                ? `${pluralise(items.length, 'piece')} of evidence ${items.length === 1 ? 'matches' : 'match'} these filters.`
                : `${pluralise(items.length, 'piece')} of evidence.`}
          </p>
          {items.length === 0 ? (
            filtered ? (
              <div className="empty-state">
                <p>No evidence matches these filters.</p>
                <p>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => setFilters(NO_EVIDENCE_FILTERS)}
                  >
                    Clear filters
                  </button>
                </p>
              </div>
            ) : (
              <div className="empty-state">
                {subject.isMe ? (
                  <>
                    <h2>No evidence yet</h2>
                    <p>
                      Evidence is what your ratings rest on: an incident you led, a design you wrote, someone you
                      mentored.
                    </p>
                    <p>
                      <Link className="button" href="/evidence/new">
                        Add your first evidence
                      </Link>
                    </p>
                  </>
                ) : (
                  <>
                    <h2>Nothing shared with you yet</h2>
                    <p>
                      {subject.name} has not shared any evidence with you. Evidence stays private until its author
                      shares it.
                    </p>
                  </>
                )}
              </div>
            )
          ) : (
            <>
              <ul className="evidence-list">
                {items.map((item) => (
                  <li key={item.id}>
                    <EvidenceCard
                      item={item}
                      words={words}
                      onDelete={subject.isMe ? () => void remove(item) : undefined}
                    />
                  </li>
                ))}
              </ul>
              {more ? (
                <ShowMore
                  label="Show older evidence"
                  loadingLabel="Loading older evidence…"
                  loading={list.status === 'loading'}
                  onMore={showMore}
                />
              ) : null}
            </>
          )}
        </section>
      )}
    </Page>
  );
}

/** One piece of evidence in the list. */
function EvidenceCard({
  item,
  words,
  onDelete,
}: {
  item: Evidence;
  words: SubjectWords;
  /** Absent on someone else's evidence, which only its author changes. */
  onDelete: (() => void) | undefined;
}) {
  const { ladder } = useSession();
  const titleId = `evidence-${item.id}`;
  return (
    <article className="evidence-card" aria-labelledby={titleId}>
      <header>
        <h3 id={titleId}>
          {onDelete === undefined ? item.title : <Link href={pathOf('evidence', item.id, 'edit')}>{item.title}</Link>}
        </h3>
        <p className="evidence-card__meta">
          <time dateTime={item.date}>{formatDate(item.date)}</time>
          <span aria-hidden="true"> · </span>
          <span className="visually-hidden">, </span>
          <span>{kindLabel(item.kind)}</span>
          <span aria-hidden="true"> · </span>
          <span className="visually-hidden">, </span>
          <span>{audienceLabel(item)}</span>
        </p>
        <ul className="tag-list" aria-label="Competencies">
          {item.competencyIds.map((id) => (
            <li key={id}>
              <Link className="tag" href={hrefWith(words.evidenceHref, { competency: id })}>
                {competencyTitle(ladder, id)}
              </Link>
            </li>
          ))}
        </ul>
      </header>
      {item.body.trim() === '' ? null : <EvidenceBody id={`${titleId}-body`} title={item.title} source={item.body} />}
      {item.links.length === 0 ? null : (
        <ul className="evidence-card__links" aria-label="Links">
          {item.links.map((link) => {
            const href = safeHref(link);
            return (
              <li key={link}>
                {href === null ? (
                  link
                ) : (
                  <a href={href} rel="noopener noreferrer">
                    {link}
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {onDelete === undefined ? null : (
        <p className="button-row">
          <Link className="button button--secondary button--small" href={pathOf('evidence', item.id, 'edit')}>
            Edit<span className="visually-hidden"> {item.title}</span>
          </Link>
          <button type="button" className="button button--danger button--small" onClick={onDelete}>
            Delete<span className="visually-hidden"> {item.title}</span>
          </button>
        </p>
      )}
    </article>
  );
}

/** How tall a folded body stands, in rem. */
const FOLD_REM = 18;
/** A body only this much taller than the fold (in rem) shows whole: folding it would hide a line or two. */
const FOLD_SLACK_REM = 6;

/**
 * The body of a piece of evidence. A body much taller than the fold (a few
 * paragraphs) is cut there with a "Show more" button, so one long write-up
 * does not push the rest of the list out of sight; a shorter one shows whole,
 * with no button. Whether it is taller is measured, not guessed from its
 * length, because a table or a list is taller than its characters suggest.
 */
function EvidenceBody({ id, title, source }: { id: string; title: string; source: string }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [foldable, setFoldable] = useState(false);

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (box === null) return;
    const measure = () => {
      const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setFoldable(box.scrollHeight > (FOLD_REM + FOLD_SLACK_REM) * rem);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    // The box (its width) and its content (images that load) can both change the answer.
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild !== null) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, [source]);

  const folded = foldable && !expanded;
  // A link below the fold that gets keyboard focus unfolds the body, so focus never lands out of sight.
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const box = boxRef.current;
    if (!folded || box === null) return;
    // Focus scrolls even a box that hides its overflow; measure from the top of the content, not of the view.
    const bottom = event.target.getBoundingClientRect().bottom - box.getBoundingClientRect().top + box.scrollTop;
    if (bottom > box.clientHeight) {
      box.scrollTop = 0;
      setExpanded(true);
    }
  };
  const toggle = () => {
    setExpanded(!expanded);
    if (expanded) requestAnimationFrame(() => buttonRef.current?.scrollIntoView({ block: 'nearest' }));
  };

  return (
    <>
      <div
        id={id}
        ref={boxRef}
        className={folded ? 'evidence-card__body is-folded' : 'evidence-card__body'}
        style={folded ? { maxHeight: `${FOLD_REM}rem` } : undefined}
        onFocus={onFocus}
      >
        <MarkdownView source={source} headingBase={4} />
      </div>
      {foldable ? (
        <p className="evidence-card__fold">
          <button
            ref={buttonRef}
            type="button"
            className="button button--quiet button--small"
            aria-expanded={expanded}
            aria-controls={id}
            onClick={toggle}
          >
            {expanded ? 'Show less' : 'Show more'}
            <span className="visually-hidden"> of {title}</span>
          </button>
        </p>
      ) : null}
    </>
  );
}
