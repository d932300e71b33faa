import { z } from 'zod';
import { LadderSchema, LevelSchema, TrackSchema } from '../core/ladder.schema.js';
import {
  ASSESSMENT_NOTE_MAX_LENGTH,
  noteTooLongMessage,
  RATING_NOTE_MAX_LENGTH,
} from '../services/assessment.service.js';
import { PEOPLE_CSV_COLUMNS } from '../core/people-csv.js';
import {
  bodyTooLongMessage,
  EVIDENCE_BODY_MAX_LENGTH,
  EVIDENCE_MAX_COMPETENCIES,
  EVIDENCE_MAX_AUDIENCE,
  EVIDENCE_MAX_LINKS,
  SHARED_IS_GONE_MESSAGE,
} from '../services/evidence.service.js';
import { DEFAULT_PAGE_SIZE, MAX_CURSOR_LENGTH, MAX_PAGE_SIZE } from '../services/paging.js';

/** The longest id a request may name; ladder ids are far shorter. */
const ID_MAX_LENGTH = 100;

/** The longest link on a piece of evidence. */
const LINK_MAX_LENGTH = 2_000;

/** The most entries a ratings or notes record may hold: more than any ladder has competencies. */
const RECORD_MAX_ENTRIES = 200;

/**
 * A record keyed by competency id with at most RECORD_MAX_ENTRIES entries,
 * stated as maxProperties in the OpenAPI document, so no request makes the
 * server check an unbounded list.
 */
function boundedRecord<V extends z.ZodType>(value: V) {
  return z
    .record(z.string().max(ID_MAX_LENGTH), value)
    .refine((record) => Object.keys(record).length <= RECORD_MAX_ENTRIES, {
      error: `give at most ${RECORD_MAX_ENTRIES} entries`,
      abort: true,
    })
    .meta({ maxProperties: RECORD_MAX_ENTRIES });
}

