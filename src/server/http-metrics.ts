import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { DB_BUCKETS, HTTP_BUCKETS, MetricsRegistry, type Counter, type Histogram } from './metrics.js';

/** The instruments of one server: what /metrics reports. */
export interface HttpMetrics {
  registry: MetricsRegistry;
  requests: Counter;
  requestDuration: Histogram;
  queryDuration: Histogram;
}

/** Creates the server's registry with its HTTP and database instruments. */
export function createHttpMetrics(): HttpMetrics {
  const registry = new MetricsRegistry();
  return {
    registry,
    requests: registry.counter('longhaul_http_requests_total', 'HTTP requests answered, by method, route and status.', [
      'method',
      'route',
      'status',
    ]),
    requestDuration: registry.histogram(
      'longhaul_http_request_duration_seconds',
      'Time to answer an HTTP request, by method and route.',
      ['method', 'route'],
      HTTP_BUCKETS,
    ),
    queryDuration: registry.histogram(
      'longhaul_db_query_duration_seconds',
      'Time a database query took, from compiling it to its result, by statement kind.',
      ['operation'],
      DB_BUCKETS,
    ),
  };
}

/** The statement kind of a query, a label with few values. */
function operationOf(node: RootOperationNode): string {
  switch (node.kind) {
    case 'SelectQueryNode':
      return 'select';
    case 'InsertQueryNode':
      return 'insert';
    case 'UpdateQueryNode':
      return 'update';
    case 'DeleteQueryNode':
      return 'delete';
    case 'RawNode':
      return 'raw';
    default:
      return 'other';
  }
}

/**
 * Times every query run through a Kysely instance. Kysely hands a plugin each
 * query before it runs and its result after, under the same query id; the
 * time between is the query's. A failed query has no result and is not timed.
 * Added with `db.withPlugin(...)`, so the store needs no knowledge of metrics.
 */
export class QueryTimingPlugin implements KyselyPlugin {
  readonly #started = new WeakMap<QueryId, { at: bigint; operation: string }>();
  constructor(private readonly histogram: Histogram) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#started.set(args.queryId, { at: process.hrtime.bigint(), operation: operationOf(args.node) });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const started = this.#started.get(args.queryId);
    if (started !== undefined) {
      this.#started.delete(args.queryId);
      const seconds = Number(process.hrtime.bigint() - started.at) / 1e9;
      this.histogram.observe({ operation: started.operation }, seconds);
    }
    return args.result;
  }
}
