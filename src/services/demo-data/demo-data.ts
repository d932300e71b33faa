import { z } from 'zod';
import { DomainError } from '../../core/domain-error.js';
import { EVIDENCE_KINDS } from '../../store/schema.js';
import evidenceTemplatesJson from './evidence-templates.json' with { type: 'json' };
import localHistoryJson from './local-history.json' with { type: 'json' };
import organisationJson from './organisation.json' with { type: 'json' };

/*
 * The demo organisation as data: who works where, the words their evidence is
 * written in, and the local person's hand-written year. The JSON files beside
 * this module hold it; they are imported (not read from disk), so the compiled
 * package and the CLI bundle carry them inside. Each file is checked against
 * its schema when the demo is first used, so a typo fails loudly with its path.
 */

/** A position on the default ladder's track: 0 junior, 1 mid-level, 2 senior, 3 architect. */
export const Tier = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
/** A position on the default ladder's track: 0 junior, 1 mid-level, 2 senior, 3 architect. */
export type Tier = z.infer<typeof Tier>;

const comment = z.string().optional();
const text = z.string().min(1);
const lines = z.array(z.string()).min(1);
const competencyIds = z.array(text).min(1);

const TeamSpec = z.strictObject({
  name: text,
  slug: z.string().regex(/^[a-z0-9-]+$/),
  manager: text,
  members: z.array(z.strictObject({ name: text, tier: Tier })).min(1),
  systems: z.array(text).min(2),
  incidents: z.array(text).min(1),
  designs: z.array(text).min(1),
  features: z.array(text).min(1),
  bugs: z.array(text).min(1),
  migrations: z.array(text).min(1),
});
/** A team and the words its evidence is written in: the systems it runs and what happens to them. */
export type TeamSpec = z.infer<typeof TeamSpec>;

const Organisation = z.strictObject({
  $comment: comment,
  headOfEngineering: text,
  /**
   * Who may change the organisation (import people, move them) and run the installation; the first is the
   * demo's admin account. The local person is not among them, nor anyone in their management chain, so the
   * demo shows that an admin does not read a person's private data.
   */
  admins: z.array(text).min(1),
  localPerson: z.strictObject({ team: text, tier: Tier }),
  teams: z.array(TeamSpec).min(1),
  standards: z.array(text).min(1),
  selfAssessments: z.strictObject({
    $comment: comment,
    windows: z.array(z.tuple([z.number().int().positive(), z.number().int().positive()])).min(1),
    notes: z.array(z.array(text).min(1)).min(1),
  }),
});

const EvidenceTemplate = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  competencies: competencyIds,
  tiers: z.tuple([Tier, Tier]),
  title: text,
  body: z.union([lines, z.strictObject({ shared: text })]).optional(),
  link: z.enum(['pr', 'wiki', 'none']).optional(),
  once: z.boolean().optional(),
});
/** One piece of evidence someone at the template's tiers might log, with {placeholders} for their team's words. */
export type EvidenceTemplate = z.infer<typeof EvidenceTemplate>;

const EvidenceTemplates = z.strictObject({
  $comment: comment,
  sharedBodies: z.record(z.string(), lines),
  engineer: z.array(EvidenceTemplate).min(1),
  manager: z.array(EvidenceTemplate).min(1),
  head: z.array(EvidenceTemplate).min(1),
});

const TierRating = Tier.nullable();

const LocalHistory = z.strictObject({
  $comment: comment,
  evidence: z
    .array(
      z.strictObject({
        daysAgo: z.number().int().min(0),
        kind: z.enum(EVIDENCE_KINDS),
        competencies: competencyIds,
        visibility: z.enum(['private', 'managers', 'people']),
        /** Names of people of the organisation who may see it, with visibility people. */
        sharedWith: z.array(text).min(1).optional(),
        title: text,
        body: lines.optional(),
        link: z.url().optional(),
      }),
    )
    .min(1),
  assessments: z
    .array(
      z.strictObject({
        daysAgo: z.number().int().min(0),
        kind: z.enum(['self', 'manager']),
        note: text,
        ratings: z.record(z.string(), TierRating),
        notes: z.record(z.string(), text).optional(),
      }),
    )
    .min(1),
  fallbackGrowth: z.strictObject({ $comment: comment, paths: z.array(z.array(TierRating).min(1)).min(1) }),
});

/** Everything the demo is made from, checked. */
export interface DemoData {
  organisation: z.infer<typeof Organisation>;
  templates: z.infer<typeof EvidenceTemplates>;
  local: z.infer<typeof LocalHistory>;
}

let loaded: DemoData | undefined;

/** The demo's data, checked against its schemas on first use (see parseDemoData). */
export function demoData(): DemoData {
  loaded ??= parseDemoData({
    organisation: organisationJson,
    templates: evidenceTemplatesJson,
    local: localHistoryJson,
  });
  return loaded;
}

/**
 * Checks the three data files against their schemas, so a typo in the data
 * fails loudly, naming the file and the field, rather than seeding odd rows.
 *
 * @throws DomainError `input_invalid` naming the file and the field when a data file is malformed.
 */
export function parseDemoData(raw: { organisation: unknown; templates: unknown; local: unknown }): DemoData {
  return {
    organisation: check(Organisation, raw.organisation, 'organisation.json'),
    templates: checkTemplates(check(EvidenceTemplates, raw.templates, 'evidence-templates.json')),
    local: check(LocalHistory, raw.local, 'local-history.json'),
  };
}

function check<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    source: `src/services/demo-data/${file}`,
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
    message: issue.message,
  }));
  throw new DomainError(
    'input_invalid',
    `the demo data in ${file} is malformed: ${problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`,
    problems,
  );
}

/** Every shared body a template names must exist. */
function checkTemplates(templates: DemoData['templates']): DemoData['templates'] {
  for (const group of ['engineer', 'manager', 'head'] as const) {
    templates[group].forEach((template, index) => {
      const body = template.body;
      if (body !== undefined && !Array.isArray(body) && templates.sharedBodies[body.shared] === undefined) {
        throw new DomainError(
          'input_invalid',
          `the demo data in evidence-templates.json is malformed: ${group}.${index}.body names no shared body "${body.shared}"`,
        );
      }
    });
  }
  return templates;
}