/**
 * The public HTTP contract of Longhaul: every request and response body as a
 * zod schema. The server validates with these, the OpenAPI document is
 * generated from them, and the web app imports their inferred types (type-only),
 * so the three cannot drift apart.
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .describe('A calendar date, YYYY-MM-DD.');
const id = z.string().min(1).describe('An opaque identifier.');

/** The body of every error response: a stable code, a sentence, and the fields at fault. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, such as input_invalid or evidence_not_found.'),
      message: z.string().describe('What went wrong, for a person.'),
      fields: z
        .array(
          z.object({
            path: z.string().describe('The field at fault, dotted: body.competencies.1, query.since.'),
            message: z.string(),
          }),
        )
        .describe('One entry per field at fault; empty when no single field is.'),
    }),
  })
  .meta({ id: 'Error' });

export const LevelRef = z.object({ id: z.string(), title: z.string() }).meta({ id: 'LevelRef' });

export const Person = z
  .object({
    id,
    name: z.string(),
    email: z.string().nullable(),
    team: z.string().nullable(),
    title: z.string().nullable(),
    managerId: z.string().nullable(),
    createdAt: z.string(),
    timeZone: z
      .string()
      .nullable()
      .describe(
        "IANA time zone (Europe/Berlin) in which the person's today is taken, for evidence dates; null until chosen, when the server's own zone applies.",
      ),
  })
  .meta({ id: 'Person' });

export const PersonUpdate = z
  .object({
    timeZone: z
      .string()
      .optional()
      .describe('An IANA time zone such as Europe/Berlin; stored in its canonical spelling.'),
  })
  .strict()
  .meta({ id: 'PersonUpdate' });

export const Me = z
  .object({
    mode: z
      .enum(['session', 'token'])
      .describe('How this request was signed in: a session cookie (the web app) or a personal API token.'),
    notice: z
      .string()
      .nullable()
      .describe('A sentence the UI shows on every page, such as which demo account is signed in; null when none.'),
    person: Person,
    isAdmin: z.boolean().describe('Whether the account is an admin: it may make password-reset links.'),
    directReports: z
      .number()
      .int()
      .describe('How many people report to this person directly: the web app offers the team page when any do.'),
    csrfToken: z
      .string()
      .nullable()
      .describe(
        'For a session: the value to send as X-CSRF-Token with every POST, PATCH and DELETE. Null for a token, which needs none.',
      ),
    ladder: z.object({ id: z.string(), hash: z.string(), title: z.string() }),
  })
  .meta({ id: 'Me' });

const password = z.string().max(1_000).describe('The password: 12 to 256 characters. Never logged, never sent back.');
const email = z.string().max(320).describe('The email address the person signs in with.');

export const SignIn = z.object({ email, password }).strict().meta({ id: 'SignIn' });

export const SessionCreated = z
  .object({
    person: Person,
    isAdmin: z.boolean(),
    csrfToken: z.string().describe('Send as X-CSRF-Token with every change made with this session.'),
    expiresAt: z.string().describe('When the session ends at the latest; a day without use ends it sooner.'),
  })
  .meta({ id: 'SessionCreated' });

export const SessionInfo = z
  .object({
    id: z.string().describe('Names the session in this list; it is not the cookie and cannot sign anyone in.'),
    current: z.boolean().describe('Whether this is the session making the request.'),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    userAgent: z.string().nullable(),
    address: z.string().nullable(),
  })
  .meta({ id: 'SessionInfo' });

export const SessionsEnded = z
  .object({ ended: z.number().int().describe('How many other sessions were ended.') })
  .meta({ id: 'SessionsEnded' });

export const SetupState = z
  .object({
    adminExists: z.boolean().describe('False until the first admin account is made; the first visit makes it.'),
    localPersonName: z.string().describe("The name the first admin account gets: the database's own person."),
    demo: z.boolean().describe('Whether this server runs the demo (GET /api/demo-accounts lists its accounts).'),
    singleSignOn: z
      .boolean()
      .describe("Whether people may sign in through the organisation's identity provider (GET /auth/oidc/start)."),
  })
  .meta({ id: 'SetupState' });

export const SetupCreate = z
  .object({
    name: z.string().max(200).optional().describe("The admin's name; the database's own person's name by default."),
    email,
    password,
  })
  .strict()
  .meta({ id: 'SetupCreate' });

export const DemoAccount = z
  .object({
    name: z.string(),
    email: z.string(),
    title: z.string().nullable(),
    team: z.string().nullable(),
    role: z.enum(['engineer', 'manager', 'skip-level manager', 'admin']),
  })
  .meta({ id: 'DemoAccount' });

export const DemoAccounts = z
  .object({
    demo: z.boolean(),
    accounts: z.array(DemoAccount).describe('Empty unless the server runs the demo.'),
  })
  .meta({ id: 'DemoAccounts' });

export const DemoSignIn = z.object({ email }).strict().meta({ id: 'DemoSignIn' });

export const PasswordResetCreate = z.object({ email }).strict().meta({ id: 'PasswordResetCreate' });

export const PasswordResetCreated = z
  .object({
    link: z.string().describe('The one-time link to hand to the person; shown once, never stored.'),
    expiresAt: z.string(),
    person: Person,
  })
  .meta({ id: 'PasswordResetCreated' });

export const PasswordResetUse = z.object({ password }).strict().meta({ id: 'PasswordResetUse' });

export const PasswordResetParams = z.object({
  token: z.string().min(1).max(100).describe('The secret part of the reset link.'),
});

export const ApiToken = z
  .object({
    id,
    name: z.string(),
    prefix: z.string().describe('The first characters of the token, to tell tokens apart (lh_AbCd1234).'),
    createdAt: z.string(),
    expiresAt: z.string(),
    lastUsedAt: z.string().nullable().describe('The last request made with it (recorded at most once a minute).'),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const ApiTokenCreate = z
  .object({
    name: z.string().max(100).describe('What the token is for, such as "backup script".'),
    expiresInDays: z.number().int().min(1).max(365).describe('Days until it stops working: 1 to 365.'),
  })
  .strict()
  .meta({ id: 'ApiTokenCreate' });

export const ApiTokenCreated = ApiToken.extend({
  token: z.string().describe('The token: shown this once and never again. Send it as Authorization: Bearer lh_….'),
}).meta({ id: 'ApiTokenCreated' });

export const ApiTokenParams = z.object({ tokenId: z.string().min(1) });

export const LadderVersion = z
  .object({
    id: z.string(),
    hash: z.string(),
    title: z.string(),
    loadedAt: z.string(),
    active: z.boolean().describe('Whether new evidence and assessments are recorded against this version.'),
  })
  .meta({ id: 'LadderVersion' });

/** A level of a served ladder: as the file defines it, plus its rule in words. */
const LadderLevel = LevelSchema.extend({
  rule: z.string().describe("What the level asks, in words generated from the ladder's policy."),
});

/** A full ladder as the file defines it, with its content hash and each level's rule in words. */
export const Ladder = LadderSchema.extend({
  hash: z.string().describe('sha256 of the canonical ladder'),
  tracks: z.array(TrackSchema.extend({ levels: z.array(LadderLevel) })),
}).meta({
  id: 'Ladder',
});

export const LadderChange = z
  .object({ kind: z.string().describe('competency-added, competency-renamed, expectation-changed, …') })
  .catchall(z.unknown())
  .meta({ id: 'LadderChange' });

