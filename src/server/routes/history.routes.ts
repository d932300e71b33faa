import { buildHistory } from '../../services/history.service.js';
import { findManagementChain, getPerson } from '../../services/person.service.js';
import { History, HistoryQuery, PersonParams } from '../api-contract.js';
import { signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentHistory } from '../presenters/history.presenter.js';
import { defineRoute, type Route } from '../route.js';

/** History: every assessment, each read against the ladder version it was made with. */
export const historyRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/people/:personId/history',
    operationId: 'getHistory',
    tag: 'history',
    summary: "A person's assessments over time, newest first, a page at a time",
    description:
      "Each assessment is evaluated against the ladder version it was made with, not today's, so a later ladder edit never rewrites what an old assessment showed. The evidence rule counts evidence dated up to the assessment's day (for anyone but the person, only what they may see: what is shared with managers or names them).",
    authenticate: signedIn,
    params: PersonParams,
    query: HistoryQuery,
    errors: [403, 404, 503],
    authorize: async ({ actor, app, params }) => {
      const subject = await getPerson(app.db, params.personId);
      const chain = await findManagementChain(app.db, subject);
      return permit(policy.readAssessments(actor, subject, chain), { subject, chain });
    },
    handle: ({ actor, app, loaded: { subject, chain }, query }) =>
      buildHistory(app.db, app.ladders, subject.id, {
        kind: query.kind,
        limit: query.limit,
        cursor: query.cursor,
        // Like progress: someone else's view counts only the evidence they may see toward each level.
        evidenceViewer: policy.evidenceViewer(actor, subject.id, chain),
      }),
    present: presentHistory,
    audit: { subject: ({ loaded }) => loaded.subject.id },
    response: { status: 200, description: 'A page of entries, newest first.', schema: History },
  }),
];
