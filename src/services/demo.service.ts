import type { Kysely } from 'kysely';
import { DomainError } from '../core/domain-error.js';
import {
  competenciesOf,
  findTrack,
  NOT_OBSERVED,
  ratingScale,
  resolveCompetency,
  type Ladder,
  type ScaleStep,
} from '../core/ladder.js';
import type { Competency, Level, Track } from '../core/ladder.schema.js';
import { listAssessments } from '../store/assessment.repository.js';
import { runInTransaction } from '../store/database.js';
import { listEvidence } from '../store/evidence.repository.js';
import { findPersonById, insertPerson, listPeople, updatePerson } from '../store/people.repository.js';
import type { Database, EvidenceKind, EvidenceVisibility, PersonRow } from '../store/schema.js';
import { getSetting, SETTING_KEYS } from '../store/settings.repository.js';
import { recordAssessment } from './assessment.service.js';
import { isIsoDate, logEvidence } from './evidence.service.js';

/** How much the demo organisation contains, for the command that seeded it to report. */
export interface DemoSummary {
  /** Everyone in the database afterwards, the local person included. */
  people: number;
  teams: number;
  /** Pieces of evidence recorded, across everyone. */
  evidence: number;
  /** Self and manager assessments recorded, across everyone. */
  assessments: number;
}

/** What seeding needs besides the database and the ladder. */
export interface SeedDemoOptions {
  /** `YYYY-MM-DD`; every date of the demo history lies on or before it, none after. */
  today: string;
  /** Picks one of many equally plausible organisations; the same seed always gives the same one. */
  seed?: number;
  /** The person `longhaul init` created; they join Payments and get the richest history. */
  localPersonId: string;
}

/**
 * Fills an empty, initialised database with a demo organisation. Deterministic: same seed, same data.
 *
 * A first-time visitor should meet a living product rather than an empty
 * screen: forty people in five teams with a year of evidence and assessments,
 * and their own person placed in one team with a history that shows growth.
 * Everything goes through the same services a real user's input does, so the
 * demo can never hold data the product would refuse, and runs in one
 * transaction, so it is fast and a failure leaves the database as it was.
 *
 * @throws DomainError `input_invalid` (a bad `today`), `person_not_found`,
 * `conflict` (the database already holds data, or `ladder` is not the active
 * ladder version).
 */
export async function seedDemoOrganisation(
  db: Kysely<Database>,
  ladder: Ladder,
  options: SeedDemoOptions,
): Promise<DemoSummary> {
  if (!isIsoDate(options.today)) {
    throw new DomainError('input_invalid', `"${options.today}" is not a date; use YYYY-MM-DD`, [
      { path: ['today'], message: 'use YYYY-MM-DD' },
    ]);
  }
  return runInTransaction(db, async (trx) => {
    const local = await checkEmpty(trx, ladder, options.localPersonId);
    const seeder = new Seeder(trx, ladder, options.today, mulberry32(options.seed ?? DEFAULT_SEED));
    return seeder.seed(local);
  });
}

const DEFAULT_SEED = 20_240_917;

/* ------------------------------------------------------------------------------------------------------------------
 * The organisation. Names are invented; teams, systems and incidents are those of a fictional online retailer.
 * Tiers are positions on the default ladder's track: 0 junior, 1 mid-level, 2 senior, 3 architect. Another ladder's
 * levels are mapped onto them by position, so the demo works with any ladder, though its text fits the default.
 * ---------------------------------------------------------------------------------------------------------------- */

type Tier = 0 | 1 | 2 | 3;
const TOP_TIER = 3;

interface MemberSpec {
  name: string;
  tier: Tier;
}

/** A team and the words its evidence is written in: the systems it runs and what happens to them. */
interface TeamSpec {
  name: string;
  slug: string;
  manager: string;
  members: MemberSpec[];
  systems: string[];
  incidents: string[];
  designs: string[];
  features: string[];
  bugs: string[];
  migrations: string[];
}

const HEAD_OF_ENGINEERING = 'Amara Nwosu';
const LOCAL_TEAM = 'Payments';
const LOCAL_TIER: Tier = 1;

