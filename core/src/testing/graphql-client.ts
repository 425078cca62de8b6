import type { DocumentNode } from 'graphql';
import { print } from 'graphql';

/** A GraphQL error as the server sends it. */
export interface GraphQLResponseError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; reason?: string; fields?: { path: string; message: string }[]; [key: string]: unknown };
}

/** A GraphQL response. */
export interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: GraphQLResponseError[];
  /** The HTTP status of the response. */
  status: number;
}

/** Thrown by {@link GraphQLClient.data} when the response has errors. */
export class GraphQLRequestError extends Error {
  constructor(readonly errors: GraphQLResponseError[], readonly status: number) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'));
    this.name = 'GraphQLRequestError';
  }

  /** The first error's `extensions.code`. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** A small typed GraphQL-over-HTTP client for tests, the same requests a front end sends. */
export class GraphQLClient {
  constructor(readonly url: string, private headers: Record<string, string> = {}) {}

  /** A copy of this client with more (or overridden) headers. */
  withHeaders(headers: Record<string, string>): GraphQLClient {
    return new GraphQLClient(this.url, { ...this.headers, ...headers });
  }

  /** Sends an operation; resolves with data, errors and HTTP status (never throws on GraphQL errors). */
  async query<TData = Record<string, unknown>, TVars extends Record<string, unknown> = Record<string, unknown>>(
    document: string | DocumentNode,
    variables?: TVars,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<TData>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...this.headers, ...headers },
      body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
    return { ...body, status: response.status };
  }

  /** Sends an operation and returns its data; throws {@link GraphQLRequestError} on any error. */
  async data<TData = Record<string, unknown>, TVars extends Record<string, unknown> = Record<string, unknown>>(
    document: string | DocumentNode,
    variables?: TVars,
  ): Promise<TData> {
    const result = await this.query<TData, TVars>(document, variables);
    if (result.errors?.length || !result.data) throw new GraphQLRequestError(result.errors ?? [{ message: 'no data' }], result.status);
    return result.data;
  }
}
