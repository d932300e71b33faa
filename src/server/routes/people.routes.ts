import {
  changePersonSettings,
  findManagementChain,
  getPerson,
  listPeopleInTeam,
} from '../../services/person.service.js';
import { listReports } from '../../services/team.service.js';
import {
  PeoplePage,
  PeopleQuery,
  Person,
  PersonParams,
  PersonUpdate,
  ReportPage,
  ReportsQuery,
} from '../api-contract.js';
import { signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentPage } from '../presenters/page.presenter.js';
import { presentPerson } from '../presenters/person.presenter.js';
import { presentReport } from '../presenters/report.presenter.js';
import { defineRoute, type Route } from '../route.js';

/** The directory: everyone, or one team, one person's profile, and the settings a person changes themself. */
export const peopleRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/people',
    operationId: 'listPeople',
    tag: 'people',
    summary: 'Everyone, or one team, a page at a time',
    description: 'In name order. `team` matches the team name exactly.',
    authenticate: signedIn,
    query: PeopleQuery,
    errors: [503],
    authorize: async ({ actor }) => permit(policy.readPeople(actor), undefined),
    handle: ({ app, query }) => listPeopleInTeam(app.db, query),
    present: (page) => presentPage(page, presentPerson),
    audit: { none: 'the directory lists everyone to everyone; a read of one profile is recorded by getPerson' },
    response: { status: 200, description: 'A page of people, in name order.', schema: PeoplePage },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/people/:personId',
    operationId: 'getPerson',
    tag: 'people',
    summary: "A person's profile",
    authenticate: signedIn,
    params: PersonParams,
    errors: [404, 503],
    authorize: async ({ actor, app, params }) =>
      permit(policy.readPeople(actor), await getPerson(app.db, params.personId)),
    handle: async ({ loaded }) => loaded,
    present: presentPerson,
    audit: { subject: ({ loaded }) => loaded.id },
    response: { status: 200, description: 'The person.', schema: Person },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/people/:personId',
    operationId: 'updatePerson',
    tag: 'people',
    summary: "Change one's own settings",
    description:
      "Only the person themself. `timeZone` decides what today is for their evidence: a date after today there is refused, and a piece logged without a date gets today there. The web app sends the browser's zone when none is set.",
    authenticate: signedIn,
    params: PersonParams,
    body: PersonUpdate,
    example: { timeZone: 'Europe/Berlin' },
    errors: [403, 404, 503],
    authorize: async ({ actor, app, params }) => {
      const person = await getPerson(app.db, params.personId);
      return permit(policy.editPerson(actor, person), person);
    },
    handle: ({ app, loaded, body }) => changePersonSettings(app.db, loaded.id, body),
    present: presentPerson,
    audit: { subject: ({ loaded }) => loaded.id },
    response: { status: 200, description: 'The person as stored now.', schema: Person },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/people/:personId/reports',
    operationId: 'listReports',
    tag: 'people',
    summary: "A manager's team: their reports with level, last assessment and readiness",
    description:
      'The people who report to this person (`scope=all`: at any depth), nearest first and by name, each with the level their ratings show, the readiness for the next level and when they were last assessed. For the manager and their managers up the chain only. Evidence is counted where it is shared, as their managers see it.',
    authenticate: signedIn,
    params: PersonParams,
    query: ReportsQuery,
    errors: [403, 404, 503],
    authorize: async ({ actor, app, params }) => {
      const manager = await getPerson(app.db, params.personId);
      const chain = await findManagementChain(app.db, manager);
      return permit(policy.readReports(actor, manager, chain), manager);
    },
    handle: async ({ actor, app, loaded, query }) =>
      listReports(app.db, await app.ladders.active(app.db), loaded.id, policy.reportEvidenceViewer(actor), query),
    present: (page) => presentPage(page, presentReport),
    audit: { subject: ({ loaded }) => loaded.id },
    response: { status: 200, description: 'A page of the reports, nearest first.', schema: ReportPage },
  }),
];
