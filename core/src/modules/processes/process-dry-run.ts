import type { Ctx } from '../../kernel/context.js';
import type { StepContext, StepInstance } from '../../kernel/process-contributions.js';
import type { ProcessCatalogView } from './process-catalog.js';
import type { ProcessDocument, ProcessTransition, ValidationProblem } from './process-document.js';
import { evaluateGuards, type GuardSource, type GuardVerdict } from './guard-evaluation.js';
import { autoTransitionsFrom, initialState, stateOf, transitionsFrom } from './process-graph.js';
import { validateDefinition } from './process-validation.js';

/** The made-up instance a dry run walks through the process with. */
export interface DryRunSample {
  /** The instance's facts (e.g. `{ total: 25000, currency: 'EUR' }`). */
  data?: Record<string, unknown>;
  /** Transitions to try in order after the start (simulating staff, customer, events, timers). */
  transitions?: string[];
  /** Input passed to every transition. */
  input?: Record<string, unknown>;
  platformId?: string | null;
  customerId?: string | null;
  /** The mode the instance runs in (`default` when left out). */
  mode?: string;
}

/** One transition a dry run took, or tried and was stopped at by a guard. */
export interface DryRunStep {
  transition: string;
  from: string;
  to: string;
  /** `auto` when it fired by itself, `requested` when the sample asked for it. */
  trigger: 'auto' | 'requested';
  guards: GuardVerdict[];
  /** The actions that would run (they are listed, never run). */
  actions: { type: string; label: string; execution: 'transaction' | 'job' }[];
}

/** Where a dry run went and what stopped it. */
export interface DryRunResult {
  path: DryRunStep[];
  /** The state the instance ended up in ('' when the definition has no single starting state). */
  finalState: string;
  /** Did it end in a final state? */
  ended: boolean;
  /** The definition's validation problems, then what stopped the run. */
  problems: ValidationProblem[];
}

/** Auto transitions followed in a row before a dry run gives up on the chain. */
export const MAX_AUTO_HOPS = 25;

/**
 * Walks a sample instance through a (possibly draft) process definition without touching
 * anything: starts in the initial state, follows auto transitions whose guards pass, then tries
 * the sample's transitions in order, checking guards (which must not write) and listing the
 * actions that would run. Stops at the first transition that is not available or whose guard
 * fails.
 */
export async function dryRun(args: {
  document: unknown;
  kind: string;
  catalog: ProcessCatalogView & GuardSource;
  ctx: Ctx;
  sample: DryRunSample;
}): Promise<DryRunResult> {
  const { document, problems } = validateDefinition(args.document, args.kind, args.catalog);
  const initial = document ? initialState(document) : undefined;
  if (!document || !initial) return { path: [], finalState: '', ended: false, problems };
  const walk = new DryRunWalk(document, args, initial.code);
  await walk.run(args.sample.transitions ?? []);
  const finalState = walk.state;
  return { path: walk.path, finalState, ended: stateOf(document, finalState)?.terminal === true, problems: [...problems, ...walk.problems] };
}

/** The state of one dry run as it moves along. */
class DryRunWalk {
  readonly path: DryRunStep[] = [];
  readonly problems: ValidationProblem[] = [];

  constructor(
    private readonly doc: ProcessDocument,
    private readonly args: { kind: string; catalog: ProcessCatalogView & GuardSource; ctx: Ctx; sample: DryRunSample },
    public state: string,
  ) {}

  /** Follows the autos from the start, then each requested transition; stops at the first problem. */
  async run(requested: readonly string[]): Promise<void> {
    if (!(await this.followAutos())) return;
    for (const name of requested) {
      if (!(await this.request(name))) return;
      if (!(await this.followAutos())) return;
    }
  }