export const LadderDiff = z
  .object({
    from: z.object({ id: z.string(), hash: z.string().optional() }),
    to: z.object({ id: z.string(), hash: z.string().optional() }),
    changes: z.array(LadderChange),
  })
  .meta({ id: 'LadderDiff' });

export const LadderDiffQuery = z.object({
  from: z.string().min(1).describe('Hash (or a unique prefix) of the earlier version.'),
  to: z.string().min(1).describe('Hash (or a unique prefix) of the later version.'),
});

export const EvidenceKind = z.enum(['incident', 'design', 'review', 'mentoring', 'delivery', 'other']);
export const Visibility = z
  .enum(['private', 'managers', 'people'], {
    error: (issue) => (issue.input === 'shared' ? SHARED_IS_GONE_MESSAGE : 'use private, managers or people'),
  })
  .describe(
    'Who sees the evidence besides its author: private (nobody), managers (their manager chain) or people (the people in sharedWith).',
  );

/** A person named in the audience of a piece of evidence. */
export const AudienceMember = z.object({ id: z.string(), name: z.string() }).meta({ id: 'AudienceMember' });

export const Evidence = z
  .object({
    id,
    personId: z.string(),
    date: isoDate,
    title: z.string(),
    body: z.string().describe('Markdown.'),
    kind: EvidenceKind,
    links: z.array(z.string()),
    visibility: Visibility,
    sharedWith: z
      .array(AudienceMember)
      .describe('The people it is shared with, by name; empty unless visibility is people.'),
    competencyIds: z.array(z.string()).describe("Competencies of today's ladder the evidence supports."),
    ladderId: z.string(),
    ladderHash: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Evidence' });

export const EvidenceCreate = z
  .object({
    title: z.string().describe('One line saying what was done.'),
    kind: z.string().describe('incident, design, review, mentoring, delivery or other.'),
    competencies: z
      .array(z.string().max(ID_MAX_LENGTH))
      .max(EVIDENCE_MAX_COMPETENCIES, { error: `name at most ${EVIDENCE_MAX_COMPETENCIES} competencies` })
      .describe(`Competency ids the evidence supports; at least one, at most ${EVIDENCE_MAX_COMPETENCIES}.`),
    date: z
      .string()
      .optional()
      .describe("YYYY-MM-DD, from 1900 on and not in the future in the person's time zone; their today when left out."),
    body: z
      .string()
      .max(EVIDENCE_BODY_MAX_LENGTH, { error: (issue) => bodyTooLongMessage(String(issue.input).length) })
      .optional()
      .describe(`Details in Markdown, at most ${EVIDENCE_BODY_MAX_LENGTH} characters.`),
    links: z
      .array(z.string().max(LINK_MAX_LENGTH))
      .max(EVIDENCE_MAX_LINKS, { error: `give at most ${EVIDENCE_MAX_LINKS} links` })
      .optional()
      .describe(`http(s) URLs, at most ${EVIDENCE_MAX_LINKS}.`),
    visibility: Visibility.optional().describe(
      'private (the default), managers (the manager chain) or people (those named in sharedWith). The old value shared is refused.',
    ),
    sharedWith: z
      .array(z.string().max(ID_MAX_LENGTH))
      .max(EVIDENCE_MAX_AUDIENCE, { error: `share with at most ${EVIDENCE_MAX_AUDIENCE} people by name` })
      .optional()
      .describe(
        `Ids of active people who may see it, with visibility people: at least one, at most ${EVIDENCE_MAX_AUDIENCE}, each once, not the author.`,
      ),
  })
  .strict()
  .meta({ id: 'EvidenceCreate' });

export const EvidenceUpdate = EvidenceCreate.partial().strict().meta({ id: 'EvidenceUpdate' });

/** The query fields of every list: how many items, and where the previous page ended. */
const PageQuery = z.object({
  limit: z
    .string()
    .regex(/^[0-9]{1,4}$/, { error: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, { error: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
        .max(MAX_PAGE_SIZE, {
          error: `must be a whole number from 1 to ${MAX_PAGE_SIZE}`,
        }),
    )
    .optional()
    .describe(`How many items a page holds: 1 to ${MAX_PAGE_SIZE}, ${DEFAULT_PAGE_SIZE} when left out.`),
  cursor: z
    .string()
    .max(MAX_CURSOR_LENGTH)
    .optional()
    .describe('The `nextCursor` of the previous page, unchanged; the first page when left out.'),
});

/** One page of a list: the items, and the cursor of the next page (null on the last). */
function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .describe('Send as `cursor` to read the next page; null when this page is the last.'),
    })
    .meta({ id });
}

export const EvidenceQuery = PageQuery.extend({
  competency: z.string().optional(),
  kind: z.string().optional(),
  since: z.string().optional(),
  until: z.string().optional(),
});

export const Rating = z.object({ competencyId: z.string(), rating: z.string(), note: z.string().nullable() });

export const Assessment = z
  .object({
    id,
    personId: z.string(),
    assessorId: z.string(),
    kind: z.enum(['self', 'manager']),
    ladderId: z.string(),
    ladderHash: z.string(),
    trackId: z.string(),
    createdAt: z.string(),
    note: z.string().nullable(),
    ratings: z.array(Rating),
  })
  .meta({ id: 'Assessment' });

export const AssessmentCreate = z
  .object({
    kind: z.enum(['self', 'manager']).optional().describe('self (the default) or manager.'),
    track: z
      .string()
      .optional()
      .describe("The track to assess on; the person's track (that of their latest assessment) when left out."),
    ratings: boundedRecord(z.string().max(ID_MAX_LENGTH)).describe(
      'Competency id -> level id (milestone id on a points ladder) or not-observed. Unnamed competencies keep their previous rating.',
    ),
    notes: boundedRecord(
      z.string().max(RATING_NOTE_MAX_LENGTH, {
        error: (issue) => noteTooLongMessage(String(issue.input).length, RATING_NOTE_MAX_LENGTH),
      }),
    )
      .optional()
      .describe(`Competency id -> why this rating, at most ${RATING_NOTE_MAX_LENGTH} characters each.`),
    note: z
      .string()
      .max(ASSESSMENT_NOTE_MAX_LENGTH, {
        error: (issue) => noteTooLongMessage(String(issue.input).length, ASSESSMENT_NOTE_MAX_LENGTH),
      })
      .optional()
      .describe(`About the whole assessment, at most ${ASSESSMENT_NOTE_MAX_LENGTH} characters.`),
  })
  .strict()
  .meta({ id: 'AssessmentCreate' });

/** Why a level is not met: a stable code, the competency it names, and a sentence. */
export const Blocker = z
  .object({
    code: z
      .enum([
        'too-few-observed',
        'required-not-rated',
        'required-below',
        'too-far-below',
        'share-not-reached',
        'below-level',
        'not-enough-evidence',
        'average-below',
        'points-below',
        'lower-level-not-met',
      ])
      .describe('Stable code of the kind of reason.'),
    competency: z
      .object({ id: z.string(), title: z.string() })
      .nullable()
      .describe('The competency the blocker names; null when it is about the whole level.'),
    message: z.string().describe('One sentence a person can act on.'),
  })
  .meta({ id: 'Blocker' });

const blockers = z.array(Blocker).describe('Why the level is not met; empty exactly when it is met.');
const rule = z.string().describe("The level's rule in words, generated from the ladder's policy.");

export const CompetencyProgress = z
  .object({
    id: z.string(),
    title: z.string(),
    category: z.string(),
    rating: z.object({ id: z.string(), title: z.string(), index: z.number() }).nullable(),
    status: z.enum(['meets', 'one-below', 'further-below', 'not-observed', 'not-applicable', 'scored']),
    stepsBelow: z.number(),
    evidenceCount: z.number(),
    note: z.string().nullable().describe('Why the rating in force was given, from its assessment; null when none.'),
    supported: z
      .boolean()
      .describe(
        'False when the rating lacks the evidence the ladder asks for it to count (at the target level, or at its own level when below it); true when not rated.',
      ),
    evidenceNeeded: z
      .number()
      .describe(
        'Pieces of evidence the rating needs to count at the target level (at its own level when below it); 0 when none.',
      ),
    expectation: z
      .object({
        expectation: z.string(),
        signals: z.array(z.string()).optional(),
        notYet: z.array(z.string()).optional(),
      })
      .nullable()
      .describe('What the competency asks at the target level.'),
  })
  .meta({ id: 'CompetencyProgress' });

export const Progress = z
  .object({
    ladder: z.object({ id: z.string(), hash: z.string(), track: z.string(), policy: z.string() }),
    assessedAt: z.string().nullable(),
    assessedAgainst: z
      .object({ ladderId: z.string(), ladderHash: z.string() })
      .nullable()
      .describe(
        'The ladder version the ratings in force were made against, which may be older than today; null when never assessed.',
      ),
    demonstrated: LevelRef.nullable(),
    next: LevelRef.nullable(),
    reason: z.string().nullable().describe('Why no level is demonstrated yet.'),
    observed: z.number(),
    applicable: z.number(),
    score: z.number().nullable(),
    levels: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        met: z.boolean(),
        readiness: z.number().describe('0..1; below 1 whenever the level is not met.'),
        blockers,
        rule,
      }),
    ),
    target: z.object({
      level: LevelRef,
      met: z.boolean(),
      readiness: z.number().describe('0..1; below 1 whenever the level is not met.'),
      blockers,
      rule,
      pointsNeeded: z.number().nullable(),
      competencies: z.array(CompetencyProgress),
      gaps: z.array(z.string()).describe('Ids of the competencies below the target, largest gap first.'),
    }),
  })
  .meta({ id: 'Progress' });

