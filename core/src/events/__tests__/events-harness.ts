import { unscopedGrant } from '../../kernel/authorization.js';
import 'reflect-metadata';
import type { Knex } from 'knex';
import pino from 'pino';
import { container } from 'tsyringe';
import { z } from 'zod';
import { createCtx, type Ctx } from '../../kernel/context.js';
import { defineEvent, definePlugin, type DomainEvent } from '../../kernel/plugin.js';
import { registerPlugins, validatePlugins } from '../../kernel/plugin-loader.js';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import { createDatabase } from '../../db/database.js';
import { parseDatabaseUrl } from '../../db/database-url.js';
import { migrateLatest } from '../../db/migrator.js';
import { eventMigrations } from '../events.migrations.js';
import { createEventsRuntime, type EventsRuntime, type EventsRuntimeOptions } from '../events-runtime.js';

/** The test plugin's events. */
export const ORDER_PLACED = 'test.order_placed';
export const OTHER_HAPPENED = 'test.other_happened';

/** What the test subscriber does; tests swap it. */
export type TestHandler = (event: DomainEvent, ctx: Ctx) => Promise<void>;

/** Records an effect in the subscriber's transaction: a row in `test_event_effect`. */
export const recordEffect: TestHandler = async (event, ctx) => {
  await ctx.db('test_event_effect').insert({ event_id: event.id });
};

/** A runtime over a (possibly reopened) test database, with a switchable subscriber. */
export interface EventsHarness {
  db: Knex;
  registry: PluginRegistry;
  runtime: EventsRuntime;
  /** Every subscriber invocation (committed or not). */
  calls: DomainEvent[];
  /** The subscriber's behaviour. */
  handler: TestHandler;
  /** A system context on `db` (or a transaction). */
  ctx(db?: Knex | Knex.Transaction): Ctx;
  /** A staff context holding only `permissions`. */
  staff(permissions: string[], db?: Knex | Knex.Transaction): Ctx;
  /** Rows the subscriber committed, by event id. */
  effects(): Promise<string[]>;
  /** Stops the dispatcher and closes the connection (the database stays). */
  close(): Promise<void>;
}

/** Options of {@link openEventsHarness}. */
export interface HarnessOptions extends Partial<Omit<EventsRuntimeOptions, 'db' | 'registry' | 'config' | 'logger'>> {
  events?: Partial<EventsRuntimeOptions['config']['events']>;
}

const logger = pino({ level: 'silent' });

/** Opens the database at `url`, migrates it, and builds a registry with one test plugin and the events runtime. */
export async function openEventsHarness(url: string, options: HarnessOptions = {}): Promise<EventsHarness> {
  const db = createDatabase(parseDatabaseUrl(url));
  const harness = { calls: [] as DomainEvent[], handler: recordEffect } as EventsHarness;
  const core = definePlugin({ name: '@plaza/core', version: '0.0.0', migrations: eventMigrations });
  const testPlugin = definePlugin({
    name: 'test.events',
    version: '1.0.0',
    requires: ['@plaza/core'],
    migrations: [
      {
        name: '0001_effect',
        up: (knex) =>
          knex.schema.createTable('test_event_effect', (t) => {
            t.increments('id');
            t.string('event_id').notNullable();
          }),
      },
    ],
    events: [
      defineEvent(ORDER_PLACED, z.object({ orderId: z.string(), total: z.number().int() }), 'A test order was placed'),
      defineEvent(OTHER_HAPPENED, z.object({ note: z.string() }), 'Something else happened'),
    ],
    subscribers: {
      [ORDER_PLACED]: async (event, ctx) => {
        harness.calls.push(event);
        await harness.handler(event, ctx);
      },
    },
  });
  const plugins = validatePlugins([{ plugin: core }, { plugin: testPlugin }]);
  await migrateLatest(
    db,
    plugins.map((p) => p.manifest),
  );
  const registry = await registerPlugins(container.createChildContainer(), plugins, logger);
  const { events, ...rest } = options;
  const runtime = createEventsRuntime({
    db,
    registry,
    logger,
    config: { events: { pollIntervalMs: 50, maxAttempts: 3, backoffMs: 1000, ...events } },
    ...rest,
  });
  return Object.assign(harness, {
    db,
    registry,
    runtime,
    ctx: (on: Knex | Knex.Transaction = db) => createCtx({ db: on, logger }),
    staff: (permissions: string[], on: Knex | Knex.Transaction = db) =>
      createCtx({ db: on, logger, api: 'admin', actor: { kind: 'staff', id: 'stf_test', grants: [unscopedGrant(permissions)] } }),
    effects: async () => ((await db('test_event_effect').select('event_id').orderBy('id')) as { event_id: string }[]).map((r) => r.event_id),
    close: async () => {
      await runtime.dispatcher.stop();
      await db.destroy();
    },
  });
}

/** A fake clock starting now; `advance` moves it. */
export function fakeClock(start = Date.now()): { now: () => number; advance(ms: number): void } {
  let current = start;
  return { now: () => current, advance: (ms) => void (current += ms) };
}
