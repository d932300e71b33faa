import type { Expectation } from '../ladder-view.js';

/** Props of ExpectationDetail. */
export interface ExpectationDetailProps {
  expectation: Expectation;
  /** The heading level for "Signals" and "Not yet"; defaults to h4. */
  headingLevel?: 3 | 4 | 5;
  /** Shown in a disclosure (the default) or open on the page. */
  collapsible?: boolean;
  /** The words on the disclosure. */
  summary?: string;
}

/**
 * The signals (what the evidence looks like) and the "not yet" cases (what
 * does not count) of one expectation, tucked in a disclosure where space is
 * short.
 */
export function ExpectationDetail({
  expectation,
  headingLevel = 4,
  collapsible = true,
  summary = 'Signals and not yet',
}: ExpectationDetailProps) {
  const signals = expectation.signals ?? [];
  const notYet = expectation.notYet ?? [];
  if (signals.length === 0 && notYet.length === 0) return null;
  const Heading = `h${headingLevel}` as const;
  const body = (
    <div className="expectation-detail">
      {signals.length === 0 ? null : (
        <>
          <Heading className="detail-heading">Signals</Heading>
          <ul className="signals">
            {signals.map((signal) => (
              <li key={signal}>{signal}</li>
            ))}
          </ul>
        </>
      )}
      {notYet.length === 0 ? null : (
        <>
          <Heading className="detail-heading">Not yet</Heading>
          <ul className="not-yet">
            {notYet.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
  if (!collapsible) return body;
  return (
    <details className="disclosure">
      <summary>{summary}</summary>
      {body}
    </details>
  );
}
