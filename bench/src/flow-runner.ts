import { ForkedServer } from './forked-server.js';
import type { ScenarioResult } from './run-scenario.js';

/** Runs one GraphQL operation on the forked server; throws on a GraphQL error. */
export type Gql = <T>(path: '/graphql' | '/admin/graphql', query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<T>;

/** Times the steps of one flow: `step(name, fn)` runs and records `fn`. */
export interface StepTimer {
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** A benchmark of a multi-request flow (e.g. a whole checkout), driven by virtual users. */
export interface FlowDefinition<S> {
  /** Prepares the server (stock, products…) and returns what every flow needs. */
  setup(gql: Gql, server: ForkedServer): Promise<S>;
  /** One flow (e.g. one order), its requests timed with `timer`; `n` numbers the flows. */
  run(gql: Gql, state: S, timer: StepTimer, n: number): Promise<void>;
  /** Flows run one by one first to count SQL statements per step. */
  calibrationRuns?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

function graphqlClient(server: ForkedServer, platformKey: string | undefined): Gql {
  return async <T>(path: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(platformKey && path === '/graphql' ? { 'x-plaza-key': platformKey } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const json = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { reason?: string } }[] };
    if (json.errors?.length || !json.data) throw new Error(`${json.errors?.map((e) => `${e.message} (${e.extensions?.reason ?? ''})`).join('; ') ?? response.status}`);
    return json.data;
  };
}

/**
 * Forks a demo-seeded Plaza, runs `calibrationRuns` flows one at a time counting SQL statements
 * per step, warms up, then lets `connections` virtual users run flows back to back for
 * `durationSeconds`. `rps` is flows per second; p50/p99 are whole-flow latencies; `parts` has
 * each step's latencies and statements.
 */
export async function runFlow<S>(flow: FlowDefinition<S>, durationSeconds: number, connections: number): Promise<ScenarioResult> {
  const server = await ForkedServer.start('./plaza-server.js');
  try {
    const gql = graphqlClient(server, server.platformKey);
    const state = await flow.setup(gql, server);
    let n = 0;
    const sql: Record<string, { statements: number; runs: number }> = {};
    const counting: StepTimer = {
      async step(name, fn) {
        const before = await server.sqlCount();
        if (process.env.PLAZA_BENCH_TRACE_SQL === '1') process.stderr.write(`STEP ${name}\n`);
        const result = await fn();
        const after = await server.sqlCount();
        const entry = (sql[name] ??= { statements: 0, runs: 0 });
        entry.statements += after - before;
        entry.runs++;
        return result;
      },
    };
    const calibration = Number(process.env.PLAZA_BENCH_CALIBRATION_RUNS ?? flow.calibrationRuns ?? 20);
    for (let i = 0; i < calibration; i++) await flow.run(gql, state, counting, n++);

    const latencies: Record<string, number[]> = {};
    const flows: number[] = [];
    let errors = 0;
    let firstError: string | null = null;
    const timed: StepTimer = {
      async step(name, fn) {
        const start = performance.now();
        const result = await fn();
        (latencies[name] ??= []).push(performance.now() - start);
        return result;
      },
    };
    const drive = async (until: number, record: boolean): Promise<void> => {
      const user = async (): Promise<void> => {
        while (performance.now() < until) {
          const start = performance.now();
          try {
            await flow.run(gql, state, record ? timed : { step: (_name, fn) => fn() }, n++);
            if (record) flows.push(performance.now() - start);
          } catch (error) {
            if (record) {
              errors++;
              firstError ??= (error as Error).message;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: connections }, user));
    };
    await drive(performance.now() + Math.min(2, durationSeconds) * 1000, false);
    const startedAt = performance.now();
    await drive(startedAt + durationSeconds * 1000, true);
    const elapsed = (performance.now() - startedAt) / 1000;
    if (firstError) console.error(`\n    first error: ${firstError}`);
    flows.sort((a, b) => a - b);
    const parts: NonNullable<ScenarioResult['parts']> = {};
    for (const [name, values] of Object.entries(latencies)) {
      values.sort((a, b) => a - b);
      const counted = sql[name];
      parts[name] = { p50Ms: round(percentile(values, 50)), p99Ms: round(percentile(values, 99)), sqlPerRequest: counted ? round(counted.statements / counted.runs, 1) : 0, requests: values.length };
    }
    return { rps: round(flows.length / elapsed, 1), p50Ms: round(percentile(flows, 50)), p99Ms: round(percentile(flows, 99)), sqlPerRequest: round(Object.values(sql).reduce((s, e) => s + e.statements / e.runs, 0), 1), requests: flows.length, errors, parts };
  } finally {
    await server.stop();
  }
}