  /** Takes the first auto transition whose guards pass, again and again. False when the chain is too long. */
  private async followAutos(): Promise<boolean> {
    for (let hops = 0; !this.ended(); hops++) {
      const next = await this.firstPassingAuto();
      if (!next) return true;
      if (hops === MAX_AUTO_HOPS) {
        this.problems.push({
          code: 'AUTO_CHAIN_TOO_LONG',
          message: `After ${MAX_AUTO_HOPS} automatic transitions in a row the process was still moving by itself (at ${this.stateName()}); automatic transitions probably go round in a circle`,
          state: this.state,
          transition: next.transition.name,
        });
        return false;
      }
      this.take(next.transition, 'auto', next.verdicts);
    }
    return true;
  }

  private async firstPassingAuto(): Promise<{ transition: ProcessTransition; verdicts: GuardVerdict[] } | undefined> {
    for (const transition of autoTransitionsFrom(this.doc, this.state)) {
      const { ok, verdicts } = await this.checkGuards(transition);
      if (ok) return { transition, verdicts };
    }
    return undefined;
  }

  /** Tries a requested transition. False when it is not available or a guard stops it. */
  private async request(name: string): Promise<boolean> {
    const transition = this.ended() ? undefined : transitionsFrom(this.doc, this.state).find((t) => t.name === name);
    if (!transition) {
      this.problems.push({ code: 'TRANSITION_NOT_AVAILABLE', message: this.unavailableMessage(name), state: this.state, transition: name });
      return false;
    }
    const { ok, verdicts } = await this.checkGuards(transition);
    if (!ok) {
      this.path.push(this.step(transition, 'requested', verdicts));
      const failed = verdicts[verdicts.length - 1];
      this.problems.push({
        code: 'GUARD_FAILED',
        message: failed?.message ?? `A condition of “${transition.label ?? name}” is not met`,
        state: this.state,
        transition: name,
      });
      return false;
    }
    this.take(transition, 'requested', verdicts);
    return true;
  }

  private unavailableMessage(name: string): string {
    if (this.ended()) return `The process has ended in ${this.stateName()}; “${name}” cannot be taken any more`;
    if (!this.doc.transitions.some((t) => t.name === name)) return `There is no transition “${name}” in this process`;
    return `“${name}” cannot be taken from ${this.stateName()}`;
  }

  /** Runs a transition's guards; a guard that throws (e.g. on a draft's invalid config) fails with GUARD_ERROR. */
  private checkGuards(transition: ProcessTransition): Promise<{ ok: boolean; verdicts: GuardVerdict[] }> {
    return evaluateGuards(transition.guards, this.stepBase(transition), this.args.catalog);
  }

  private stepBase(transition: ProcessTransition): Omit<StepContext<unknown>, 'config' | 'scope'> {
    return {
      ctx: this.args.ctx,
      instance: this.instance(),
      transition: { name: transition.name, from: this.state, to: transition.to },
      input: this.args.sample.input ?? {},
      idempotencyKey: 'dry-run',
    };
  }

  private instance(): StepInstance {
    const { sample, kind, catalog } = this.args;
    return {
      id: 'dry-run',
      kind,
      mode: sample.mode ?? 'default',
      subjectType: catalog.kind(kind)?.subjectType ?? kind,
      subjectId: 'dry-run',
      platformId: sample.platformId ?? null,
      customerId: sample.customerId ?? null,
      state: this.state,
      data: sample.data ?? {},
      tags: [],
    };
  }

  private take(transition: ProcessTransition, trigger: DryRunStep['trigger'], verdicts: GuardVerdict[]): void {
    this.path.push(this.step(transition, trigger, verdicts));
    this.state = transition.to;
  }

  private step(transition: ProcessTransition, trigger: DryRunStep['trigger'], guards: GuardVerdict[]): DryRunStep {
    const actions = transition.actions.map((use) => {
      const type = this.args.catalog.stepType(use.type);
      const execution = type?.kind === 'action' ? type.execution : 'transaction';
      return { type: use.type, label: use.label ?? type?.label ?? use.type, execution };
    });
    return { transition: transition.name, from: this.state, to: transition.to, trigger, guards, actions };
  }

  private ended(): boolean {
    return stateOf(this.doc, this.state)?.terminal === true;
  }

  private stateName(): string {
    return `“${stateOf(this.doc, this.state)?.label ?? this.state}”`;
  }
}