export const ProgressQuery = z.object({
  target: z.string().optional().describe('Level id or title; the next level when left out.'),
  track: z
    .string()
    .optional()
    .describe("Track id; the person's track (that of their latest assessment) when left out."),
});

export const HistoryEntry = z
  .object({
    assessmentId: z.string(),
    kind: z.enum(['self', 'manager']),
    createdAt: z.string(),
    ladderHash: z.string().describe('The ladder version the assessment was made and is evaluated against.'),
    trackId: z.string(),
    demonstrated: LevelRef.nullable(),
    ratings: z.array(
      z.object({
        competencyId: z.string(),
        title: z.string(),
        level: LevelRef.nullable(),
        index: z.number().nullable().describe('Position on the scale, 0 for the first level; null when not observed.'),
        note: z.string().nullable().describe('Why the assessor gave this rating; null when they wrote nothing.'),
      }),
    ),
  })
  .meta({ id: 'HistoryEntry' });

export const History = pageOf(HistoryEntry, 'History');

export const AssessmentQuery = PageQuery.extend({
  kind: z.enum(['self', 'manager']).optional().describe('Only assessments of this kind; every kind when left out.'),
});

export const HistoryQuery = PageQuery.extend({
  kind: z.enum(['self', 'manager']).optional().describe('Only assessments of this kind; every kind when left out.'),
});