const TEAMS: readonly TeamSpec[] = [
  {
    name: 'Payments',
    slug: 'payments',
    manager: 'Kwame Asante',
    members: [
      { name: 'Sofia Lindqvist', tier: 2 },
      { name: 'Arjun Mehta', tier: 2 },
      { name: 'Ines Carvalho', tier: 1 },
      { name: 'Callum Fraser', tier: 1 },
      { name: 'Aiko Morimoto', tier: 0 },
      { name: 'Tariq Hussain', tier: 0 },
    ],
    systems: [
      'card-authorisation service',
      'ledger reconciliation job',
      'refund service',
      'payout scheduler',
      'payment-provider client',
      'chargeback importer',
      'currency conversion service',
    ],
    incidents: [
      'refund webhook backlog',
      'rejected payout bank file',
      'stuck refund queue',
      'expired payment-provider certificate',
      'month-end ledger imbalance',
    ],
    designs: [
      'idempotency keys on every payment write',
      'moving payouts to a daily batch window',
      'a second payment provider for failover',
      'storing card tokens in the new vault',
    ],
    features: [
      'partial refunds for marketplace orders',
      'Apple Pay in the web checkout',
      'weekly payout statements for sellers',
      'retries for failed 3-D Secure challenges',
    ],
    bugs: [
      'refunds rounding down by one öre in Swedish kronor',
      'payouts skipped when a seller changed bank details mid-week',
      'double charges when the provider timed out after capture',
      'chargeback deadlines shown in the wrong time zone',
    ],
    migrations: [
      'the payout scheduler from cron to the shared job runner',
      'the ledger database from PostgreSQL 12 to 16',
      'the payment-provider client to version 3 of its API',
    ],
  },
  {
    name: 'Search',
    slug: 'search',
    manager: 'Niamh Gallagher',
    members: [
      { name: 'Mateo Ferreira', tier: 2 },
      { name: 'Leila Haddad', tier: 2 },
      { name: 'Yuki Tanabe', tier: 1 },
      { name: 'Emre Yıldız', tier: 1 },
      { name: 'Chiara Bellini', tier: 1 },
      { name: 'Samuel Osei', tier: 0 },
      { name: 'Anya Petrova', tier: 0 },
    ],
    systems: [
      'indexing pipeline',
      'query service',
      'autocomplete service',
      'ranking model server',
      'synonyms store',
      'search analytics job',
    ],
    incidents: [
      'stale search index',
      'autocomplete latency spike',
      'ranking model rollback',
      'catalogue import backlog',
    ],
    designs: [
      'moving search indexing to a queue',
      'synonym lists per market',
      'learning to rank from click data',
      'rebuilding indexes without downtime',
    ],
    features: [
      'typo-tolerant search for product names',
      'filtering results by delivery date',
      '"did you mean" suggestions',
      'search in Polish and Czech',
    ],
    bugs: [
      'out-of-stock products ranking above those in stock',
      'autocomplete suggesting brands that had been removed',
      'accented queries returning no results',
      'facet counts that disagreed with the results page',
    ],
    migrations: [
      'the search cluster from Elasticsearch 7 to OpenSearch 2',
      'the query service to the shared HTTP framework',
      'the index mappings to the new product schema',
    ],
  },
  {
    name: 'Platform',
    slug: 'platform',
    manager: 'Tomasz Wieczorek',
    members: [
      { name: 'Hiroshi Kaneda', tier: 3 },
      { name: 'Björn Halvorsen', tier: 2 },
      { name: 'Grace Whitfield', tier: 2 },
      { name: 'Oluwaseun Adeyemi', tier: 1 },
      { name: 'Pablo Arriaga', tier: 1 },
      { name: 'Zsófia Kovács', tier: 1 },
      { name: 'Diego Castañeda', tier: 0 },
    ],
    systems: [
      'cluster autoscaler',
      'deployment pipeline',
      'service mesh',
      'secrets manager integration',
      'shared job runner',
      'developer portal',
      'Terraform module library',
    ],
    incidents: [
      'expired wildcard certificate',
      'EU cluster DNS',
      'deployment pipeline outage',
      'spring sale node pool exhaustion',
    ],
    designs: [
      'a paved road for new services',
      'cost tags on every cloud resource',
      'canary releases for every service',
      'moving secrets out of environment variables',
    ],
    features: [
      'a preview environment per branch',
      'self-service database provisioning',
      'build caching for the monorepo',
      'automatic rollback on failed health checks',
    ],
    bugs: [
      'flaky builds caused by a shared cache key',
      'pods evicted because memory limits were set in the wrong unit',
      'Terraform drift in the staging network',
      'deploys reporting success before the pods were ready',
    ],
    migrations: [
      'CI from Jenkins to GitHub Actions',
      'every cluster to Kubernetes 1.29',
      'logging from the self-hosted stack to the managed service',
    ],
  },
  {
    name: 'Mobile',
    slug: 'mobile',
    manager: 'Hannah Brennan',
    members: [
      { name: 'Rafael Domínguez', tier: 2 },
      { name: 'Mei Lin Zhou', tier: 2 },
      { name: 'Luca Marchetti', tier: 1 },
      { name: 'Nadia Rahman', tier: 1 },
      { name: 'Kofi Boateng', tier: 1 },
      { name: 'Siobhan Keane', tier: 0 },
      { name: 'Jonas Eriksen', tier: 0 },
    ],
    systems: [
      'iOS app',
      'Android app',
      'feature-flag SDK',
      'push notification service',
      'offline basket cache',
      'mobile API gateway',
    ],
    incidents: ['Android start-up crash', 'duplicate push notification', 'iOS login loop', 'gateway rate-limit'],
    designs: [
      'one design system for iOS and Android',
      'offline-first basket sync',
      'a server-driven home screen',
      'a forced-upgrade policy for old app versions',
    ],
    features: [
      'order tracking on the lock screen',
      'biometric login',
      'saved addresses synced across devices',
      'in-app returns',
    ],
    bugs: [
      'a memory leak in the product image carousel',
      'prices shown with the wrong decimal separator in German',
      'the basket emptying after a background refresh',
      'deep links opening the wrong tab',
    ],
    migrations: [
      'the Android checkout screens to Jetpack Compose',
      'the iOS networking layer to async/await',
      'both apps to the new login SDK',
    ],
  },
  {
    name: 'Data',
    slug: 'data',
    manager: 'Thandiwe Dlamini',
    members: [
      { name: 'Priya Raghunathan', tier: 3 },
      { name: 'Dmitri Sokolov', tier: 2 },
      { name: 'Ayesha Siddiqui', tier: 1 },
      { name: 'Fatima Zahra Benali', tier: 1 },
      { name: 'Vikram Raman', tier: 1 },
      { name: 'Elena Vasquez-Moreau', tier: 0 },
    ],
    systems: [
      'event pipeline',
      'data warehouse',
      'dbt project',
      'experiment analysis service',
      'customer data export job',
      'orders change-data-capture feed',
    ],
    incidents: [
      'late nightly warehouse load',
      'Kafka rebalance',
      'board-day revenue dashboard',
      'customer export mix-up',
    ],
    designs: [
      'a single definition of an active customer',
      'retention rules for personal data',
      'streaming order events into the warehouse',
      'data contracts with the teams that produce events',
    ],
    features: [
      'self-serve experiment reports',
      'a daily revenue snapshot for finance',
      'data exports for subject access requests',
      'freshness alerts on the key tables',
    ],
    bugs: [
      'revenue counted twice for split shipments',
      'sessions cut in two at midnight UTC',
      'an experiment assigning returning customers twice',
      'empty regions in the marketing attribution model',
    ],
    migrations: [
      'the nightly jobs from cron to Airflow',
      'the warehouse tables to incremental dbt models',
      'the event schemas to Avro with a schema registry',
    ],
  },
];

/** Organisation-wide standards an architect might set. */
const STANDARDS = [
  'idempotency keys on write APIs',
  'structured log fields',
  'service-level objectives',
  'versioning event schemas',
  'retiring a service',
];

/* ------------------------------------------------------------------------------------------------------------------
 * Evidence templates. Each is filled from the author's team vocabulary, so "Led the review of the {incident}
 * incident" becomes a Payments or a Mobile story. Competency ids are those of the default ladder.
 * ---------------------------------------------------------------------------------------------------------------- */

/** The concrete nouns and numbers one piece of evidence is written with. */
interface Slots {
  team: TeamSpec;
  system: string;
  system2: string;
  incident: string;
  design: string;
  feature: string;
  bug: string;
  migration: string;
  standard: string;
  /** A teammate, preferably one more junior than the author. */
  colleague: string;
  minutes: number;
  count: number;
}

interface EvidenceTemplate {
  kind: EvidenceKind;
  competencies: readonly string[];
  /** The tiers, inclusive, whose work this is. */
  tiers: readonly [Tier, Tier];
  title: (s: Slots) => string;
  /** The Markdown detail, when there is a natural one to write. */
  body?: (s: Slots) => string;
  /** Where its link points: a pull request, a wiki page, or nowhere. Defaults to `pr` for delivery, else `wiki`. */
  link?: 'pr' | 'wiki' | 'none';
  /** At most once per person: some things happen only once ("a first on-call week"). */
  once?: boolean;
}

const incidentReviewBody = (s: Slots): string =>
  [
    `**Impact:** about ${s.minutes} minutes of degraded service on the ${s.system}.`,
    '',
    '**What I did:**',
    '- Confirmed the scope from the dashboards before paging anyone else',
    '- Kept a timeline in the incident channel as it happened',
    '- Opened the follow-up actions and agreed an owner for each in the review',
    '',
    `**Follow-up:** ${s.count} actions; all but one are closed, and the last is on the ${s.team.name} board.`,
  ].join('\n');

const designDocBody = (s: Slots): string =>
  [
    '## Context',
    '',
    `The ${s.system} has outgrown what its original design assumed.`,
    '',
    '## Options',
    '',
    '1. Keep the current design and add capacity',
    `2. ${capitalise(s.design)}`,
    '3. Buy a managed service',
    '',
    'We chose option 2. The doc records why option 3 was rejected: its cost at our volume, and the lock-in.',
  ].join('\n');

const deliveryBody = (s: Slots): string =>
  [
    `- Split the work into ${s.count + 2} pull requests, each safe to release on its own`,
    '- Released behind a flag to 5%, then 25%, then everyone',
    `- No rollbacks; the error rate of the ${s.system} stayed flat throughout`,
  ].join('\n');

