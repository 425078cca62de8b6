import { z } from 'zod';
import type { ActionStepType, DefinitionOutline } from '../../../kernel/process-contributions.js';

function leavesTarget(name: string, where: DefinitionOutline): string[] {
  const transition = where.transitions.find((t) => t.name === name);
  if (!transition) return [`names the transition “${name}”, which this process does not have`];
  if (!transition.from.includes(where.transition.to)) return [`names “${name}”, which does not leave “${where.transition.to}” (the state this step’s transition enters)`];
  return [];
}

const waitConfig = z.object({
  event: z.string().min(1).describe('The event to wait for, e.g. payment.captured'),
  transition: z.string().min(1).describe('The transition to take when it arrives (it must leave the state this transition enters)'),
  subjectPath: z.string().min(1).optional().describe('The event field holding the record’s id (default: the kind’s, e.g. orderId)'),
});

/** Waits, in the state entered, for an event about the record, then takes a transition. */
export const waitForEventStep: ActionStepType<z.output<typeof waitConfig>> = {
  code: 'core.wait_for_event',
  kind: 'action',
  execution: 'transaction',
  label: 'Wait for an event',
  description: 'In the state this step leads to, waits for an event about the record (e.g. payment captured) and then moves on',
  configSchema: waitConfig,
  checkDefinition: (config, where) => leavesTarget(config.transition, where),
  run({ config }) {
    return { arm: [{ transition: config.transition, event: config.event, subjectPath: config.subjectPath }] };
  },
};

const timerConfig = z.object({
  transition: z.string().min(1).describe('The transition to take when the time is up (it must leave the state this transition enters)'),
  afterMinutes: z.number().int().positive().max(525_600).describe('Minutes after entering the state'),
});

/** A timeout: if the record is still in the state entered after a while, takes a transition (e.g. pickup expired). */
export const timerStep: ActionStepType<z.output<typeof timerConfig>> = {
  code: 'core.timer',
  kind: 'action',
  execution: 'transaction',
  label: 'Timer',
  description: 'If the record is still in the state this step leads to after the given minutes, moves it on (e.g. pickup expired)',
  configSchema: timerConfig,
  checkDefinition: (config, where) => leavesTarget(config.transition, where),
  run({ config }) {
    return { arm: [{ transition: config.transition, afterMinutes: config.afterMinutes }] };
  },
};