export const LadderVersionsQuery = PageQuery;

export const LadderParams = z.object({ ladderId: z.string().min(1).describe("The ladder's id, from its file.") });
export const LadderVersionParams = LadderParams.extend({
  hash: z.string().min(1).describe('Hash (or a unique prefix) of the version.'),
});

/** The longest ladder file the API takes, in characters (the request body is at most 1 MiB). */
export const LADDER_UPLOAD_MAX_LENGTH = 1_000_000;

export const LadderUpload = z
  .object({
    yaml: z
      .string()
      .min(1)
      .max(LADDER_UPLOAD_MAX_LENGTH, {
        error: (issue) =>
          `the file has ${String(issue.input).length.toLocaleString('en')} characters; the API takes at most ${LADDER_UPLOAD_MAX_LENGTH.toLocaleString('en')}`,
      })
      .describe('The ladder file as text (YAML, the format of docs/ladder-format.md).'),
    fileName: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('The name problems are located in (`ladder.yaml:12:5: …`); ladder.yaml when left out.'),
  })
  .strict()
  .meta({ id: 'LadderUpload' });

export const Health = z
  .object({ status: z.literal('ok').describe('The process is up (/healthz) or the database answers (/readyz).') })
  .meta({ id: 'Health' });

/**
 * The longest people file the API takes, in characters: the request body is at
 * most 1 MiB, so larger files go through `longhaul org import` (up to 5 MB).
 */
export const ORG_IMPORT_CSV_MAX_LENGTH = 1_000_000;
/** The longest file name an import may give for its messages. */
const FILE_NAME_MAX_LENGTH = 200;

export const OrgImport = z
  .object({
    csv: z
      .string()
      .max(ORG_IMPORT_CSV_MAX_LENGTH, {
        error: (issue) =>
          `the file has ${String(issue.input).length.toLocaleString('en')} characters; the API takes at most ${ORG_IMPORT_CSV_MAX_LENGTH.toLocaleString('en')}: import a larger file with longhaul org import`,
      })
      .describe(
        `The people file as text: CSV whose header line names the columns ${PEOPLE_CSV_COLUMNS.join(', ')} (in any order and case), at most ${ORG_IMPORT_CSV_MAX_LENGTH.toLocaleString('en')} characters.`,
      ),
    dryRun: z.boolean().optional().describe('Check and plan only; write nothing. False when left out.'),
    fileName: z
      .string()
      .min(1)
      .max(FILE_NAME_MAX_LENGTH)
      .optional()
      .describe('The name problems are located in (`people.csv:3:4: …`); people.csv when left out.'),
  })
  .strict()
  .meta({ id: 'OrgImport' });

const PlannedPerson = z.object({
  line: z.number().int().describe('The line of the file the person is on.'),
  email: z.string(),
  name: z.string(),
});