const ENGINEER_TEMPLATES: readonly EvidenceTemplate[] = [
  {
    kind: 'delivery',
    competencies: ['quality', 'debugging'],
    tiers: [0, 1],
    title: (s) => `Fixed ${s.bug}, with a test that reproduces the original report`,
    body: (s) =>
      `Reproduced it from the original report first, then wrote the failing test, then the fix. The test now runs in CI with the rest of the ${s.team.name} suite.`,
  },
  {
    kind: 'delivery',
    competencies: ['scope'],
    tiers: [0, 0],
    title: (s) => `Built the API handler and its tests for ${s.feature}`,
  },
  {
    kind: 'other',
    competencies: ['technology', 'communication'],
    tiers: [0, 1],
    title: (s) => `Got the ${s.system} running locally and added the missing steps to its README`,
    body: () =>
      'The README assumed tools nobody had installed any more. I wrote down every step that was missing, and the next new joiner followed it on their first day without help.',
    link: 'pr',
  },
  {
    kind: 'incident',
    competencies: ['reliability', 'autonomy'],
    tiers: [0, 1],
    title: (s) => `Took a first on-call week for the ${s.system} and handled ${s.count} pages without escalating`,
    body: (s) =>
      `${s.count} pages in the week. For each I found the runbook entry (or wrote one), fixed or mitigated the problem, and left a note in the hand-over document.`,
    once: true,
  },
  {
    kind: 'review',
    competencies: ['quality', 'communication'],
    tiers: [0, 1],
    title: (s) => `Wrote the test plan for ${s.feature} and walked the team through it`,
  },
  {
    kind: 'delivery',
    competencies: ['quality'],
    tiers: [0, 1],
    title: (s) => `Added the missing tests around retries in the ${s.system} after a regression slipped through`,
    body: () =>
      'The regression was a retry that fired after a timed-out call had in fact succeeded. Added tests for the timeout, the slow success and the duplicate delivery; the retry module went from about 40% line coverage to 90%.',
  },
  {
    kind: 'incident',
    competencies: ['reliability', 'communication'],
    tiers: [1, 3],
    title: (s) => `Led the review of the ${s.incident} incident`,
    body: incidentReviewBody,
  },
  {
    kind: 'design',
    competencies: ['design', 'time-horizon'],
    tiers: [1, 3],
    title: (s) => `Wrote the design doc for ${s.design}`,
    body: designDocBody,
  },
  {
    kind: 'delivery',
    competencies: ['scope', 'autonomy'],
    tiers: [1, 2],
    title: (s) => `Delivered ${s.feature} end to end, from the ticket to the release notes`,
    body: deliveryBody,
  },
  {
    kind: 'mentoring',
    competencies: ['mentoring'],
    tiers: [1, 3],
    title: (s) => `Paired with a new joiner on the ${s.system} for their first fortnight`,
    body: (s) =>
      [
        `We started by reading the ${s.system} code together and finished with a change they designed, built and released on their own.`,
        '',
        '> "I can finally explain how the pieces fit together." (their words, at the end of the second week)',
      ].join('\n'),
    link: 'none',
  },
  {
    kind: 'other',
    competencies: ['debugging', 'complexity'],
    tiers: [1, 3],
    title: (s) => `Found the cause of ${s.bug}`,
    body: (s) =>
      `Narrowed it down over two days: the logs first, then a reproduction on staging, then a bisect across ${s.count + 4} releases. The write-up explains the cause and the fix for whoever meets it next.`,
  },
  {
    kind: 'review',
    competencies: ['quality', 'communication'],
    tiers: [1, 3],
    title: (s) => `Reviewed every pull request for ${s.feature} and wrote the checklist the team now uses`,
    body: (s) =>
      `Left ${s.count * 3} comments. The two that mattered: what happens when the ${s.system2} is slow, and a migration that would have locked a busy table during trading hours. Both were fixed before merge.`,
  },
  {
    kind: 'delivery',
    competencies: ['technology', 'quality'],
    tiers: [1, 3],
    title: (s) => `Migrated ${s.migration}`,
    body: (s) =>
      [
        '- Ran the old and the new side by side for two weeks and compared what they produced',
        `- Moved over in ${s.count + 1} steps, each with its rollback written down first`,
        '- Switched the old one off once nothing had used it for a week',
      ].join('\n'),
  },
  {
    kind: 'other',
    competencies: ['communication', 'technology'],
    tiers: [1, 3],
    title: (s) => `Gave a lunch-and-learn on how the ${s.system} works`,
    body: (s) =>
      `${s.count * 6} people came, from ${s.team.name} and two other teams. The slides and the recording are on the wiki, and two of the questions turned into tickets on our board.`,
  },
  {
    kind: 'delivery',
    competencies: ['reliability', 'quality'],
    tiers: [1, 2],
    title: (s) => `Added alerts and a runbook for the ${s.system}`,
    body: (s) =>
      `The ${s.system} paged people for things nobody could act on. Cut its alerts from ${s.count * 4} to ${s.count}, each linked to a runbook entry that says what to check first.`,
  },
  {
    kind: 'delivery',
    competencies: ['complexity', 'design'],
    tiers: [1, 3],
    title: (s) => `Removed about ${s.count * 400} lines of dead code paths from the ${s.system}`,
    body: (s) =>
      `Used the request logs to show which paths had not run in ninety days, removed them in ${s.count} pull requests, and deleted the feature flags that had been on for everyone since last year.`,
  },
  {
    kind: 'design',
    competencies: ['design', 'complexity', 'scope'],
    tiers: [2, 3],
    title: (s) => `Drew the ownership boundary between the ${s.system} and the ${s.system2} and agreed the contract`,
    body: () =>
      'Wrote down which side owns which data, which calls are allowed in each direction, and what each side may assume when the other is down. Both owners signed it off in the design review.',
  },
  {
    kind: 'incident',
    competencies: ['reliability', 'scope'],
    tiers: [2, 3],
    title: (s) => `Acted as incident commander for the ${s.incident} incident`,
    body: incidentReviewBody,
  },
  {
    kind: 'mentoring',
    competencies: ['mentoring', 'communication'],
    tiers: [2, 3],
    title: (s) => `Coached ${s.colleague} through their first design doc`,
    body: (s) =>
      `Three sessions: what a design doc is for, how to compare options honestly, and how to run the review. ${s.colleague}'s doc was approved with minor comments.`,
    link: 'none',
  },
  {
    kind: 'other',
    competencies: ['time-horizon', 'scope'],
    tiers: [2, 3],
    title: (s) => `Wrote the two-year plan for the ${s.system}`,
    body: (s) =>
      `Where the ${s.system} should be in two years, what we must stop doing to get there, and the three pieces of work that pay for themselves first. Reviewed with product and our engineering manager.`,
  },
  {
    kind: 'review',
    competencies: ['design', 'communication'],
    tiers: [2, 3],
    title: (s) => `Ran the design review for ${s.design}`,
    body: () =>
      'Invited the teams that depend on it, kept it to forty-five minutes, and recorded each decision and open question in the doc. Both open questions were closed within the week.',
    link: 'wiki',
  },
  {
    kind: 'other',
    competencies: ['autonomy', 'time-horizon', 'communication'],
    tiers: [2, 3],
    title: (s) => `Argued to delay ${s.feature} until the ${s.system} had an on-call rota, and product agreed`,
    body: (s) =>
      `Without a rota, every page for the ${s.system} went to whoever happened to be online. I showed product the pages of the last quarter; the launch moved by three weeks and the rota started first.`,
    link: 'none',
  },
  {
    kind: 'design',
    competencies: ['design', 'technology', 'time-horizon'],
    tiers: [3, 3],
    title: (s) => `Set the organisation-wide standard for ${s.standard}`,
    body: () =>
      "A one-page decision record with examples from our own services, reviewed with each team's senior engineers before it was published.",
  },
  {
    kind: 'other',
    competencies: ['technology', 'complexity'],
    tiers: [3, 3],
    title: () => 'Led the decision to run one message broker instead of three',
    body: () =>
      [
        'Three teams ran three different brokers, each with its own on-call knowledge and upgrade backlog.',
        '',
        '- Compared the three on throughput, running cost and what each team actually used',
        '- Wrote the decision record and a migration order that never needed two brokers per service',
        '- Two of the three are now switched off; the last follows next quarter',
      ].join('\n'),
  },
  {
    kind: 'mentoring',
    competencies: ['mentoring', 'design'],
    tiers: [3, 3],
    title: (s) => `Mentored ${s.colleague} into owning the cross-team design of the ${s.system}`,
    body: (s) =>
      `Handed over the design reviews one at a time: first ${s.colleague} observed, then co-chaired, then ran them alone.`,
    link: 'none',
  },
  {
    kind: 'review',
    competencies: ['design', 'communication', 'scope'],
    tiers: [3, 3],
    title: (s) => `Chaired the architecture review for ${s.design}`,
    link: 'wiki',
  },
];

