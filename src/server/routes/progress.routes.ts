import { findManagementChain, getPerson } from '../../services/person.service.js';
import { getProgress, selectTarget } from '../../services/progress.service.js';
import { PersonParams, Progress, ProgressQuery } from '../api-contract.js';
import { signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentProgress } from '../presenters/progress.presenter.js';
import { defineRoute, type Route } from '../route.js';
import { blameInput } from './route-helpers.js';

/** Progress: the demonstrated level and the gap to a target level, from the latest self-assessment. */
export const progressRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/people/:personId/progress',
    operationId: 'getProgress',
    tag: 'progress',
    summary: 'Demonstrated level and the gap to a target level',
    description:
      "The latest self-assessment evaluated against today's ladder. The target is the next level, or the top level at the top. Evidence counts include only the evidence the reader may see: all of it for the person themself, for a manager what is shared with managers or names them.",
    authenticate: signedIn,
    params: PersonParams,
    query: ProgressQuery,
    errors: [403, 404, 503],
    authorize: async ({ actor, app, params }) => {
      const subject = await getPerson(app.db, params.personId);
      const chain = await findManagementChain(app.db, subject);
      return permit(policy.readAssessments(actor, subject, chain), { subject, chain });
    },
    handle: async ({ actor, app, loaded: { subject: loaded, chain }, query }) => {
      const ladder = await app.ladders.active(app.db);
      const report = await blameInput(
        () =>
          getProgress(app.db, ladder, loaded.id, {
            track: query.track,
            evidenceViewer: policy.evidenceViewer(actor, loaded.id, chain),
          }),
        { track_not_found: 'track' },
      );
      const target = await blameInput(async () => selectTarget(report.evaluation, query.target), {
        level_not_found: 'target',
      });
      return { report, ladder, target };
    },
    present: ({ report, ladder, target }) => presentProgress(report, ladder, target),
    audit: { subject: ({ loaded }) => loaded.subject.id },
    response: { status: 200, description: 'Where the person stands.', schema: Progress },
  }),
];
