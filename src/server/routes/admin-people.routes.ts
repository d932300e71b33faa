import { addPerson, editPerson } from '../../services/admin-people.service.js';
import { getPerson, listPeopleInTeam } from '../../services/person.service.js';
import {
  AdminPeoplePage,
  AdminPeopleQuery,
  AdminPerson,
  PersonAdminUpdate,
  PersonCreate,
  PersonParams,
} from '../api-contract.js';
import { signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentPage } from '../presenters/page.presenter.js';
import { presentAdminPerson } from '../presenters/person.presenter.js';
import { defineRoute, type Route } from '../route.js';

/**
 * The admin screens for people (admins only, through policy.manageOrganisation):
 * the directory with the admin fields, adding a person, and changing, moving,
 * deactivating or making admin someone already there.
 */
export const adminPeopleRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/admin/people',
    operationId: 'listPeopleForAdmin',
    tag: 'organisation',
    summary: 'Everyone, or one team, with track, level, admin role and whether active',
    description:
      'Admins only. In name order, a page at a time; `team` matches the team name exactly. Deactivated people are listed too, with when.',
    authenticate: signedIn,
    query: AdminPeopleQuery,
    errors: [403, 503],
    authorize: async ({ actor }) => permit(policy.manageOrganisation(actor), undefined),
    handle: ({ app, query }) => listPeopleInTeam(app.db, query),
    present: (page) => presentPage(page, presentAdminPerson),
    audit: { none: "the organisation's directory with its admin fields; every change to it is recorded" },
    response: { status: 200, description: 'A page of people, in name order.', schema: AdminPeoplePage },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/people',
    operationId: 'createPerson',
    tag: 'organisation',
    summary: 'Add a person to the organisation',
    description:
      'Admins only. A team name no team has creates the team. A taken email (without case) is a 409 naming `body.email`; an unknown manager, track or level a 422 naming its field. The person signs in once an account is made for them (a password-reset link or single sign-on).',
    authenticate: signedIn,
    body: PersonCreate,
    example: {
      name: 'Kim Park',
      email: 'kim.park@example.com',
      team: 'Payments',
      title: 'Software engineer',
      trackId: 'ic',
      levelId: 'mid-level',
    },
    errors: [403, 409, 503],
    authorize: async ({ actor }) => permit(policy.manageOrganisation(actor), undefined),
    handle: async ({ app, body }) => addPerson(app.db, await app.ladders.active(app.db), body),
    present: presentAdminPerson,
    audit: { subject: (_input, person) => person.id },
    response: { status: 201, description: 'The person as stored.', schema: AdminPerson },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/admin/people/:personId',
    operationId: 'editPersonAsAdmin',
    tag: 'organisation',
    summary: 'Change, move, deactivate or make admin a person',
    description:
      'Admins only. Absent fields stay as they are; null clears. A move is a new `team` and/or `managerId`; a manager who is the person or anyone under them is refused naming `body.managerId`. `active: false` deactivates (they cannot sign in; their records stay). Taking the role from, or deactivating, the last active admin is a 409. Nothing is written when any field is refused.',
    authenticate: signedIn,
    params: PersonParams,
    body: PersonAdminUpdate,
    example: { title: 'Senior engineer', team: 'Search' },
    errors: [403, 404, 409, 503],
    authorize: async ({ actor, app, params }) =>
      permit(policy.manageOrganisation(actor), await getPerson(app.db, params.personId)),
    handle: async ({ app, loaded, body }) => editPerson(app.db, await app.ladders.active(app.db), loaded.id, body),
    present: presentAdminPerson,
    audit: { subject: ({ loaded }) => loaded.id },
    response: { status: 200, description: 'The person as stored now.', schema: AdminPerson },
  }),
];