const MANAGER_TEMPLATES: readonly EvidenceTemplate[] = [
  {
    kind: 'mentoring',
    competencies: ['mentoring', 'communication'],
    tiers: [0, 3],
    title: (s) => `Coached ${s.colleague} through leading their first incident review`,
    body: (s) =>
      `Sat in for the first half, then left ${s.colleague} to run it. Afterwards we went through what went well and what to try next time.`,
    link: 'none',
  },
  {
    kind: 'other',
    competencies: ['scope', 'time-horizon'],
    tiers: [0, 3],
    title: (s) => `Ran the ${s.team.name} quarterly planning and cut the roadmap to three bets`,
    body: () =>
      'Started from eleven candidate projects; each had to name what it would cost to run, not only to build. Three made it, and the rest are written down with the reason they wait.',
  },
  {
    kind: 'other',
    competencies: ['communication'],
    tiers: [0, 3],
    title: (s) => `Wrote the ${s.team.name} team charter and presented it to the other teams`,
  },
  {
    kind: 'incident',
    competencies: ['reliability', 'communication'],
    tiers: [0, 3],
    title: (s) => `Kept customer support and leadership updated during the ${s.incident} incident`,
    body: () => 'Sent an update every thirty minutes, in plain words, so the engineers fixing it were not interrupted.',
  },
  {
    kind: 'mentoring',
    competencies: ['mentoring'],
    tiers: [0, 3],
    title: (s) => `Set up a buddy scheme for new joiners in ${s.team.name}`,
    body: () =>
      'Every new joiner gets a buddy from another squad for their first month. The last four joiners each released a change to production in their first week.',
  },
  {
    kind: 'other',
    competencies: ['autonomy', 'reliability'],
    tiers: [0, 3],
    title: (s) => `Rebalanced the on-call rota for the ${s.system} after two people left`,
  },
  {
    kind: 'review',
    competencies: ['communication', 'mentoring'],
    tiers: [0, 3],
    title: (s) => `Ran calibration for ${s.team.name} with the other engineering managers`,
    link: 'none',
  },
  {
    kind: 'delivery',
    competencies: ['scope', 'complexity'],
    tiers: [0, 3],
    title: (s) => `Steered ${s.feature} to launch a fortnight before the marketing date`,
    link: 'wiki',
  },
  {
    kind: 'other',
    competencies: ['time-horizon', 'reliability'],
    tiers: [0, 3],
    title: (s) => `Made the case for a quarter of reliability work on the ${s.system}`,
    body: (s) =>
      `Brought the numbers: pages per week, hours lost to toil and two near misses. Leadership agreed to a quarter with no new features for the ${s.system}.`,
  },
];

const HEAD_TEMPLATES: readonly EvidenceTemplate[] = [
  {
    kind: 'other',
    competencies: ['scope', 'communication'],
    tiers: [0, 3],
    title: () => 'Introduced the engineering ladder to all five teams and ran the first calibration',
    body: () =>
      'Ran a session with each team, collected their questions, and rewrote three expectations the engineers found unclear before the first calibration.',
  },
  {
    kind: 'other',
    competencies: ['time-horizon', 'scope'],
    tiers: [0, 3],
    title: () => 'Wrote the engineering strategy for next year with the five engineering managers',
  },
  {
    kind: 'mentoring',
    competencies: ['mentoring'],
    tiers: [0, 3],
    title: () => 'Coached two engineering managers through their first promotion cases',
    link: 'none',
  },
  {
    kind: 'incident',
    competencies: ['reliability', 'communication'],
    tiers: [0, 3],
    title: () => 'Briefed the board on the spring sale outage and the three changes that followed',
    body: () =>
      'Explained the cause without blame, what it cost, and the three changes: load tests before each sale, capacity alerts, and a rehearsed failover.',
  },
  {
    kind: 'design',
    competencies: ['design', 'technology', 'complexity'],
    tiers: [0, 3],
    title: () => 'Agreed with the architects which five technologies new services may choose from',
  },
  {
    kind: 'other',
    competencies: ['autonomy', 'time-horizon'],
    tiers: [0, 3],
    title: () => 'Moved a tenth of engineering time to paying down debt, and reported the results each quarter',
  },
];

/** Where a piece of evidence's link points, or null for none: a pull request or a page on the wiki. */
function linkFor(template: EvidenceTemplate, s: Slots, space: string, title: string, prNumber: number): string | null {
  const where = template.link ?? (template.kind === 'delivery' ? 'pr' : 'wiki');
  if (where === 'none') return null;
  if (where === 'pr') return `https://git.example.com/${space}/${slugify(s.system)}/pull/${prNumber}`;
  const section = template.kind === 'incident' ? 'incidents' : template.kind === 'design' ? 'designs' : 'notes';
  return `https://wiki.example.com/${space}/${section}/${slugify(title)}`;
}

/* ------------------------------------------------------------------------------------------------------------------
 * The local person's year, written out by hand: the story a first-time visitor reads about themselves.
 * ---------------------------------------------------------------------------------------------------------------- */

interface HandWrittenEvidence {
  daysAgo: number;
  kind: EvidenceKind;
  competencies: readonly string[];
  visibility: EvidenceVisibility;
  title: (colleague: string) => string;
  body?: string;
  link?: string;
}

