import autocannon from 'autocannon';
import { runFlow } from './flow-runner.js';
import { ForkedServer } from './forked-server.js';
import type { ScaleDatabase } from './scale-database.js';
import type { HttpScenario, Scenario, ScenarioContext } from './scenarios.js';

/** What one scenario measured. */
export interface ScenarioResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  sqlPerRequest: number;
  requests: number;
  errors: number;
  /** Products in the database the scenario ran on (the scale seed), when it used one. */
  scaleProducts?: number;
  /** Customers in that database, when the scenario is about them. */
  scaleCustomers?: number;
  /** Figures of parts of the scenario (e.g. lookups by phone and by e-mail). */
  parts?: Record<string, { p50Ms: number; p99Ms: number; sqlPerRequest: number; requests: number }>;
}

function contextFor(server: ForkedServer, platformKey: string | undefined, scaleDb: ScaleDatabase | undefined): ScenarioContext {
  return {
    products: scaleDb?.products ?? 0,
    ...(scaleDb ? { admin: scaleDb.admin } : {}),
    async graphql<T>(path: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(platformKey ? { 'x-plaza-key': platformKey } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const json = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (json.errors?.length || !json.data) throw new Error(`bench setup query failed: ${json.errors?.map((e) => e.message).join('; ') ?? response.status}`);
      return json.data;
    },
  };
}

/** Checks one response of the scenario's request before measuring: a bench of errors measures nothing. */
async function probe(url: string, headers: Record<string, string>, body: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const json = (await response.json()) as { errors?: { message: string }[] };
  if (!response.ok || json.errors?.length) throw new Error(`the scenario's request fails: ${response.status} ${json.errors?.map((e) => e.message).join('; ') ?? ''}`);
}

/** Forks the scenario's server, warms it up, measures for `durationSeconds`, stops it. */
export async function runScenario(scenario: Scenario, durationSeconds: number, connections: number, scaleDb?: ScaleDatabase): Promise<ScenarioResult> {
  if (scenario.inProcess) return scenario.inProcess(durationSeconds, scenario.scale ? scaleDb : undefined);
  if (scenario.flow) return runFlow(scenario.flow, durationSeconds, connections);
  return runHttpScenario(scenario, durationSeconds, connections, scaleDb);
}

async function runHttpScenario(scenario: HttpScenario, durationSeconds: number, connections: number, scaleDb?: ScaleDatabase): Promise<ScenarioResult> {
  const database = scenario.scale ? await scaleDb!.copy() : undefined;
  const env: Record<string, string> = database ? { PLAZA_BENCH_SERVER_DATABASE_URL: database.url, PLAZA_BENCH_SERVER_KEY: scaleDb!.platformKey } : {};
  const server = await ForkedServer.start(scenario.server, env);
  try {
    if (scenario.withPlatformKey && !server.platformKey) throw new Error(`${scenario.name} needs a platform key, and the demo seed made none`);
    const keyHeader: Record<string, string> = scenario.withPlatformKey ? { 'x-plaza-key': server.platformKey! } : {};
    const setup = scenario.requests ? await scenario.requests(contextFor(server, server.platformKey, scenario.scale ? scaleDb : undefined)) : { bodies: [scenario.body] };
    const headers = { 'content-type': 'application/json', ...keyHeader, ...scenario.headers, ...setup.headers };
    const url = `http://127.0.0.1:${server.port}${scenario.path}`;
    const bodies = setup.bodies;
    await probe(url, headers, bodies[0]!);
    // GraphQL errors come with status 200: count them from the bodies.
    let graphqlErrors = 0;
    const onResponse = (status: number, body: string): void => {
      if (status === 200 && body.includes('"errors"')) graphqlErrors++;
    };
    // Each request picks one of the bodies at random (every connection walking the list in
    // lockstep would make all of them miss a cache together, then never come back in time).
    const pick = (): string => bodies[Math.floor(Math.random() * bodies.length)]!;
    const request = {
      url,
      method: 'POST' as const,
      headers,
      connections,
      requests: [{ method: 'POST' as const, body: bodies[0]!, setupRequest: (req: object) => ({ ...req, body: pick() }), onResponse }],
    };
    await autocannon({ ...request, duration: Math.min(2, durationSeconds) });
    const sqlBefore = await server.sqlCount();
    graphqlErrors = 0;
    const result = await autocannon({ ...request, duration: durationSeconds });
    const sqlAfter = await server.sqlCount();
    const requests = result.requests.total;
    const failed = result.errors + result.non2xx + graphqlErrors;
    return {
      rps: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      sqlPerRequest: requests > 0 ? Math.round(((sqlAfter - sqlBefore) / requests) * 100) / 100 : 0,
      requests,
      errors: failed,
      ...(scenario.scale ? { scaleProducts: scaleDb!.products } : {}),
    };
  } finally {
    await server.stop();
    await database?.drop();
  }
}
