import { z } from 'zod';
import { definePlugin, defineEvent } from '../../../kernel/plugin.js';
import { PlazaError } from '../../../kernel/errors.js';
import type { ActionStepType, GuardStepType } from '../../../kernel/process-contributions.js';
import type { Ctx } from '../../../kernel/context.js';
import { newId } from '../../../kernel/ids.js';

/** Where the test steps leave their traces (a real table: in-transaction traces roll back). */
export const EFFECT_TABLE = 'test_ticket_effect';

async function trace(ctx: Ctx, label: string): Promise<void> {
  await ctx.db(EFFECT_TABLE).insert({ id: newId('eff'), label, at: Date.now() });
}

/** The labels traced so far, in order. */
export async function traces(ctx: Ctx): Promise<string[]> {
  return ((await ctx.db(EFFECT_TABLE).orderBy('id').select('label')) as { label: string }[]).map((r) => r.label);
}

const writeStep: ActionStepType<{ label: string }> = {
  code: 'ticket.write',
  kind: 'action',
  execution: 'transaction',
  label: 'Write a trace',
  description: 'Writes a trace in the transition’s transaction',
  configSchema: z.object({ label: z.string() }),
  async run({ ctx, config }) {
    await trace(ctx, config.label);
    return { data: { [`wrote_${config.label}`]: true } };
  },
  async compensate({ ctx, config }) {
    await trace(ctx, `undo:${config.label}`);
  },
};

const failInTxStep: ActionStepType<Record<string, never>> = {
  code: 'ticket.fail_in_tx',
  kind: 'action',
  execution: 'transaction',
  label: 'Fail',
  description: 'Fails inside the transaction',
  configSchema: z.object({}),
  run() {
    throw new PlazaError('CONFLICT', 'The warehouse refused the ticket', { reason: 'WAREHOUSE_REFUSED' });
  },
};

const brokenGuard: GuardStepType<Record<string, never>> = {
  code: 'ticket.broken_guard',
  kind: 'guard',
  label: 'Broken check',
  description: 'A guard with a bug: it throws',
  configSchema: z.object({}),
  check() {
    throw new TypeError('Cannot read properties of undefined (reading "sku")');
  },
};

/** Remote calls a gateway would make: they run as jobs, outside transactions. */
const flaky = new Map<string, number>();

const remoteStep: ActionStepType<{ label: string; fail: boolean; failTimes: number }> = {
  code: 'ticket.remote',
  kind: 'action',
  execution: 'job',
  label: 'Remote call',
  description: 'Calls a remote service (a job); undone by a compensating call',
  configSchema: z.object({ label: z.string(), fail: z.boolean().default(false), failTimes: z.number().int().default(0) }),
  maxAttempts: 3,
  async run({ ctx, config, idempotencyKey }) {
    if (config.fail) throw new PlazaError('CONFLICT', `The remote service declined ${config.label}`, { reason: 'DECLINED' });
    const failures = flaky.get(idempotencyKey) ?? 0;
    if (failures < config.failTimes) {
      flaky.set(idempotencyKey, failures + 1);
      throw new Error('connection reset');
    }
    await trace(ctx, `remote:${config.label}`);
    return { output: { receipt: `r-${config.label}` }, data: { [`remote_${config.label}`]: true } };
  },
  async compensate({ ctx, config }, output) {
    await trace(ctx, `undo-remote:${config.label}:${(output as { receipt: string }).receipt}`);
  },
};

/** A plugin adding its own process kind, event and step types: what a plugin author writes. */
export const ticketPlugin = definePlugin({
  name: 'test.tickets',
  version: '1.0.0',
  migrations: [
    {
      name: '0001_effect',
      async up(knex) {
        await knex.schema.createTable(EFFECT_TABLE, (t) => {
          t.string('id', 40).primary();
          t.string('label', 200).notNullable();
          t.bigInteger('at').notNullable();
        });
      },
    },
  ],
  events: [defineEvent('ticket.answered', z.object({ ticketId: z.string(), by: z.string() }), 'A ticket was answered')],
  processKinds: [{ code: 'ticket', label: 'Ticket', description: 'A support ticket', subjectType: 'ticket', subjectKey: 'ticketId' }],
  stepTypes: [writeStep, failInTxStep, remoteStep, brokenGuard],
});