const LOCAL_EVIDENCE: readonly HandWrittenEvidence[] = [
  {
    daysAgo: 352,
    kind: 'delivery',
    competencies: ['quality', 'debugging'],
    visibility: 'private',
    title: () => 'Fixed the rounding error in multi-currency refunds, with a test for each affected currency',
    body: [
      'Refunds in currencies with no minor unit (yen, Icelandic króna) were rounded twice.',
      '',
      '- Reproduced it with the three refunds from the support ticket',
      '- Added a table-driven test covering every currency we accept',
      '- Checked the ledger consumer reads the corrected amounts',
    ].join('\n'),
    link: 'https://git.example.com/payments/refund-service/pull/412',
  },
  {
    daysAgo: 330,
    kind: 'other',
    competencies: ['technology'],
    visibility: 'private',
    title: () => 'Set up the card-authorisation service against the provider sandbox and fixed the README',
  },
  {
    daysAgo: 301,
    kind: 'incident',
    competencies: ['reliability', 'debugging'],
    visibility: 'private',
    title: () => 'Shadowed on call through the duplicate payout incident and wrote up the timeline',
    body: [
      'My first real incident. I kept the timeline while Sofia led, and afterwards turned it into the review draft.',
      '',
      'What I learnt: check the idempotency key before retrying anything that moves money.',
    ].join('\n'),
    link: 'https://wiki.example.com/payments/incidents/duplicate-payout',
  },
  {
    daysAgo: 276,
    kind: 'delivery',
    competencies: ['scope', 'autonomy'],
    visibility: 'shared',
    title: () => 'Delivered partial refunds for marketplace orders, including the ledger event consumer',
    body: [
      '- Owned it from the product brief to release, with review of the approach from Arjun',
      '- Published a `refund.partial` event and changed the ledger consumer to read it',
      '- Released behind a flag to one marketplace seller first, then to everyone a week later',
    ].join('\n'),
    link: 'https://git.example.com/payments/refund-service/pull/468',
  },
  {
    daysAgo: 262,
    kind: 'review',
    competencies: ['quality', 'communication'],
    visibility: 'private',
    title: () => 'Reviewed the chargeback importer rewrite and caught a time-zone bug in dispute deadlines',
  },
  {
    daysAgo: 252,
    kind: 'incident',
    competencies: ['reliability', 'debugging'],
    visibility: 'shared',
    title: () => 'Did my first on-call week for Payments on my own: four pages, none escalated',
    body: [
      '| Page | Cause | Fix |',
      '| --- | --- | --- |',
      '| Authorisation latency | provider slowness | waited it out, confirmed with their status page |',
      '| Payout job failed | bank file rejected | re-ran after fixing one sort code |',
      '| Refund queue depth | consumer restart | scaled back up, added an alert |',
      '| Disk on ledger replica | old WAL files | cleaned up, ticket for retention |',
    ].join('\n'),
  },
  {
    daysAgo: 197,
    kind: 'design',
    competencies: ['design', 'time-horizon'],
    visibility: 'shared',
    title: () => 'Wrote the design doc for idempotent retries on the payout scheduler',
    body: [
      '## Problem',
      '',
      'A retried payout could be sent twice when the bank acknowledged late.',
      '',
      '## Decision',
      '',
      'Every payout gets an idempotency key derived from the seller and the statement period; the scheduler',
      'checks it before sending. Considered and rejected: a distributed lock, which would fail closed on a busy day.',
    ].join('\n'),
    link: 'https://wiki.example.com/payments/designs/idempotent-payout-retries',
  },
  {
    daysAgo: 171,
    kind: 'mentoring',
    competencies: ['mentoring', 'communication'],
    visibility: 'private',
    title: () => 'Paired with a new joiner on the ledger reconciliation job for three weeks',
  },
  {
    daysAgo: 150,
    kind: 'incident',
    competencies: ['reliability', 'communication'],
    visibility: 'shared',
    title: () => 'Led the review of the card-authorisation timeout incident',
    body: [
      '**Impact:** 23 minutes in which about 4% of card payments timed out at checkout.',
      '',
      '**Cause:** a connection pool sized for last year’s traffic; the provider was healthy.',
      '',
      '**Actions:** pool sized from measured peak plus headroom; an alert on pool saturation; a load test before',
      'each sale. All three done.',
    ].join('\n'),
    link: 'https://wiki.example.com/payments/incidents/card-authorisation-timeout',
  },
  {
    daysAgo: 126,
    kind: 'delivery',
    competencies: ['complexity', 'design'],
    visibility: 'private',
    title: () =>
      'Replaced the hand-rolled retry loop in the payment-provider client with the shared resilience library',
    link: 'https://git.example.com/payments/payment-provider-client/pull/233',
  },
  {
    daysAgo: 98,
    kind: 'other',
    competencies: ['communication', 'technology'],
    visibility: 'private',
    title: () => 'Gave a lunch-and-learn on how a card payment moves from authorisation to settlement',
    link: 'https://wiki.example.com/payments/notes/card-payment-lifecycle',
  },
  {
    daysAgo: 71,
    kind: 'delivery',
    competencies: ['scope', 'time-horizon'],
    visibility: 'shared',
    title: () =>
      'Listed every consumer of the payments events topic before changing its schema, and agreed the migration',
    body: 'Found five consumers, two of them outside Payments. Each owner signed off the migration order in the design doc.',
  },
  {
    daysAgo: 47,
    kind: 'incident',
    competencies: ['debugging', 'complexity'],
    visibility: 'shared',
    title: () => 'Traced the intermittent month-end ledger imbalance to a race between two reconciliation workers',
    body: [
      'Two workers could claim the same batch when a lease expired mid-run. Reproduced it with a forced pause,',
      'fixed the claim to be a single conditional update, and added a test that runs the two workers together.',
    ].join('\n'),
    link: 'https://git.example.com/payments/ledger-reconciliation-job/pull/97',
  },
  {
    daysAgo: 24,
    kind: 'mentoring',
    competencies: ['mentoring'],
    visibility: 'private',
    title: (colleague) => `Coached ${colleague} through their first incident review`,
  },
  {
    daysAgo: 9,
    kind: 'design',
    competencies: ['design', 'quality', 'time-horizon'],
    visibility: 'shared',
    title: () => 'Proposed contract tests between the refund service and the ledger, and got them into CI',
    link: 'https://wiki.example.com/payments/designs/refund-ledger-contract-tests',
  },
];

/** A rating as an offset on the demo's tiers; null is not observed. */
type TierRating = Tier | null;

interface HandWrittenAssessment {
  daysAgo: number;
  kind: 'self' | 'manager';
  note: string;
  /** Default-ladder competency id -> tier. */
  ratings: Readonly<Record<string, TierRating>>;
  notes?: Readonly<Record<string, string>>;
}

