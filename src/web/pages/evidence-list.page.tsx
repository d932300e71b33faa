import type { Evidence } from '../../server/api-contract.js';
import { api, messageOf } from '../api-client.js';
import { Link } from '../components/link.js';
import { MarkdownView } from '../components/markdown-view.js';
import { Page } from '../components/page.js';
import { ErrorView, Loading } from '../components/status-views.js';
import { useToast } from '../components/toast.js';
import { deleteEvidenceWithUndo } from '../components/undoable-delete.js';
import { EVIDENCE_KINDS, kindLabel } from '../evidence-form.js';
import { formatDate, pluralise } from '../format.js';
import { navigate, useLocation } from '../history-store.js';
import { competenciesOn, competencyTitle, groupByCategory, trackOf } from '../ladder-view.js';
import { safeHref } from '../markdown.js';
import { pathOf } from '../router.js';
import { useSession } from '../session.js';
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
export function EvidenceListPage() {
  const { me, ladder } = useSession();
  const { search } = useLocation();
  const filters = readEvidenceFilters(search);
  const changes = useApiChanges();
  const list = useResource(`evidence:${me.person.id}:${evidenceQuery(filters)}:${changes}`, () =>
    api.listEvidence(me.person.id, filters),
  );
  const toast = useToast();
  const competencies = competenciesOn(ladder, trackOf(ladder));
  const groups = groupByCategory(ladder, competencies);

  const setFilters = (next: EvidenceFilters) => navigate(`/evidence${evidenceQuery(next)}`, { replace: true });
  const setFilter = (name: keyof EvidenceFilters, value: string) => setFilters({ ...filters, [name]: value });

  const remove = async (item: Evidence) => {
    try {
      await deleteEvidenceWithUndo(toast, item.id);
    } catch (error) {
      toast({ message: `The evidence could not be deleted: ${messageOf(error)}` });
    }
  };

  const items = list.status === 'ready' ? list.data : list.status === 'loading' ? list.previous : undefined;
  const filtered = hasEvidenceFilters(filters);

  return (
    <Page
      title="Evidence"
      lead={<p>What you have done, in your own words, tied to the competencies it shows.</p>}
      actions={
        <Link className="button" href={hrefWith('/evidence/new', { competency: filters.competency })}>
          Add evidence
        </Link>
      }
    >
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
          <Loading label="Loading your evidence…" />
        ) : null
      ) : (
        <section aria-labelledby="results-heading" aria-busy={list.status === 'loading'}>
          <h2 id="results-heading" className="visually-hidden">
            Results
          </h2>
          <p className="result-count" role="status" hidden={items.length === 0 && !filtered}>
            {filtered
              ? `${pluralise(items.length, 'piece')} of evidence match these filters.`
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
                <h2>No evidence yet</h2>
                <p>
                  Evidence is what your ratings rest on: an incident you led, a design you wrote, someone you mentored.
                </p>
                <p>
                  <Link className="button" href="/evidence/new">
                    Add your first evidence
                  </Link>
                </p>
              </div>
            )
          ) : (
            <ul className="evidence-list">
              {items.map((item) => (
                <li key={item.id}>
                  <EvidenceCard item={item} onDelete={() => void remove(item)} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </Page>
  );
}

/** One piece of evidence in the list. */
function EvidenceCard({ item, onDelete }: { item: Evidence; onDelete: () => void }) {
  const { ladder } = useSession();
  const titleId = `evidence-${item.id}`;
  return (
    <article className="evidence-card" aria-labelledby={titleId}>
      <header>
        <h3 id={titleId}>
          <Link href={pathOf('evidence', item.id, 'edit')}>{item.title}</Link>
        </h3>
        <p className="evidence-card__meta">
          <time dateTime={item.date}>{formatDate(item.date)}</time>
          <span aria-hidden="true"> · </span>
          <span className="visually-hidden">, </span>
          <span>{kindLabel(item.kind)}</span>
          <span aria-hidden="true"> · </span>
          <span className="visually-hidden">, </span>
          <span>{item.visibility === 'shared' ? 'Shared' : 'Private'}</span>
        </p>
        <ul className="tag-list" aria-label="Competencies">
          {item.competencyIds.map((id) => (
            <li key={id}>
              <Link className="tag" href={hrefWith('/evidence', { competency: id })}>
                {competencyTitle(ladder, id)}
              </Link>
            </li>
          ))}
        </ul>
      </header>
      {item.body.trim() === '' ? null : <MarkdownView source={item.body} headingBase={4} />}
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
      <p className="button-row">
        <Link className="button button--secondary button--small" href={pathOf('evidence', item.id, 'edit')}>
          Edit<span className="visually-hidden"> {item.title}</span>
        </Link>
        <button type="button" className="button button--danger button--small" onClick={onDelete}>
          Delete<span className="visually-hidden"> {item.title}</span>
        </button>
      </p>
    </article>
  );
}
