import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ErrorResponse } from './api-contract.js';
import { STATUS_DESCRIPTIONS } from './error-status.js';
import { SESSION_COOKIE } from './session-cookie.js';
import type {
  JsonSchema,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
  OperationMethod,
} from './openapi-document.js';
import type { HttpMethod, RouteMeta } from './route.js';

export type {
  JsonSchema,
  OpenApiDocument,
  OpenApiMediaType,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiResponse,
  OperationMethod,
} from './openapi-document.js';

const TAGS: Readonly<Record<string, string>> = {
  me: 'Who is signed in.',
  session: 'Signing in and out, the first admin account, and the demo accounts.',
  security: "A person's sessions and personal API tokens, and password-reset links.",
  ladders: 'The career ladder: every stored version, and what changed between two.',
  people: 'The directory of people and their profiles, what Longhaul holds about a person, and deleting it.',
  organisation: 'Teams, and importing the people of the organisation from a CSV file (admins only).',
  evidence: 'What people did that shows a competency. Private to its author unless shared.',
  assessments: 'Self and manager ratings of each competency.',
  progress: 'The demonstrated level and the gap to the next one.',
  history: 'Assessments over time, each read against the ladder it was made with.',
  audit: 'The append-only audit log: who has looked at my data, and the whole log for admins.',
  ops: 'Health, readiness, metrics and this reference.',
};

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The version of the API, which is the version of the package. */
export const API_VERSION = version;

/**
 * Builds the OpenAPI 3.1 document from the route table and the contract's zod
 * schemas, so the reference cannot drift from what the server checks. Named
 * schemas (those with `.meta({ id })`) become components and are referenced;
 * request schemas are described as the server accepts them, responses as it
 * sends them.
 */
export function buildOpenApiDocument(routes: readonly RouteMeta[]): OpenApiDocument {
  const components = new ComponentSet();
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const key = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const item = (paths[key] ??= {});
    item[methodKey(route.method)] = operationOf(route, components);
  }
  const usedTags = [...new Set(routes.map((r) => r.tag))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Longhaul API',
      version: API_VERSION,
      summary: 'Career progression: the ladder as code, evidence, assessments and the gap to the next level.',
      description: [
        'The HTTP API of a Longhaul server (`longhaul serve`). Every body is JSON; every error is an `Error` object with a stable `code`, a sentence, and the fields at fault.',
        '',
        'Signing in: the web app signs in with `POST /api/session` and then sends the httpOnly session cookie, plus the `X-CSRF-Token` header (from `GET /api/me`) on every change. Scripts send a personal API token as `Authorization: Bearer lh_…` (`POST /api/tokens`) and need no CSRF token. Without either, every operation but the anonymous ones answers 401.',
      ].join('\n'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: usedTags.map((name) => ({ name, description: TAGS[name] ?? name })),
    paths,
    components: {
      schemas: components.sorted(),
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description:
            'The session cookie POST /api/session sets. A change also needs the X-CSRF-Token header that GET /api/me gives.',
        },
        token: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal API token (lh_…) made with POST /api/tokens.',
        },
      },
    },
  };
}

function methodKey(method: HttpMethod): OperationMethod {
  return method.toLowerCase() as OperationMethod;
}

function operationOf(route: RouteMeta, components: ComponentSet): OpenApiOperation {
  const parameters = [
    ...parametersOf(route.params, 'path', components),
    ...parametersOf(route.query, 'query', components),
  ];
  const operation: OpenApiOperation = {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [route.tag],
    ...(parameters.length === 0 ? {} : { parameters }),
    security: route.authenticated ? [{ session: [] }, { token: [] }] : [],
    responses: {},
  };
  if (route.body !== undefined) {
    operation.requestBody = {
      required: true,
      content: {
        'application/json': {
          schema: components.convert(route.body, 'input'),
          ...(route.example === undefined ? {} : { example: route.example }),
        },
      },
    };
  }
  const { response } = route;
  operation.responses[String(response.status)] =
    response.status === 204
      ? { description: response.description }
      : response.status === 303
        ? {
            description: response.description,
            headers: { Location: { description: 'Where the browser goes next.', schema: { type: 'string' } } },
          }
        : {
            description: response.description,
            content: {
              [response.contentType]: {
                schema:
                  response.schema === undefined ? { type: 'string' } : components.convert(response.schema, 'output'),
              },
            },
          };
  const validated = route.params !== undefined || route.query !== undefined || route.body !== undefined;
  const statuses = new Set<number>(route.errors);
  if (route.body !== undefined) statuses.add(400);
  if (validated) statuses.add(422);
  const errorSchema = components.convert(ErrorResponse, 'output');
  for (const status of [...statuses].sort((a, b) => a - b)) {
    operation.responses[String(status)] = {
      description: STATUS_DESCRIPTIONS[status] ?? `HTTP ${status}`,
      content: { 'application/json': { schema: errorSchema } },
    };
  }
  operation.responses.default = {
    description: STATUS_DESCRIPTIONS[500] ?? 'An unexpected failure.',
    content: { 'application/json': { schema: errorSchema } },
  };
  return operation;
}

function parametersOf(
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
  components: ComponentSet,
): OpenApiParameter[] {
  if (schema === undefined) return [];
  const json = components.convert(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

/**
 * The named schemas met while converting, each once. zod puts a named schema
 * under `$defs`; here it moves to `components.schemas` and every reference is
 * rewritten to point there. A name that would mean two different schemas is
 * a bug in the contract and fails the build of the document.
 */
class ComponentSet {
  readonly #schemas = new Map<string, { json: JsonSchema; text: string }>();

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const { $schema: _schema, $defs, ...root } = converted;
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      this.#add(name, rewriteRefs(definition) as JsonSchema);
    }
    return rewriteRefs(root) as JsonSchema;
  }

  sorted(): Record<string, JsonSchema> {
    return Object.fromEntries(
      [...this.#schemas.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.json]),
    );
  }

  #add(name: string, json: JsonSchema): void {
    const text = JSON.stringify(json);
    const existing = this.#schemas.get(name);
    if (existing !== undefined && existing.text !== text) {
      throw new Error(
        `schema "${name}" differs between where it is read and where it is written; give each its own id`,
      );
    }
    this.#schemas.set(name, { json, text });
  }
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === '$ref' && typeof child === 'string' && child.startsWith('#/$defs/')
        ? `#/components/schemas/${child.slice('#/$defs/'.length)}`
        : rewriteRefs(child),
    ]),
  );
}