const LOCAL_ASSESSMENTS: readonly HandWrittenAssessment[] = [
  {
    daysAgo: 335,
    kind: 'self',
    note: 'First self-assessment after joining Payments. Most of this is still new to me.',
    ratings: {
      scope: 0,
      autonomy: 0,
      reliability: 0,
      debugging: 1,
      design: 0,
      technology: 1,
      mentoring: null,
      communication: 0,
      'time-horizon': 0,
      complexity: 0,
      quality: 1,
    },
  },
  {
    daysAgo: 245,
    kind: 'self',
    note: 'After my first on-call week on my own: reliability and autonomy feel solid now.',
    ratings: {
      scope: 0,
      autonomy: 1,
      reliability: 1,
      debugging: 1,
      design: 0,
      technology: 1,
      mentoring: 0,
      communication: 1,
      'time-horizon': 0,
      complexity: 0,
      quality: 1,
    },
  },
  {
    daysAgo: 140,
    kind: 'self',
    note: 'Before my half-year check-in. The payout design doc and the timeout review moved several ratings up.',
    ratings: {
      scope: 1,
      autonomy: 1,
      reliability: 1,
      debugging: 1,
      design: 1,
      technology: 1,
      mentoring: 1,
      communication: 1,
      'time-horizon': 0,
      complexity: 1,
      quality: 1,
    },
  },
  {
    daysAgo: 130,
    kind: 'manager',
    note: 'A strong first half. Ready to own features end to end; looking further ahead is the area to grow.',
    ratings: {
      scope: 1,
      autonomy: 1,
      reliability: 1,
      debugging: 1,
      design: 1,
      technology: 1,
      mentoring: 0,
      communication: 1,
      'time-horizon': 0,
      complexity: 1,
      quality: 1,
    },
  },
  {
    daysAgo: 28,
    kind: 'self',
    note: 'One year in. For Senior, reliability has to reach senior level too: that is next.',
    ratings: {
      scope: 1,
      autonomy: 1,
      reliability: 1,
      debugging: 2,
      design: 1,
      technology: 1,
      mentoring: 1,
      communication: 2,
      'time-horizon': 1,
      complexity: 1,
      quality: 1,
    },
    notes: {
      debugging: 'Traced the month-end ledger race that had stumped two people before me.',
      communication: 'Ran the card-authorisation timeout review and the settlement lunch-and-learn.',
    },
  },
  {
    daysAgo: 14,
    kind: 'manager',
    note: 'Working solidly at mid-level. For Senior: own the card-authorisation service, its on-call and its runbook.',
    ratings: {
      scope: 1,
      autonomy: 1,
      reliability: 1,
      debugging: 2,
      design: 1,
      technology: 1,
      mentoring: 1,
      communication: 1,
      'time-horizon': 1,
      complexity: 1,
      quality: 1,
    },
  },
];

/** Used for competencies of a custom ladder that the hand-written history does not name. */
const LOCAL_FALLBACK_GROWTH: readonly (readonly TierRating[])[] = [
  [0, 0, 1, 1],
  [0, 1, 1, 1],
  [1, 1, 1, 2],
];

/** Overall notes of self-assessments, one list per window of SELF_ASSESSMENT_WINDOWS; placeholders are filled in. */
const SELF_NOTES: readonly (readonly string[])[] = [
  ['First self-assessment on the ladder.', 'Written while finding my feet on the {team} on-call rota.'],
  ['Half-way check-in with {manager}.', 'After finishing {feature}.'],
  ['Before my one-to-one with {manager}.', 'After finishing {feature}.', 'Ahead of the calibration round.'],
];

/* ------------------------------------------------------------------------------------------------------------------
 * The seeding itself.
 * ---------------------------------------------------------------------------------------------------------------- */

interface SeededPerson {
  row: PersonRow;
  team: TeamSpec | null;
  tier: Tier;
  role: 'engineer' | 'manager' | 'head';
  /** Their most recent self-assessment, which a manager assessment follows. */
  latestSelf?: { daysAgo: number; ratings: Record<string, string> };
}