export const ImportPlan = z
  .object({
    source: z.string().describe('The file name the problems and messages use.'),
    dryRun: z.boolean(),
    applied: z.boolean().describe('Whether the plan was written: the file was valid and this was not a dry run.'),
    added: z.array(PlannedPerson).describe('People in the file but not stored, in file order.'),
    updated: z
      .array(
        PlannedPerson.extend({
          changes: z.array(
            z.object({
              field: z.enum(['name', 'team', 'manager', 'track', 'level']),
              from: z.string().nullable().describe('The stored value (the manager by email); null for none.'),
              to: z.string().nullable(),
            }),
          ),
        }),
      )
      .describe('Stored people (matched by email, without case) the file changes, with every change.'),
    unchanged: z.number().int().describe('Stored people the file lists exactly as they are.'),
    teamsCreated: z.array(z.string()).describe('Teams the file names that did not exist.'),
    notInFile: z.number().int().describe('Stored people the file does not list; an import leaves them as they are.'),
  })
  .meta({ id: 'ImportPlan' });

export const Team = z
  .object({
    id,
    name: z.string(),
    createdAt: z.string(),
    members: z.number().int().describe('Active people in the team (deactivated people are left out).'),
  })
  .meta({ id: 'Team' });

export const TeamParams = z.object({ teamId: z.string().min(1) });
export const TeamRename = z
  .object({
    name: z.string().max(1000).describe('The new name: 1 to 100 characters, unlike any other team but for case.'),
  })
  .strict()
  .meta({ id: 'TeamRename' });
export const TeamRenamed = z.object({ id, name: z.string(), createdAt: z.string() }).meta({ id: 'TeamRenamed' });

export const PersonParams = z.object({ personId: z.string().min(1) });
export const EvidenceParams = z.object({ evidenceId: z.string().min(1) });
export const PeopleQuery = PageQuery.extend({ team: z.string().optional() });
export const TeamsQuery = PageQuery;
export const SessionsQuery = PageQuery;
export const TokensQuery = PageQuery;
export const TeamPage = pageOf(Team, 'TeamPage');

export const ReportsQuery = PageQuery.extend({
  scope: z
    .enum(['direct', 'all'])
    .optional()
    .describe('`direct` (the default): the people the manager manages; `all`: everyone beneath them, at any depth.'),
});

export const Report = z
  .object({
    person: Person,
    depth: z.number().int().describe('1 for a direct report, 2 for the report of a report, and so on.'),
    assessedAt: z.string().nullable().describe('When the ratings in force were recorded; null when never assessed.'),
    demonstrated: LevelRef.nullable().describe('The highest level the ratings show; null below the first.'),
    next: LevelRef.nullable().describe('The level after it; null at the top.'),
    readiness: z
      .number()
      .nullable()
      .describe('How far along the next level the ratings are, from 0 to 1; null at the top.'),
  })
  .meta({ id: 'Report' });
export const ReportPage = pageOf(Report, 'ReportPage');

export const InstallationSettings = z
  .object({
    singleSignOn: z
      .object({ issuer: z.string(), clientId: z.string(), redirectUri: z.string() })
      .nullable()
      .describe('The identity provider (LONGHAUL_OIDC_*; the secret is never shown); null when single sign-on is off.'),
    publicUrl: z.string().nullable().describe('--public-url or LONGHAUL_PUBLIC_URL; null when unset.'),
    demo: z.boolean().describe('Whether the server offers the demo accounts with one click.'),
    sessions: z.object({ idleHours: z.number(), absoluteDays: z.number() }),
    signInLimits: z.object({ perAccount: z.number(), perAddress: z.number(), windowMinutes: z.number() }),
    apiTokenMaxDays: z.number(),
    resetLinkHours: z.number(),
    organisation: z.object({
      activePeople: z.number().int(),
      deactivatedPeople: z.number().int(),
      admins: z.number().int(),
      teams: z.number().int(),
    }),
  })
  .meta({ id: 'InstallationSettings' });

export const EvidencePage = pageOf(Evidence, 'EvidencePage');
export const PeoplePage = pageOf(Person, 'PeoplePage');

/** A person as the admin screens show them: the directory's fields and what only an admin changes. */
export const AdminPerson = Person.extend({
  trackId: z.string().nullable().describe("The person's official track on the active ladder; null for none."),
  levelId: z.string().nullable().describe("The person's official level on that track; null for none."),
  isAdmin: z.boolean().describe('Whether the person may change the organisation and read the audit log.'),
  deactivatedAt: z
    .string()
    .nullable()
    .describe('When the person was deactivated (they cannot sign in; their records stay); null while active.'),
}).meta({ id: 'AdminPerson' });

export const AdminPeoplePage = pageOf(AdminPerson, 'AdminPeoplePage');
export const AdminPeopleQuery = PeopleQuery;

const personEmail = z
  .string()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, { error: 'must be an email address such as kim.park@example.com' })
  .describe('The email the person signs in with; unique without case, stored in lower case.');
