import {
  activateLadderVersion,
  diffLadderVersions,
  listLadderVersionSummaries,
  resolveLadderVersion,
  storeLadderVersion,
} from '../../services/ladder-version.service.js';
import {
  Ladder,
  LadderDiff,
  LadderDiffQuery,
  LadderParams,
  LadderUpload,
  LadderVersion,
  LadderVersionPage,
  LadderVersionParams,
  LadderVersionsQuery,
} from '../api-contract.js';
import { blameFileField } from './route-helpers.js';
import { signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentLadder, presentLadderDiff, presentLadderVersion } from '../presenters/ladder.presenter.js';
import { presentPage } from '../presenters/page.presenter.js';
import { defineRoute, type Route } from '../route.js';

const EXAMPLE_LADDER = [
  'id: small',
  'title: Small ladder',
  'categories:',
  '  - id: craft',
  '    title: Craft',
  'tracks:',
  '  - id: ic',
  '    title: Individual contributor',
  '    levels:',
  '      - id: junior',
  '        title: Junior',
  '      - id: senior',
  '        title: Senior',
  'competencies:',
  '  - id: scope',
  '    title: Scope',
  '    category: craft',
  '    levels:',
  '      junior:',
  '        expectation: Works on one function at a time.',
  '      senior:',
  '        expectation: Owns a whole service.',
  '',
].join('\n');

/** The ladder: every stored version, the active one, any one version, the diff of two, and choosing the active one. */
export const ladderRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/ladders',
    operationId: 'listLadderVersions',
    tag: 'ladders',
    summary: 'Every stored ladder version, a page at a time',
    description: 'Oldest first. Exactly one is active: new evidence and assessments are recorded against it.',
    authenticate: signedIn,
    query: LadderVersionsQuery,
    errors: [503],
    authorize: async ({ actor }) => permit(policy.readLadders(actor), undefined),
    handle: ({ app, query }) => listLadderVersionSummaries(app.db, query),
    present: (page) => presentPage(page, presentLadderVersion),
    audit: { none: "the ladder is the organisation's shared language, read by everyone" },
    response: { status: 200, description: 'A page of the stored versions, oldest first.', schema: LadderVersionPage },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/ladders/active',
    operationId: 'getActiveLadder',
    tag: 'ladders',
    summary: 'The active ladder, in full',
    authenticate: signedIn,
    errors: [503],
    authorize: async ({ actor }) => permit(policy.readLadders(actor), undefined),
    handle: ({ app }) => app.ladders.active(app.db),
    present: presentLadder,
    audit: { none: "the ladder is the organisation's shared language, read by everyone" },
    response: { status: 200, description: 'The ladder with its content hash.', schema: Ladder },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/ladders/:ladderId/versions/:hash',
    operationId: 'getLadderVersion',
    tag: 'ladders',
    summary: 'One stored ladder version, in full',
    description: 'The hash may be shortened to any prefix that names one version, like a git commit id.',
    authenticate: signedIn,
    params: LadderVersionParams,
    errors: [404, 503],
    authorize: async ({ actor }) => permit(policy.readLadders(actor), undefined),
    handle: async ({ app, params }) => {
      const version = await resolveLadderVersion(app.db, params.ladderId, params.hash);
      return app.ladders.version(app.db, version.ladderId, version.hash);
    },
    present: presentLadder,
    audit: { none: "the ladder is the organisation's shared language, read by everyone" },
    response: { status: 200, description: 'The ladder version with its content hash.', schema: Ladder },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/ladders',
    operationId: 'storeLadderVersion',
    tag: 'ladders',
    summary: 'Store a ladder file as a version, without making it active',
    description:
      'Admins only. The file goes through the checks of `longhaul validate`; with any problem nothing is stored, and the 422 lists each at `body.yaml` with its `file:line:col`. A version already stored is answered as it is. Make it active with the activate operation.',
    authenticate: signedIn,
    body: LadderUpload,
    example: { yaml: EXAMPLE_LADDER, fileName: 'small.yaml' },
    errors: [403, 503],
    authorize: async ({ actor }) => permit(policy.chooseActiveLadder(actor), undefined),
    handle: ({ app, body }) =>
      blameFileField(
        () => storeLadderVersion(app.db, body.yaml, body.fileName ?? 'ladder.yaml'),
        'ladder_invalid',
        'yaml',
      ),
    present: presentLadderVersion,
    audit: {
      subject: () => null,
      target: (_input, version) => ({ kind: 'ladder', id: `${version.id}@${version.hash}` }),
    },
    response: {
      status: 201,
      description: 'The stored version (active only if it already was).',
      schema: LadderVersion,
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/ladders/:ladderId/versions/:hash/activate',
    operationId: 'activateLadderVersion',
    tag: 'ladders',
    summary: 'Make a stored ladder version the active one',
    description:
      'Admins only. New evidence and assessments are recorded against this version from the next request on, on every server that shares the database; what was recorded before keeps the version it was made with. The hash may be a unique prefix. Activating the version already active changes nothing.',
    authenticate: signedIn,
    params: LadderVersionParams,
    errors: [403, 404, 503],
    authorize: async ({ actor }) => permit(policy.chooseActiveLadder(actor), undefined),
    handle: ({ app, params }) => activateLadderVersion(app.db, app.ladders, params.ladderId, params.hash),
    present: presentLadderVersion,
    audit: {
      subject: () => null,
      target: (_input, version) => ({ kind: 'ladder', id: `${version.id}@${version.hash}` }),
    },
    response: { status: 200, description: 'The version, now active.', schema: LadderVersion },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/ladders/:ladderId/diff',
    operationId: 'diffLadderVersions',
    tag: 'ladders',
    summary: 'What changed between two versions of a ladder',
    description:
      'Added, removed and renamed competencies and levels, and changed expectations. A competency whose `formerly` names an old id is a rename.',
    authenticate: signedIn,
    params: LadderParams,
    query: LadderDiffQuery,
    errors: [404, 503],
    authorize: async ({ actor }) => permit(policy.readLadders(actor), undefined),
    handle: ({ app, params, query }) => diffLadderVersions(app.db, app.ladders, params.ladderId, query.from, query.to),
    present: presentLadderDiff,
    audit: { none: "the ladder is the organisation's shared language, read by everyone" },
    response: { status: 200, description: 'The changes, in ladder order.', schema: LadderDiff },
  }),
];