class Seeder {
  private readonly track: Track;
  private readonly scale: ScaleStep[];
  private readonly competencies: Competency[];
  private evidence = 0;
  private assessments = 0;
  private prNumber = 100;
  private localId = '';
  /** Titles already used in each team, so teammates' years do not repeat each other. */
  private readonly teamTitles = new Map<string, Set<string>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ladder: Ladder,
    private readonly today: string,
    private readonly random: () => number,
  ) {
    this.track = findTrack(ladder);
    this.scale = ratingScale(ladder, this.track);
    this.competencies = competenciesOf(ladder, this.track);
  }

  async seed(local: PersonRow): Promise<DemoSummary> {
    this.localId = local.id;
    const people = await this.createPeople(local);
    const localPerson = people.find((p) => p.row.id === local.id);
    if (localPerson === undefined) throw new Error('the local person was not placed in a team');
    for (const person of people) {
      if (person === localPerson) await this.seedLocalHistory(person, people);
      else await this.seedHistory(person, people);
    }
    await this.seedManagerAssessments(people.filter((p) => p !== localPerson));
    return {
      people: people.length,
      teams: TEAMS.length,
      evidence: this.evidence,
      assessments: this.assessments,
    };
  }

  /** The head of engineering, a manager per team, their engineers, and the local person in Payments. */
  private async createPeople(local: PersonRow): Promise<SeededPerson[]> {
    const people: SeededPerson[] = [];
    const head = await insertPerson(this.db, {
      name: HEAD_OF_ENGINEERING,
      email: emailOf(HEAD_OF_ENGINEERING),
      title: 'Head of Engineering',
    });
    // The ladder has no management track, so managers are rated on the engineers' one: the head of
    // engineering at its top level, engineering managers at Senior.
    people.push({ row: head, team: null, tier: 3, role: 'head' });
    for (const team of TEAMS) {
      const manager = await insertPerson(this.db, {
        name: team.manager,
        email: emailOf(team.manager),
        team: team.name,
        title: 'Engineering Manager',
        managerId: head.id,
      });
      people.push({ row: manager, team, tier: 2, role: 'manager' });
      for (const member of team.members) {
        const row = await insertPerson(this.db, {
          name: member.name,
          email: emailOf(member.name),
          team: team.name,
          title: this.titleFor(member.tier),
          managerId: manager.id,
        });
        people.push({ row, team, tier: member.tier, role: 'engineer' });
      }
      if (team.name === LOCAL_TEAM) {
        const row = await placeLocalPerson(this.db, local.id, {
          team: team.name,
          title: this.titleFor(LOCAL_TIER),
          managerId: manager.id,
        });
        people.push({ row, team, tier: LOCAL_TIER, role: 'engineer' });
      }
    }
    return people;
  }

  /** A job title naming the person's level, so the people list and the ladder agree at a glance. */
  private titleFor(tier: Tier): string {
    const level = this.levelFor(tier);
    return /engineer|architect|developer/i.test(level.title) ? level.title : `${level.title} Engineer`;
  }

  private levelFor(tier: Tier): Level {
    const levels = this.track.levels;
    return at(levels, Math.round((tier * (levels.length - 1)) / TOP_TIER));
  }

  private stepFor(tier: number): ScaleStep {
    const clamped = Math.min(TOP_TIER, Math.max(0, tier));
    return at(this.scale, Math.round((clamped * (this.scale.length - 1)) / TOP_TIER));
  }

  /** 3 to 10 pieces of evidence and 1 to 3 self-assessments over the past year, fitting the person's level. */
  private async seedHistory(person: SeededPerson, people: readonly SeededPerson[]): Promise<void> {
    const templates =
      person.role === 'head'
        ? HEAD_TEMPLATES
        : person.role === 'manager'
          ? MANAGER_TEMPLATES
          : ENGINEER_TEMPLATES.filter((t) => t.tiers[0] <= person.tier && person.tier <= t.tiers[1]);
    const count = Math.min(this.int(3, 10), templates.length * 3);
    const days = this.distinctDays(count, 1, 364).sort((a, b) => b - a);
    const used = new Set<string>();
    const uses = new Map<EvidenceTemplate, number>();
    const space = person.team?.slug ?? 'engineering';
    const teamUsed = this.teamTitles.get(space) ?? new Set<string>();
    this.teamTitles.set(space, teamUsed);
    for (const daysAgo of days) {
      // The least used templates first, so a person's year reads as varied work rather than one task repeated.
      const open = templates.filter((t) => (uses.get(t) ?? 0) < (t.once === true ? 1 : 2));
      const fewest = Math.min(...open.map((t) => uses.get(t) ?? 0));
      const candidates = open.filter((t) => (uses.get(t) ?? 0) === fewest);
      let chosen: { template: EvidenceTemplate; slots: Slots; title: string } | undefined;
      for (let attempt = 0; attempt < 30 && candidates.length > 0 && chosen === undefined; attempt++) {
        const template = this.pick(candidates);
        const slots = this.slotsFor(person, people);
        const title = template.title(slots);
        // A teammate's title only once fresh ones are hard to find: two people may share a migration, rarely more.
        if (!used.has(title) && (attempt >= 20 || !teamUsed.has(title))) chosen = { template, slots, title };
      }
      if (chosen === undefined) break;
      const { template, slots, title } = chosen;
      used.add(title);
      teamUsed.add(title);
      uses.set(template, (uses.get(template) ?? 0) + 1);
      const body = template.body !== undefined && this.chance(0.6) ? template.body(slots) : '';
      const link = this.chance(body === '' ? 0.25 : 0.6)
        ? linkFor(template, slots, space, title, this.prNumber++)
        : null;
      await this.logEvidence(person, {
        title,
        kind: template.kind,
        competencies: template.competencies,
        date: this.daysAgo(daysAgo),
        body,
        links: link === null ? [] : [link],
        visibility: this.chance(person.role === 'engineer' ? 0.3 : 0.5) ? 'shared' : 'private',
      });
    }

    const manager = people.find((p) => p.row.id === person.row.managerId);
    const selfCount = this.int(1, 3);
    const windows = SELF_ASSESSMENT_WINDOWS.slice(SELF_ASSESSMENT_WINDOWS.length - selfCount);
    const noteLists = SELF_NOTES.slice(SELF_NOTES.length - selfCount);
    for (const [index, [from, to]] of windows.entries()) {
      // Earlier assessments show a little less, so a history drifts upwards as it does in life.
      const ratings = this.ratingsFor(person.tier, windows.length - 1 - index);
      const daysAgo = this.int(from, to);
      const note = this.pick(at(noteLists, index))
        .replace('{manager}', manager?.row.name.split(' ')[0] ?? 'the CTO')
        .replace('{feature}', person.team === null ? 'the engineering strategy' : this.pick(person.team.features))
        .replace('{team}', person.team?.name ?? 'Engineering');
      await this.record(person, person, 'self', daysAgo, ratings, note);
      person.latestSelf = { daysAgo, ratings };
    }
  }

  /** The hand-written year of the local person: evidence, four self-assessments and two from their manager. */
  private async seedLocalHistory(person: SeededPerson, people: readonly SeededPerson[]): Promise<void> {
    const juniors = people.filter((p) => p.team === person.team && p.role === 'engineer' && p.tier < person.tier);
    const colleague = juniors.length > 0 ? this.pick(juniors).row.name : 'a new joiner';
    for (const item of LOCAL_EVIDENCE) {
      await this.logEvidence(person, {
        title: item.title(colleague),
        kind: item.kind,
        competencies: item.competencies,
        date: this.daysAgo(item.daysAgo),
        body: item.body ?? '',
        links: item.link === undefined ? [] : [item.link],
        visibility: item.visibility,
      });
    }
    const manager = people.find((p) => p.row.id === person.row.managerId) ?? person;
    let selfIndex = 0;
    for (const assessment of LOCAL_ASSESSMENTS) {
      const ratings: Record<string, string> = {};
      const notes: Record<string, string> = {};
      this.competencies.forEach((competency, index) => {
        const planned = Object.entries(assessment.ratings).find(
          ([id]) => resolveCompetency(this.ladder, id)?.id === competency.id,
        );
        const fallback = at(LOCAL_FALLBACK_GROWTH, index % LOCAL_FALLBACK_GROWTH.length);
        const tier = planned === undefined ? (fallback[Math.min(selfIndex, fallback.length - 1)] ?? null) : planned[1];
        ratings[competency.id] = tier === null ? NOT_OBSERVED : this.stepFor(tier).id;
        const note = Object.entries(assessment.notes ?? {}).find(
          ([id]) => resolveCompetency(this.ladder, id)?.id === competency.id,
        );
        if (note !== undefined) notes[competency.id] = note[1];
      });
      const assessor = assessment.kind === 'self' ? person : manager;
      await this.record(person, assessor, assessment.kind, assessment.daysAgo, ratings, assessment.note, notes);
      if (assessment.kind === 'self') selfIndex++;
    }
  }

  /** A manager assessment for about half of the organisation, a little after their latest self-assessment. */
  private async seedManagerAssessments(people: readonly SeededPerson[]): Promise<void> {
    const assessed = this.shuffle(people.filter((p) => p.row.managerId !== null && p.latestSelf !== undefined));
    const chosen = assessed.slice(0, Math.round(assessed.length / 2));
    // In the order people were created, so the history reads the same whatever the shuffle picked.
    for (const person of people.filter((p) => chosen.includes(p))) {
      const manager = people.find((p) => p.row.id === person.row.managerId);
      const latest = person.latestSelf;
      if (manager === undefined || latest === undefined) continue;
      const daysAgo = Math.max(1, latest.daysAgo - this.int(3, 12));
      const ratings: Record<string, string> = {};
      let growth: Competency | undefined;
      for (const competency of this.competencies) {
        const own = this.scale.findIndex((s) => s.id === latest.ratings[competency.id]);
        const roll = this.random();
        // A manager mostly agrees, sometimes sees one level more or less, and rates what the person left out.
        const index = own === -1 ? this.stepFor(person.tier).index : roll < 0.1 ? own - 1 : roll < 0.18 ? own + 1 : own;
        const rated = at(this.scale, Math.min(this.scale.length - 1, Math.max(0, index)));
        ratings[competency.id] = rated.id;
        if (growth === undefined && rated.index < this.stepFor(person.tier).index) growth = competency;
      }
      const level = this.levelFor(person.tier).title;
      const system = person.team === null ? 'engineering strategy' : this.pick(person.team.systems);
      const note =
        growth === undefined
          ? `${level} across the board. Next step: more ownership of the ${system}.`
          : `Mostly at ${level}. The area to grow next is ${growth.title}; let us find a project for it.`;
      await this.record(person, manager, 'manager', daysAgo, ratings, note);
    }
  }

  /**
   * Ratings for someone at `tier`: mostly at it, a couple one level either
   * side, one or two not observed. Counts are drawn rather than left to
   * chance per competency, so about five in six people demonstrate the level
   * their title names, as in a healthy organisation. Competencies a level
   * requires are rated at least at the person's level, so nobody is blocked
   * by a rule of their own ladder. `extraBelow` marks earlier assessments,
   * which show a little less.
   */
  private ratingsFor(tier: Tier, extraBelow: number): Record<string, string> {
    const levelIndex = this.track.levels.indexOf(this.levelFor(tier));
    const required = new Set(this.track.levels.slice(0, levelIndex + 1).flatMap((l) => l.required ?? []));
    const notObserved = this.pick([0, 1, 1, 2]);
    const below = this.pick([0, 1, 1, 2, 2, 3]) + extraBelow;
    const above = this.pick([0, 1, 1, 2]);
    const ratings: Record<string, string> = {};
    const open: Competency[] = [];
    for (const competency of this.competencies) {
      if (required.has(competency.id)) ratings[competency.id] = this.stepFor(this.chance(0.15) ? tier + 1 : tier).id;
      else open.push(competency);
    }
    this.shuffle(open).forEach((competency, i) => {
      const step =
        i < notObserved
          ? null
          : i < notObserved + below
            ? this.stepFor(tier - 1)
            : i < notObserved + below + above
              ? this.stepFor(tier + 1)
              : this.stepFor(tier);
      ratings[competency.id] = step === null ? NOT_OBSERVED : step.id;
    });
    // Ladder order, so the ratings read the same however the shuffle went.
    return Object.fromEntries(this.competencies.map((c) => [c.id, ratings[c.id] ?? NOT_OBSERVED]));
  }

  /** The nouns for one piece of evidence, from the author's team. */
  private slotsFor(person: SeededPerson, people: readonly SeededPerson[]): Slots {
    const team = person.team ?? this.pick(TEAMS);
    const system = this.pick(team.systems);
    const others = team.systems.filter((s) => s !== system);
    // The visitor is left out of others' stories, so their own history is the only one that mentions them.
    const teammates = people.filter(
      (p) => p.team === team && p !== person && p.role === 'engineer' && p.row.id !== this.localId,
    );
    const juniors = teammates.filter((p) => p.tier < person.tier);
    const colleagues = juniors.length > 0 ? juniors : teammates;
    return {
      team,
      system,
      system2: others.length > 0 ? this.pick(others) : system,
      incident: this.pick(team.incidents),
      design: this.pick(team.designs),
      feature: this.pick(team.features),
      bug: this.pick(team.bugs),
      migration: this.pick(team.migrations),
      standard: this.pick(STANDARDS),
      colleague: colleagues.length > 0 ? this.pick(colleagues).row.name : 'a new joiner',
      minutes: this.int(12, 95),
      count: this.int(2, 6),
    };
  }

  private async logEvidence(
    person: SeededPerson,
    input: {
      title: string;
      kind: EvidenceKind;
      competencies: readonly string[];
      date: string;
      body: string;
      links: string[];
      visibility: EvidenceVisibility;
    },
  ): Promise<void> {
    await logEvidence(
      this.db,
      this.ladder,
      person.row.id,
      { ...input, competencies: this.mapCompetencies(input.competencies) },
      this.today,
    );
    this.evidence++;
  }

  private async record(
    person: SeededPerson,
    assessor: SeededPerson,
    kind: 'self' | 'manager',
    daysAgo: number,
    ratings: Record<string, string>,
    note: string,
    notes: Record<string, string> = {},
  ): Promise<void> {
    const time = `${String(this.int(8, 17)).padStart(2, '0')}:${String(this.int(0, 59)).padStart(2, '0')}:00.000Z`;
    await recordAssessment(this.db, this.ladder, {
      personId: person.row.id,
      assessorId: assessor.row.id,
      kind,
      track: this.track.id,
      ratings,
      notes,
      note,
      createdAt: `${this.daysAgo(daysAgo)}T${time}`,
    });
    this.assessments++;
  }

  /** The default ladder's competency ids, resolved against this ladder; another ladder gets one of its own. */
  private mapCompetencies(ids: readonly string[]): string[] {
    const mapped = ids
      .map((id) => resolveCompetency(this.ladder, id))
      .filter((c): c is Competency => c !== undefined && this.competencies.includes(c))
      .map((c) => c.id);
    return mapped.length > 0 ? [...new Set(mapped)] : [this.pick(this.competencies).id];
  }

  private daysAgo(days: number): string {
    return shiftDate(this.today, -days);
  }

  /** `count` different whole numbers between `from` and `to`, inclusive. */
  private distinctDays(count: number, from: number, to: number): number[] {
    const days = new Set<number>();
    while (days.size < Math.min(count, to - from + 1)) days.add(this.int(from, to));
    return [...days];
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private chance(probability: number): boolean {
    return this.random() < probability;
  }

  private pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.random() * items.length));
  }

  private shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [at(out, j), at(out, i)];
    }
    return out;
  }
}