const personName = z.string().min(1, { error: 'empty; every person needs a name' }).max(200).describe('Their name.');
const personTitle = z.string().max(200).nullable().optional().describe('Their job title; null or empty for none.');
const personTeam = z
  .string()
  .max(100)
  .nullable()
  .optional()
  .describe('A team name: an existing team matched without case, else a new team; null or empty for none.');
const personManager = z
  .string()
  .min(1)
  .max(100)
  .nullable()
  .optional()
  .describe("Their manager's person id; null for none.");
const personTrack = z
  .string()
  .max(100)
  .nullable()
  .optional()
  .describe('A track id of the active ladder; null for none.');
const personLevel = z
  .string()
  .max(100)
  .nullable()
  .optional()
  .describe("A level id of the track (the ladder's first track when none is given); null for none.");

export const PersonCreate = z
  .object({
    name: personName,
    email: personEmail,
    team: personTeam,
    managerId: personManager,
    title: personTitle,
    trackId: personTrack,
    levelId: personLevel,
  })
  .strict()
  .meta({ id: 'PersonCreate' });

export const PersonAdminUpdate = z
  .object({
    name: personName.optional(),
    email: personEmail.optional(),
    team: personTeam,
    managerId: personManager,
    title: personTitle,
    trackId: personTrack,
    levelId: personLevel,
    isAdmin: z.boolean().optional().describe('Give or take the admin role; the last active admin keeps it (409).'),
    active: z
      .boolean()
      .optional()
      .describe('false deactivates the person, true brings them back; the last active admin stays active (409).'),
  })
  .strict()
  .meta({ id: 'PersonAdminUpdate' });

export type AdminPerson = z.infer<typeof AdminPerson>;
export type AdminPeoplePage = z.infer<typeof AdminPeoplePage>;
export type PersonCreate = z.infer<typeof PersonCreate>;
export type PersonAdminUpdate = z.infer<typeof PersonAdminUpdate>;
export const AssessmentPage = pageOf(Assessment, 'AssessmentPage');
export const LadderVersionPage = pageOf(LadderVersion, 'LadderVersionPage');

export type ErrorResponse = z.infer<typeof ErrorResponse>;
export type LevelRef = z.infer<typeof LevelRef>;
export type TeamRename = z.infer<typeof TeamRename>;
export type TeamRenamed = z.infer<typeof TeamRenamed>;
export type InstallationSettings = z.infer<typeof InstallationSettings>;
export type Report = z.infer<typeof Report>;
export type ReportPage = z.infer<typeof ReportPage>;
export type Person = z.infer<typeof Person>;
export type PersonUpdate = z.infer<typeof PersonUpdate>;
export type Me = z.infer<typeof Me>;
export type SignIn = z.infer<typeof SignIn>;
export type SessionCreated = z.infer<typeof SessionCreated>;
export type SessionInfo = z.infer<typeof SessionInfo>;
export type SessionsEnded = z.infer<typeof SessionsEnded>;
export type SetupState = z.infer<typeof SetupState>;
export type SetupCreate = z.infer<typeof SetupCreate>;
export type DemoAccount = z.infer<typeof DemoAccount>;
export type DemoAccounts = z.infer<typeof DemoAccounts>;
export type PasswordResetCreated = z.infer<typeof PasswordResetCreated>;
export type ApiToken = z.infer<typeof ApiToken>;
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;
export type LadderVersion = z.infer<typeof LadderVersion>;
export type Ladder = z.infer<typeof Ladder>;
export type LadderDiff = z.infer<typeof LadderDiff>;
export type Evidence = z.infer<typeof Evidence>;
export type EvidenceCreate = z.infer<typeof EvidenceCreate>;
export type EvidenceUpdate = z.infer<typeof EvidenceUpdate>;
export type Assessment = z.infer<typeof Assessment>;
export type AssessmentCreate = z.infer<typeof AssessmentCreate>;
export type Blocker = z.infer<typeof Blocker>;
export type CompetencyProgress = z.infer<typeof CompetencyProgress>;
export type Progress = z.infer<typeof Progress>;
export type HistoryEntry = z.infer<typeof HistoryEntry>;
export type History = z.infer<typeof History>;
export type EvidencePage = z.infer<typeof EvidencePage>;
export type PeoplePage = z.infer<typeof PeoplePage>;
export type AssessmentPage = z.infer<typeof AssessmentPage>;
export type LadderVersionPage = z.infer<typeof LadderVersionPage>;
export type LadderUpload = z.infer<typeof LadderUpload>;
export type AssessmentQuery = z.infer<typeof AssessmentQuery>;
export type HistoryQuery = z.infer<typeof HistoryQuery>;
export type Health = z.infer<typeof Health>;
export type OrgImport = z.infer<typeof OrgImport>;
export type ImportPlan = z.infer<typeof ImportPlan>;
export type Team = z.infer<typeof Team>;

