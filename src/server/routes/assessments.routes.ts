import { recordAssessment } from '../../services/assessment.service.js';
import { listAssessmentsOf } from '../../services/history.service.js';
import { findManagementChain, getPerson } from '../../services/person.service.js';
import { Assessment, AssessmentCreate, AssessmentPage, AssessmentQuery, PersonParams } from '../api-contract.js';
import { signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentAssessment } from '../presenters/assessment.presenter.js';
import { presentPage } from '../presenters/page.presenter.js';
import { defineRoute, type Route } from '../route.js';
import { blameInput } from './route-helpers.js';

/** Assessments: a person's list, and recording a self or manager assessment. */
export const assessmentRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/people/:personId/assessments',
    operationId: 'listAssessments',
    tag: 'assessments',
    summary: "A person's assessments, newest first, a page at a time",
    description: 'Visible to the person and to their managers up the chain.',
    authenticate: signedIn,
    params: PersonParams,
    query: AssessmentQuery,
    errors: [403, 404, 503],
    authorize: async ({ actor, app, params }) => {
      const subject = await getPerson(app.db, params.personId);
      const chain = await findManagementChain(app.db, subject);
      return permit(policy.readAssessments(actor, subject, chain), subject);
    },
    handle: ({ app, loaded, query }) => listAssessmentsOf(app.db, loaded.id, query),
    present: (page) => presentPage(page, presentAssessment),
    audit: { subject: ({ loaded }) => loaded.id },
    response: { status: 200, description: 'A page of assessments, newest first.', schema: AssessmentPage },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/people/:personId/assessments',
    operationId: 'recordAssessment',
    tag: 'assessments',
    summary: 'Record a self or manager assessment',
    description:
      'A self-assessment only of yourself; a manager assessment only of your direct reports. Competencies not named keep their previous rating of the same kind on the same track, so every assessment is a complete picture of one track.',
    authenticate: signedIn,
    params: PersonParams,
    body: AssessmentCreate,
    example: { kind: 'self', ratings: { reliability: 'senior', design: 'mid-level' }, note: 'After the Q3 incidents' },
    errors: [403, 404, 503],
    authorize: async ({ actor, app, params, body }) => {
      const subject = await getPerson(app.db, params.personId);
      return permit(policy.recordAssessment(actor, subject, body.kind ?? 'self'), subject);
    },
    handle: async ({ actor, app, loaded, body }) => {
      const ladder = await app.ladders.active(app.db);
      return blameInput(
        () =>
          recordAssessment(app.db, ladder, {
            personId: loaded.id,
            assessorId: actor.person.id,
            kind: body.kind ?? 'self',
            track: body.track,
            ratings: body.ratings,
            notes: body.notes,
            note: body.note,
          }),
        { track_not_found: 'track' },
      );
    },
    present: presentAssessment,
    audit: {
      subject: ({ loaded }) => loaded.id,
      target: (_input, assessment) => ({ kind: 'assessment', id: assessment.id }),
    },
    response: { status: 201, description: 'The assessment with every rating in force.', schema: Assessment },
  }),
];
