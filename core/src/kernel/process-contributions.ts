import type { z } from 'zod';
import type { Ctx } from './context.js';
import type { PluginScope } from './plugin.js';

/**
 * What the processes module hands a step when it runs: the operation context, the step's parsed
 * config, the instance as it stands, the transition being taken and its input.
 */
export interface StepContext<TConfig = unknown> {
  /** The context to use: inside the transition's transaction for `transaction` steps. */
  ctx: Ctx;
  config: TConfig;
  instance: StepInstance;
  transition: { name: string; from: string; to: string };
  /** The input the transition was triggered with (validated by nobody but the steps). */
  input: Readonly<Record<string, unknown>>;
  /**
   * Stable per run and step: pass it to external services so a retried job never repeats an
   * effect (a second capture, a second e-mail).
   */
  idempotencyKey: string;
  /** The scope of the plugin that contributed the step type (its container and config). */
  scope: PluginScope<unknown>;
}

/** The instance as a step sees it. */
export interface StepInstance {
  id: string;
  kind: string;
  mode: string;
  subjectType: string;
  subjectId: string;
  platformId: string | null;
  customerId: string | null;
  state: string;
  /** Facts the owning module keeps on the instance (amounts, currency, payment status…). */
  data: Readonly<Record<string, unknown>>;
  tags: readonly string[];
}

/** A guard's answer: pass, or fail with a reason staff and customers can read. */
export type GuardResult = { ok: true } | { ok: false; message: string; reason?: string; field?: string };

/**
 * A trigger an action arms for the state its transition enters: take `transition` when `event`
 * arrives about the subject, or `afterMinutes` after entering the state. Disarmed as soon as the
 * instance leaves that state.
 */
export interface ArmedTrigger {
  transition: string;
  event?: string;
  /** Top-level payload key holding the subject's id (the kind's `subjectKey` by default). */
  subjectPath?: string;
  afterMinutes?: number;
}

/** What an action returns: a patch to the instance's data and tags, and an output kept for compensation. */
export interface StepResult {
  /** Shallow-merged into the instance's data when the transition completes. */
  data?: Record<string, unknown>;
  addTags?: string[];
  removeTags?: string[];
  /** JSON kept with the run; the compensation receives it (e.g. a capture id to refund). */
  output?: unknown;
  /** Triggers to arm once the transition has entered its target state. */
  arm?: ArmedTrigger[];
}

interface StepTypeBase<TConfig> {
  /** Unique across Plaza, `area.name`, e.g. `core.set_tag`, `payments.capture`. */
  code: string;
  label: string;
  description: string;
  /** Validates the step's config in a process definition; rendered as a form in the admin. */
  configSchema: z.ZodType<TConfig>;
  /** Process kinds the step fits; all kinds when left out. */
  kinds?: string[];
  /** Milestones of a kind this step fulfils (e.g. `payment`), see {@link ProcessKindDefinition}. */
  satisfies?: string[];
  /**
   * Checks of a valid config against the rest of the definition (e.g. that a transition it
   * names leaves the state this step's transition enters). Returns problem messages.
   */
  checkDefinition?(config: TConfig, where: DefinitionOutline): string[];
}

/** The outline of a process definition a step's {@link StepTypeBase.checkDefinition} sees. */
export interface DefinitionOutline {
  states: readonly { code: string; terminal?: boolean }[];
  transitions: readonly { name: string; from: readonly string[]; to: string }[];
  /** The transition the step belongs to. */
  transition: { name: string; from: readonly string[]; to: string };
}

/** A guard: decides whether a transition may happen. Runs inside the transition's transaction, must not write. */
export interface GuardStepType<TConfig = unknown> extends StepTypeBase<TConfig> {
  kind: 'guard';
  check(step: StepContext<TConfig>): GuardResult | Promise<GuardResult>;
}

/**
 * An action: does something when a transition is taken. `transaction` actions run inside the
 * transition's transaction (their writes commit or roll back with it); `job` actions run
 * afterwards as jobs, outside any transaction, and may have a compensation that undoes them
 * when a later step of the same transition fails.
 */
export interface ActionStepType<TConfig = unknown> extends StepTypeBase<TConfig> {
  kind: 'action';
  execution: 'transaction' | 'job';
  run(step: StepContext<TConfig>): StepResult | void | Promise<StepResult | void>;
  /** Undoes a successful run, given its output. Called in reverse order of the runs. */
  compensate?(step: StepContext<TConfig>, output: unknown): void | Promise<void>;
  /** Attempts of a `job` action before it counts as failed (default 3). */
  maxAttempts?: number;
}

/** A step type contributed through a manifest's `stepTypes`. */
export type StepTypeDefinition<TConfig = unknown> = GuardStepType<TConfig> | ActionStepType<TConfig>;

/** A step type whatever its config type (how registries hold them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStepType = StepTypeDefinition<any>;

/** Something every complete run of a kind's process must have done (e.g. an order must be paid). */
export interface ProcessMilestone {
  code: string;
  label: string;
  /** What staff read when validation says the milestone is missing. */
  description: string;
}

/**
 * A kind of process (`order`, `fulfillment`, `return`, …): what its instances follow, the modes
 * platforms bind a process for (an order picked up in store runs another process than a shipped
 * one), and the milestones every completing path must pass.
 */
export interface ProcessKindDefinition {
  /** Unique, lowercase, e.g. `order`. */
  code: string;
  label: string;
  description: string;
  /** The record type an instance belongs to, e.g. `order`. */
  subjectType: string;
  /** The key events about a subject carry its id under, e.g. `orderId` (for event triggers). */
  subjectKey: string;
  /** Modes besides `default` a platform can bind separately, e.g. `pickup`, `order_ahead`. */
  modes?: { code: string; label: string }[];
  milestones?: ProcessMilestone[];
}