/** Self-assessment windows in days ago, oldest first; a person with n assessments gets the last n. */
const SELF_ASSESSMENT_WINDOWS: readonly (readonly [number, number])[] = [
  [270, 330],
  [150, 210],
  [15, 60],
];

/**
 * Refuses to seed a database that holds anything beyond what `init` made, so
 * the demo never mixes with real records.
 */
async function checkEmpty(db: Kysely<Database>, ladder: Ladder, localPersonId: string): Promise<PersonRow> {
  const local = await findPersonById(db, localPersonId);
  if (local === undefined) {
    throw new DomainError('person_not_found', `no person with id ${localPersonId}: run "longhaul init" first`);
  }
  const activeId = await getSetting(db, SETTING_KEYS.activeLadderId);
  const activeHash = await getSetting(db, SETTING_KEYS.activeLadderHash);
  if (activeId !== ladder.id || activeHash !== ladder.hash) {
    throw new DomainError(
      'conflict',
      `the demo is recorded against the active ladder, and ladder "${ladder.id}" version ${ladder.hash.slice(0, 12)} is not it`,
    );
  }
  const people = await listPeople(db);
  const evidence = await listEvidence(db, { personId: local.id });
  const assessments = await listAssessments(db, local.id);
  if (people.length > 1 || evidence.length > 0 || assessments.length > 0) {
    throw new DomainError(
      'conflict',
      `the demo organisation goes only into a new database, and this one already has ${people.length} people, ` +
        `${evidence.length} pieces of evidence and ${assessments.length} assessments of ${local.name}; ` +
        'run "longhaul init" with a new --db to try the demo',
    );
  }
  return local;
}

/** Puts the local person into their demo team. */
async function placeLocalPerson(
  db: Kysely<Database>,
  id: string,
  placement: { team: string; title: string; managerId: string },
): Promise<PersonRow> {
  const person = await updatePerson(db, id, placement);
  if (person === undefined)
    throw new DomainError('person_not_found', `the local person ${id} disappeared while seeding the demo`);
  return person;
}

/** mulberry32: a tiny, well-mixed 32-bit PRNG, so the demo is the same on every machine for the same seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`no item at index ${index} of ${items.length}`);
  return item;
}

function shiftDate(date: string, days: number): string {
  const shifted = new Date(`${date}T00:00:00Z`);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
}

/** `Mei Lin Zhou` -> `mei.lin.zhou@example.com`: example.com is reserved, so no real mailbox is ever named. */
function emailOf(name: string): string {
  return `${slugify(name).replace(/-/g, '.')}@example.com`;
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