export const SessionPage = pageOf(SessionInfo, 'SessionPage');
export const ApiTokenPage = pageOf(ApiToken, 'ApiTokenPage');
export type SessionPage = z.infer<typeof SessionPage>;
export type ApiTokenPage = z.infer<typeof ApiTokenPage>;

/** An instant or a date in a filter: ISO-8601 (`2026-03-01` or `2026-03-01T09:00:00Z`). */
const isoInstant = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, {
    error: 'must be an ISO-8601 date or instant, such as 2026-03-01 or 2026-03-01T09:00:00Z',
  })
  .describe('An ISO-8601 date (midnight UTC) or instant.');

export const AuditEvent = z
  .object({
    id,
    at: z.string().describe('When it happened, ISO-8601 UTC.'),
    actorId: z.string().nullable().describe('Who acted; null for a request before sign-in.'),
    actorName: z.string().nullable().describe("The actor's name, or null when they are anonymous or deleted."),
    action: z.string().describe('The operation, as the operationId of its route (updatePerson, getProgress).'),
    subjectId: z.string().nullable().describe('Whose data it concerned; null when nobody in particular.'),
    subjectName: z.string().nullable().describe("The subject's name, or null when deleted."),
    targetKind: z.string().nullable().describe('The kind of record acted on (evidence, assessment, api_token).'),
    targetId: z.string().nullable(),
    outcome: z.enum(['allowed', 'refused']).describe('Whether the access policy allowed it.'),
    via: z.enum(['web', 'api', 'cli']).describe('The web app (a session), the API (a token) or the command line.'),
    address: z.string().nullable().describe("The client's IP address."),
    requestId: z.string().nullable().describe('The id of the request in the server log (X-Request-Id).'),
  })
  .meta({ id: 'AuditEvent' });

const auditFilters = {
  actor: z.string().min(1).max(ID_MAX_LENGTH).optional().describe('Only what this person did (their id).'),
  subject: z.string().min(1).max(ID_MAX_LENGTH).optional().describe("Only what concerned this person's data."),
  action: z.string().min(1).max(100).optional().describe('Only this operation (an operationId).'),
  from: isoInstant.optional().describe('Only events at or after this date or instant.'),
  to: isoInstant.optional().describe('Only events before this date or instant.'),
};

export const AuditQuery = PageQuery.extend(auditFilters);
export const AuditExportQuery = z.object(auditFilters);
export const PersonAuditQuery = PageQuery;
export const AuditPage = pageOf(AuditEvent, 'AuditPage');

export const PersonalData = z
  .object({
    exportedAt: z.string(),
    person: Person.extend({
      teamId: z.string().nullable(),
      trackId: z.string().nullable(),
      levelId: z.string().nullable(),
      isAdmin: z.boolean(),
      deactivatedAt: z.string().nullable(),
    }),
    account: z
      .object({
        createdAt: z.string(),
        passwordChangedAt: z.string().nullable(),
        hasPassword: z.boolean(),
        isDemo: z.boolean(),
      })
      .nullable()
      .describe('Null for a person who cannot sign in. Never the password or its hash.'),
    sessions: z
      .array(
        z.object({
          createdAt: z.string(),
          lastSeenAt: z.string(),
          expiresAt: z.string(),
          userAgent: z.string().nullable(),
          address: z.string().nullable(),
        }),
      )
      .describe('Every stored session, without its id.'),
    apiTokens: z
      .array(
        z.object({
          name: z.string(),
          prefix: z.string(),
          createdAt: z.string(),
          expiresAt: z.string(),
          lastUsedAt: z.string().nullable(),
          revokedAt: z.string().nullable(),
        }),
      )
      .describe('Every token, revoked ones included, by name: never the token or its hash.'),
    evidence: z
      .array(Evidence.extend({ deletedAt: z.string().nullable() }))
      .describe('Every piece, deleted ones (which can still be restored) included.'),
    assessments: z.array(Assessment).describe('Every assessment of the person, oldest first.'),
    settings: z.object({ timeZone: z.string().nullable() }),
    auditEvents: z.array(AuditEvent).describe('What happened to their data, newest first.'),
    auditEventsTruncated: z.boolean().describe('Whether older audit events were left out (10,000 at most).'),
  })
  .meta({ id: 'PersonalData' });

export const PersonDelete = z
  .object({
    confirmEmail: z
      .string()
      .max(254)
      .describe("The person's email, typed again (their name for a person without one), so a slip cannot delete."),
  })
  .strict()
  .meta({ id: 'PersonDelete' });

export type AuditEvent = z.infer<typeof AuditEvent>;
export type AuditPage = z.infer<typeof AuditPage>;
export type PersonalData = z.infer<typeof PersonalData>;
export type PersonDelete = z.infer<typeof PersonDelete>;
