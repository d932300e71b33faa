import { z } from 'zod';

/**
 * The one definition of the ladder file format. The loader validates with it,
 * the TypeScript types are inferred from it, and the published JSON Schema
 * (`longhaul ladder schema`) is generated from it, so the three cannot drift.
 */

const idPattern = /^[a-z0-9][a-z0-9._-]*$/;

/** A stable identifier: lower case letters, digits, dot, dash and underscore. */
export const IdSchema = z
  .string()
  .regex(idPattern, 'must be lower case letters, digits, ".", "-" or "_", starting with a letter or digit')
  .describe('A stable identifier: lower-case letters, digits, ".", "-" and "_".');

const TextSchema = z.string().trim().min(1, 'must not be empty');

/** A number of pieces of evidence, for the evidence rule. */
const EvidenceCountSchema = z
  .number()
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(100, 'must be at most 100');

export const LevelSchema = z
  .strictObject({
    id: IdSchema.describe('Stable id of the level, used in ratings and on the command line.'),
    title: TextSchema.describe('The title people see, such as "Senior".'),
    summary: TextSchema.optional().describe(
      'What changes at this level: scope, autonomy and the problems one chooses.',
    ),
    readiness: z.array(TextSchema).optional().describe('Signs that someone at this level is ready for the next one.'),
    required: z
      .array(IdSchema)
      .optional()
      .describe('Competencies that must meet this level for it to be demonstrated (coverage policy).'),
    evidence: EvidenceCountSchema.optional().describe(
      'Pieces of evidence a rating needs to count at this level or above, until a higher level sets its own. A rating with less counts as the highest lower level whose evidence it has. Defaults to 0 (not on a points ladder: set it per milestone expectation there).',
    ),
    formerly: z.array(IdSchema).optional().describe('Ids this level had before, so stored ratings follow a rename.'),
  })
  .describe('One step on a track.');

export const TrackSchema = z
  .strictObject({
    id: IdSchema.describe('Stable id of the track.'),
    title: TextSchema.describe('The title people see, such as "Individual contributor".'),
    description: TextSchema.optional().describe('Who the track is for.'),
    levels: z
      .array(LevelSchema)
      .min(1, 'a track needs at least one level')
      .describe('The levels of the track, lowest first.'),
  })
  .describe('A career path with its ordered levels.');

export const CategorySchema = z
  .strictObject({
    id: IdSchema.describe('Stable id of the category.'),
    title: TextSchema.describe('The title people see.'),
    description: TextSchema.optional().describe('What the competencies of this category have in common.'),
  })
  .describe('A group of related competencies.');

export const ExpectationSchema = z
  .strictObject({
    expectation: TextSchema.describe('What is expected at this level, in two or three sentences.'),
    signals: z
      .array(TextSchema)
      .optional()
      .describe('Observable evidence that the expectation is met: concrete examples.'),
    notYet: z.array(TextSchema).optional().describe('What is not yet enough for this level, to prevent over-rating.'),
    evidence: EvidenceCountSchema.optional().describe(
      "Pieces of evidence a rating of this competency needs to count at this level (or milestone), instead of the level's own `evidence`.",
    ),
  })
  .describe('What a competency asks at one level (or milestone).');

export const CompetencySchema = z
  .strictObject({
    id: IdSchema.describe('Stable id of the competency. Renaming it? Keep the old id in `formerly`.'),
    title: TextSchema.describe('The title people see.'),
    category: IdSchema.describe('Id of the category the competency belongs to.'),
    description: TextSchema.optional().describe('What the competency is about, across all levels.'),
    weight: z
      .number()
      .positive('must be greater than 0')
      .max(100, 'must be at most 100')
      .optional()
      .describe('Relative weight for the weighted-average policy. Defaults to 1.'),
    track: IdSchema.optional().describe('Id of the only track this competency applies to. Defaults to every track.'),
    formerly: z
      .array(IdSchema)
      .optional()
      .describe('Ids this competency had before, so stored ratings and evidence follow a rename.'),
    levels: z
      .record(IdSchema, ExpectationSchema)
      .describe(
        'Expectations keyed by level id (by milestone id for the points policy). A competency may start above the first level, but once it starts every higher level needs an expectation.',
      ),
  })
  .describe('One dimension on which people are rated.');

const MinObservedSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .describe('How many competencies must be rated (not "not observed") before any level is demonstrated.');

export const CoveragePolicySchema = z
  .strictObject({
    kind: z.literal('coverage'),
    share: z
      .number()
      .gt(0, 'must be greater than 0')
      .max(1, 'must be at most 1')
      .default(0.8)
      .describe('Share of the observed competencies that must be at the level or above.'),
    minObserved: MinObservedSchema.default(3),
  })
  .describe(
    'A level is demonstrated when enough observed competencies meet it, none is more than one level below, and the competencies the level marks as required meet it.',
  );

export const AllPolicySchema = z
  .strictObject({
    kind: z.literal('all'),
    minObserved: MinObservedSchema.default(3),
  })
  .describe('A level is demonstrated when every observed competency meets it.');

export const PointsPolicySchema = z
  .strictObject({
    kind: z.literal('points'),
    milestones: z
      .array(
        z.strictObject({
          id: IdSchema.describe('Id of the milestone, used in ratings.'),
          title: TextSchema.optional().describe('The title people see.'),
          points: z.number().min(0, 'must not be negative').describe('Points a competency at this milestone earns.'),
        }),
      )
      .min(2, 'list at least two milestones')
      .describe('The rating scale, lowest first. Ratings name a milestone instead of a level.'),
    thresholds: z
      .array(
        z.strictObject({
          level: IdSchema.describe('Id of a level of the track.'),
          points: z.number().min(0, 'must not be negative').describe('Total points from which the level is reached.'),
        }),
      )
      .min(1, 'list at least one threshold')
      .describe('The total points from which each level is reached, lowest first.'),
  })
  .describe(
    "Each competency earns the points of its milestone; the total picks the level, as Medium's Snowflake does.",
  );

export const WeightedAveragePolicySchema = z
  .strictObject({
    kind: z.literal('weighted-average'),
    minObserved: MinObservedSchema.default(3),
    bands: z
      .array(
        z.strictObject({
          level: IdSchema.describe('Id of a level of the track.'),
          from: z
            .number()
            .min(0, 'must not be negative')
            .describe('Lowest weighted average (0 is the first level, 1 the second, ...) that maps to the level.'),
        }),
      )
      .optional()
      .describe('Bands of the weighted average. Defaults to each level from its own position.'),
  })
  .describe('Competency levels are averaged with their weights and the average is mapped to a level by bands.');

export const PolicySchema = z
  .discriminatedUnion('kind', [CoveragePolicySchema, AllPolicySchema, PointsPolicySchema, WeightedAveragePolicySchema])
  .describe('How ratings become a demonstrated level.');

export const LadderSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
    id: IdSchema.describe('Stable id of the ladder.'),
    title: TextSchema.describe('The title people see.'),
    description: TextSchema.optional().describe('What the ladder is for and how to read it.'),
    policy: PolicySchema.default({ kind: 'coverage', share: 0.8, minObserved: 3 }),
    categories: z.array(CategorySchema).min(1, 'list at least one category').describe('Groups of competencies.'),
    tracks: z.array(TrackSchema).min(1, 'list at least one track').describe('Career paths, each with its levels.'),
    competencies: z
      .array(CompetencySchema)
      .min(1, 'list at least one competency')
      .describe('What people are rated on.'),
  })
  .describe('A Longhaul career ladder.');

/** A ladder as written in its file, after validation and defaults. */
export type LadderDefinition = z.infer<typeof LadderSchema>;
export type Level = z.infer<typeof LevelSchema>;
export type Track = z.infer<typeof TrackSchema>;
export type Category = z.infer<typeof CategorySchema>;
export type Competency = z.infer<typeof CompetencySchema>;
export type Expectation = z.infer<typeof ExpectationSchema>;
export type Policy = z.infer<typeof PolicySchema>;
