import autocannon from 'autocannon';
import { ForkedServer } from './forked-server.js';
import type { Scenario } from './scenarios.js';

/** What one scenario measured. */
export interface ScenarioResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  sqlPerRequest: number;
  requests: number;
  errors: number;
}

/** Forks the scenario's server, warms it up, measures for `durationSeconds`, stops it. */
export async function runScenario(scenario: Scenario, durationSeconds: number, connections: number): Promise<ScenarioResult> {
  const server = await ForkedServer.start(scenario.server);
  try {
    if (scenario.withPlatformKey && !server.platformKey) throw new Error(`${scenario.name} needs a platform key, and the demo seed made none`);
    const keyHeader: Record<string, string> = scenario.withPlatformKey ? { 'x-plaza-key': server.platformKey! } : {};
    const request = {
      url: `http://127.0.0.1:${server.port}${scenario.path}`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', ...keyHeader, ...scenario.headers },
      body: scenario.body,
      connections,
    };
    await autocannon({ ...request, duration: Math.min(2, durationSeconds) });
    const sqlBefore = await server.sqlCount();
    const result = await autocannon({ ...request, duration: durationSeconds });
    const sqlAfter = await server.sqlCount();
    const requests = result.requests.total;
    const failed = result.errors + result.non2xx;
    return {
      rps: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      sqlPerRequest: requests > 0 ? Math.round(((sqlAfter - sqlBefore) / requests) * 100) / 100 : 0,
      requests,
      errors: failed,
    };
  } finally {
    await server.stop();
  }
}
