import type { Route } from '../route.js';
import { adminPeopleRoutes } from './admin-people.routes.js';
import { assessmentRoutes } from './assessments.routes.js';
import { auditRoutes } from './audit.routes.js';
import { evidenceRoutes } from './evidence.routes.js';
import { historyRoutes } from './history.routes.js';
import { ladderRoutes } from './ladders.routes.js';
import { meRoutes } from './me.routes.js';
import { oidcRoutes } from './oidc.routes.js';
import { opsRoutes } from './ops.routes.js';
import { orgRoutes } from './org.routes.js';
import { peopleRoutes } from './people.routes.js';
import { personalDataRoutes } from './personal-data.routes.js';
import { progressRoutes } from './progress.routes.js';
import { securityRoutes } from './security.routes.js';
import { sessionRoutes } from './session.routes.js';
import { settingsRoutes } from './settings.routes.js';

/**
 * The route table: every route of the server, in the order of the reference.
 * The server registers exactly these, and the OpenAPI document is built from
 * exactly these, so the two cannot disagree.
 */
export const ROUTES: readonly Route[] = [
  ...meRoutes,
  ...sessionRoutes,
  ...oidcRoutes,
  ...securityRoutes,
  ...ladderRoutes,
  ...peopleRoutes,
  ...personalDataRoutes,
  ...orgRoutes,
  ...adminPeopleRoutes,
  ...evidenceRoutes,
  ...assessmentRoutes,
  ...progressRoutes,
  ...historyRoutes,
  ...auditRoutes,
  ...settingsRoutes,
  ...opsRoutes,
];
