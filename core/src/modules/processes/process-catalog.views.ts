import type { AnyStepType, ProcessKindDefinition } from '../../kernel/process-contributions.js';
import { settingsForm } from '../platforms/platform-type.views.js';

/** A process kind as the admin API shows it. */
export interface ProcessKindView {
  code: string;
  label: string;
  description: string;
  subjectType: string;
  modes: { code: string; label: string }[];
  milestones: { code: string; label: string; description: string }[];
  plugin: string;
}

/** A step type as the admin API shows it, with the JSON Schema of its config form. */
export interface StepTypeView {
  code: string;
  label: string;
  description: string;
  kind: 'guard' | 'action';
  execution: 'transaction' | 'job';
  compensable: boolean;
  /** Kinds it fits; null for every kind. */
  kinds: string[] | null;
  satisfies: string[];
  configSchema: unknown;
  plugin: string;
}

export function toKindView(kind: ProcessKindDefinition & { plugin: string }): ProcessKindView {
  return {
    code: kind.code,
    label: kind.label,
    description: kind.description,
    subjectType: kind.subjectType,
    modes: [{ code: 'default', label: 'Default' }, ...(kind.modes ?? [])],
    milestones: [...(kind.milestones ?? [])],
    plugin: kind.plugin,
  };
}

export function toStepTypeView({ step, plugin }: { step: AnyStepType; plugin: string }): StepTypeView {
  return {
    code: step.code,
    label: step.label,
    description: step.description,
    kind: step.kind,
    execution: step.kind === 'guard' ? 'transaction' : step.execution,
    compensable: step.kind === 'action' && typeof step.compensate === 'function',
    kinds: step.kinds ? [...step.kinds] : null,
    satisfies: [...(step.satisfies ?? [])],
    configSchema: settingsForm(step.configSchema),
    plugin,
  };
}
