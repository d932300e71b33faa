/*
 * The shape of an OpenAPI 3.1 document, apart from the code that builds it
 * (openapi.ts), so what only needs the type (the app context, the reference
 * page) does not import the builder and, through it, the route table.
 */

/** A JSON Schema (draft 2020-12) as OpenAPI 3.1 embeds it. */
export type JsonSchema = { [key: string]: unknown };

/** A path or query parameter of an operation. */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

/** A body of a request or response in one content type. */
export interface OpenApiMediaType {
  schema: JsonSchema;
  example?: unknown;
}

/** One possible response of an operation. */
export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, OpenApiMediaType>;
}

/** One operation: a method on a path. */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: OpenApiParameter[];
  /** Which credentials the operation takes; `[]` for the anonymous ones. */
  security: Array<Record<string, string[]>>;
  requestBody?: { required: boolean; content: Record<string, OpenApiMediaType> };
  responses: Record<string, OpenApiResponse>;
}

/** The method keys of a path item, lower case as OpenAPI writes them. */
export type OperationMethod = 'get' | 'post' | 'patch' | 'delete';

/** The OpenAPI 3.1 document of the API. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: {
    title: string;
    version: string;
    summary: string;
    description: string;
    license: { name: string; identifier: string };
  };
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<OperationMethod, OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string; description: string }>;
  };
}
