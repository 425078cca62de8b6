import { z } from 'zod';

const CODE = /^[a-z][a-z0-9_]{0,63}$/;
const code = (what: string) => z.string().regex(CODE, `${what} must be a lowercase code like "ready_for_pickup"`);

/** One use of a step type in a transition: which type, and its config (checked against the type's schema). */
export const stepUseSchema = z.object({
  type: z.string().min(1, 'says which step type to use'),
  config: z.record(z.string(), z.unknown()).default({}),
  /** What staff see on the diagram instead of the type's label. */
  label: z.string().max(120).optional(),
});

/**
 * Who or what may take a transition. `staff` with a permission (scoped to the instance's
 * platform), the `customer` the instance belongs to, the `system` (core code and plugins call
 * it), `auto` (taken as soon as its state is entered and its guards pass, first listed first),
 * an `event` about the subject, or a `timer` that fires a while after the state was entered.
 */
export const triggerSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('staff'), permission: z.string().min(1) }),
  z.object({ by: z.literal('customer') }),
  z.object({ by: z.literal('system') }),
  z.object({ by: z.literal('auto') }),
  z.object({
    by: z.literal('event'),
    event: z.string().min(1),
    /** Top-level payload key holding the subject's id; the kind's `subjectKey` by default. */
    subjectPath: z.string().min(1).optional(),
  }),
  z.object({ by: z.literal('timer'), afterMinutes: z.number().int().positive().max(525_600) }),
]);

export const stateSchema = z.object({
  code: code('A state code'),
  label: z.string().min(1).max(120),
  description: z.string().max(500).optional(),
  initial: z.boolean().optional(),
  terminal: z.boolean().optional(),
  /** How a terminal state ends the instance; milestones apply to `completed` ends. */
  outcome: z.enum(['completed', 'cancelled']).optional(),
});

export const transitionSchema = z.object({
  name: code('A transition name'),
  label: z.string().min(1).max(120).optional(),
  from: z.array(z.string()).min(1, 'needs at least one state to start from'),
  to: z.string().min(1),
  triggers: z.array(triggerSchema).min(1, 'needs at least one trigger'),
  guards: z.array(stepUseSchema).default([]),
  actions: z.array(stepUseSchema).default([]),
});

/** A process definition's content: the states and the transitions between them. */
export const processDocumentSchema = z.object({
  states: z.array(stateSchema).min(1, 'needs at least one state'),
  transitions: z.array(transitionSchema).default([]),
});

export type StepUse = z.output<typeof stepUseSchema>;
export type Trigger = z.output<typeof triggerSchema>;
export type ProcessState = z.output<typeof stateSchema>;
export type ProcessTransition = z.output<typeof transitionSchema>;
export type ProcessDocument = z.output<typeof processDocumentSchema>;
/** A document as staff send it (defaults may be left out). */
export type ProcessDocumentInput = z.input<typeof processDocumentSchema>;

/** One thing wrong with a definition, with a stable code and where it is. */
export interface ValidationProblem {
  code: string;
  message: string;
  /** JSON path into the document, e.g. `transitions[2].guards[0].config.amount`. */
  path?: string;
  state?: string;
  transition?: string;
}

/** The outcome of a terminal state (completed unless it says cancelled). */
export function outcomeOf(state: ProcessState): 'completed' | 'cancelled' {
  return state.outcome ?? 'completed';
}
