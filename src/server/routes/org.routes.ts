import { importOrganisation, listTeams, renameTeam } from '../../services/org.service.js';
import { ImportPlan, OrgImport, TeamPage, TeamParams, TeamRename, TeamRenamed, TeamsQuery } from '../api-contract.js';
import { signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentImportPlan, presentTeam } from '../presenters/org.presenter.js';
import { presentPage } from '../presenters/page.presenter.js';
import { defineRoute, type Route } from '../route.js';
import { blameFileField } from './route-helpers.js';

const EXAMPLE_CSV = [
  'email,name,team,manager_email,track,level',
  'amara.nwosu@example.com,Amara Nwosu,,,ic,architect',
  'kwame.asante@example.com,Kwame Asante,Payments,amara.nwosu@example.com,ic,senior',
].join('\n');

/** The organisation: import a people file (admins only), and the teams. */
export const orgRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/api/org/import',
    operationId: 'importOrganisation',
    tag: 'organisation',
    summary: 'Import people from a CSV file',
    description:
      'Admins only. Adds the people of the file and updates those already stored (matched by email, without case) in one transaction; people the file does not list stay as they are. With any problem nothing is written, and the 422 lists each at `body.csv` with its `file:line:col`. `dryRun` plans without writing. See docs/organisation.md for the columns.',
    authenticate: signedIn,
    body: OrgImport,
    example: { csv: EXAMPLE_CSV, dryRun: true },
    errors: [403, 503],
    authorize: async ({ actor }) => permit(policy.manageOrganisation(actor), undefined),
    handle: async ({ app, body }) => {
      const ladder = await app.ladders.active(app.db);
      return blameFileField(
        () =>
          importOrganisation(app.db, ladder, body.csv, {
            sourceName: body.fileName ?? 'people.csv',
            dryRun: body.dryRun === true,
          }),
        'input_invalid',
        'csv',
      );
    },
    present: presentImportPlan,
    audit: { subject: () => null, target: () => ({ kind: 'organisation', id: 'people' }) },
    response: { status: 200, description: 'What the import did, or would do on a dry run.', schema: ImportPlan },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/teams',
    operationId: 'listTeams',
    tag: 'organisation',
    summary: 'The teams, a page at a time',
    description: 'In name order, each with its number of active people.',
    authenticate: signedIn,
    query: TeamsQuery,
    errors: [503],
    authorize: async ({ actor }) => permit(policy.readTeams(actor), undefined),
    handle: ({ app, query }) => listTeams(app.db, query),
    present: (page) => presentPage(page, presentTeam),
    audit: { none: "the teams and their sizes are the organisation's directory, read by everyone" },
    response: { status: 200, description: 'A page of teams, in name order.', schema: TeamPage },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/admin/teams/:teamId',
    operationId: 'renameTeam',
    tag: 'organisation',
    summary: 'Rename a team',
    description:
      'Its people stay in it under the new name. 409 at `body.name` when another team has that name but for letter case. Admins only.',
    authenticate: signedIn,
    params: TeamParams,
    body: TeamRename,
    example: { name: 'Payments Platform' },
    errors: [403, 404, 409, 503],
    authorize: async ({ actor }) => permit(policy.manageOrganisation(actor), undefined),
    handle: ({ app, params, body }) => renameTeam(app.db, params.teamId, body.name),
    present: (team) => ({ id: team.id, name: team.name, createdAt: team.createdAt }),
    audit: { subject: () => null, target: ({ params }) => ({ kind: 'team', id: params.teamId }) },
    response: { status: 200, description: 'The team under its new name.', schema: TeamRenamed },
  }),
];
