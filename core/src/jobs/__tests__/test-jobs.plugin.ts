import { z } from 'zod';
import type { Ctx } from '../../kernel/context.js';
import { CORE_PLUGIN_NAME } from '../../kernel/plugin-order.js';
import { type AnyJobDefinition, definePlugin, defineJob, type JobDefinition, type PluginScope } from '../../kernel/plugin.js';

/** One recorded call of a test job's `run`. */
export interface JobRun {
  name: string;
  payload: unknown;
  ctx: Ctx;
  scope: PluginScope<unknown>;
}

/** A promise with its resolve function, to hold a job open until the test lets it go. */
export interface Gate {
  promise: Promise<void>;
  open(): void;
}

/** Makes a {@link Gate}. */
export function createGate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * `PluginManifest.jobs` is typed `JobDefinition<Config, never>[]`, which a job with a payload
 * schema does not satisfy (`payload` is covariant); reported to the kernel's owner.
 */
function anyPayload<TPayload>(job: JobDefinition<unknown, TPayload>): AnyJobDefinition {
  return job as unknown as AnyJobDefinition;
}

/** The test plugin's jobs and the knobs the tests turn. */
export function createTestJobsPlugin(options: { hourlyCron?: string } = {}) {
  const runs: JobRun[] = [];
  const state = { flakyFails: true, gate: createGate(), running: 0, maxRunning: 0 };
  const record = (name: string, payload: unknown, ctx: Ctx, scope: PluginScope<unknown>): void => {
    runs.push({ name, payload, ctx, scope });
  };
  const plugin = definePlugin({
    name: 'test.jobs',
    version: '1.0.0',
    requires: [CORE_PLUGIN_NAME],
    jobs: [
      anyPayload(
        defineJob({
          name: 'test.echo',
          payload: z.object({ n: z.number().int() }),
          async run(payload, ctx, scope) {
            record('test.echo', payload, ctx, scope);
          },
        }),
      ),
      defineJob({
        name: 'test.always_fails',
        maxAttempts: 3,
        backoffMs: 1000,
        async run(payload, ctx, scope) {
          record('test.always_fails', payload, ctx, scope);
          throw new Error('boom');
        },
      }),
      defineJob({
        name: 'test.flaky',
        maxAttempts: 2,
        backoffMs: 500,
        async run(payload, ctx, scope) {
          record('test.flaky', payload, ctx, scope);
          if (state.flakyFails) throw new Error('flaky is failing');
        },
      }),
      defineJob({
        name: 'test.gated',
        async run(payload, ctx, scope) {
          state.running++;
          state.maxRunning = Math.max(state.maxRunning, state.running);
          try {
            await state.gate.promise;
            record('test.gated', payload, ctx, scope);
          } finally {
            state.running--;
          }
        },
      }),
      defineJob({
        name: 'test.hourly',
        cron: options.hourlyCron ?? '0 * * * *',
        async run(payload, ctx, scope) {
          record('test.hourly', payload, ctx, scope);
        },
      }),
      defineJob({
        name: 'test.madrid_morning',
        cron: '0 9 * * *',
        timezone: 'Europe/Madrid',
        async run(payload, ctx, scope) {
          record('test.madrid_morning', payload, ctx, scope);
        },
      }),
    ],
  });
  return { plugin, runs, state, runsOf: (name: string) => runs.filter((r) => r.name === name) };
}
