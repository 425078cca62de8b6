import type { PluginScope } from '../../kernel/plugin.js';
import type { GuardResult, GuardStepType, StepContext } from '../../kernel/process-contributions.js';
import type { StepUse } from './process-document.js';

/** One guard's verdict, as history, errors and dry runs report it. */
export interface GuardVerdict {
  type: string;
  label: string;
  ok: boolean;
  message?: string;
  reason?: string;
  /** The input field the guard needs (a form shows the message there). */
  field?: string;
}

/** Where guards find their step types and the scope of the plugin that contributes each. */
export interface GuardSource {
  stepType(code: string): { kind: string } | undefined;
  stepScope(code: string): PluginScope<unknown> | undefined;
}

/**
 * Runs a transition's guards in order and stops at the first that fails. Configs were checked
 * when the version was published; they are parsed again here so defaults apply.
 */
export async function evaluateGuards(
  guards: readonly StepUse[],
  base: Omit<StepContext<unknown>, 'config' | 'scope'>,
  source: GuardSource,
): Promise<{ ok: boolean; verdicts: GuardVerdict[] }> {
  const verdicts: GuardVerdict[] = [];
  for (const use of guards) {
    const type = source.stepType(use.type) as GuardStepType | undefined;
    if (!type || type.kind !== 'guard') {
      verdicts.push({ type: use.type, label: use.label ?? use.type, ok: false, message: `The guard "${use.type}" is not installed`, reason: 'STEP_TYPE_MISSING' });
      return { ok: false, verdicts };
    }
    const label = use.label ?? type.label;
    let result: GuardResult;
    try {
      const config = type.configSchema.parse(use.config);
      result = await type.check({ ...base, config, scope: source.stepScope(use.type)! });
    } catch (error) {
      // A guard that breaks (a plugin bug, a config its schema no longer accepts) refuses, visibly.
      base.ctx.logger.error({ err: error, step: use.type }, 'process guard failed to run');
      verdicts.push({ type: use.type, label, ok: false, message: `The check “${label}” could not run: ${error instanceof Error ? error.message : String(error)}`, reason: 'GUARD_ERROR' });
      return { ok: false, verdicts };
    }
    if (result.ok) verdicts.push({ type: use.type, label, ok: true });
    else {
      verdicts.push({ type: use.type, label, ok: false, message: result.message, reason: result.reason, field: result.field });
      return { ok: false, verdicts };
    }
  }
  return { ok: true, verdicts };
}
