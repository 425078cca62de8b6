import { z } from 'zod';
import { defineJob } from '../../kernel/plugin.js';
import { ProcessJobs } from './process-jobs.names.js';
import { ProcessTriggers } from './process-triggers.js';
import { RunWorker } from './run-worker.js';

/** Runs the next job action of a transition. Its attempts are counted by the run itself. */
export const runStepJob = defineJob({
  name: ProcessJobs.RunStep,
  description: 'Runs the next job step of a process transition',
  payload: z.object({ runId: z.string() }),
  maxAttempts: 4,
  backoffMs: 2_000,
  run: (payload, ctx, scope) => scope.container.resolve(RunWorker).runStep(ctx, payload.runId),
});

/** Undoes the completed steps of a failed transition, newest first. */
export const compensateJob = defineJob({
  name: ProcessJobs.Compensate,
  description: 'Undoes the completed steps of a failed process transition',
  payload: z.object({ runId: z.string() }),
  maxAttempts: 10,
  backoffMs: 5_000,
  run: (payload, ctx, scope) => scope.container.resolve(RunWorker).compensate(ctx, payload.runId),
});

/** Takes a timer-triggered transition when the instance is still where the timer was armed. */
export const timerJob = defineJob({
  name: ProcessJobs.Timer,
  description: 'Fires a process timer (e.g. an uncollected pickup expires)',
  payload: z.object({ instanceId: z.string(), seq: z.number().int(), transition: z.string() }),
  maxAttempts: 5,
  run: (payload, ctx, scope) => scope.container.resolve(ProcessTriggers).onTimer(ctx, payload),
});

export const processJobs = [runStepJob, compensateJob, timerJob];
