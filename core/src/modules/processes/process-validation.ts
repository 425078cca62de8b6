import type { z } from 'zod';
import type { DefinitionOutline, ProcessKindDefinition } from '../../kernel/process-contributions.js';
import type { ProcessCatalogView } from './process-catalog.js';
import {
  outcomeOf,
  processDocumentSchema,
  type ProcessDocument,
  type ProcessState,
  type ProcessTransition,
  type StepUse,
  type Trigger,
  type ValidationProblem,
} from './process-document.js';
import { initialState, isAutoTransition, reachableStates, stateOf, transitionsFrom } from './process-graph.js';

/** The outcome of {@link validateDefinition}. */
export interface DefinitionValidation {
  /** The parsed document (defaults applied), or null when its shape is wrong. */
  document: ProcessDocument | null;
  /** Everything wrong with it; empty when the definition can be published. */
  problems: ValidationProblem[];
}

/**
 * Checks a process definition for a kind against the installed plugins: its shape, its states,
 * its transitions and their steps and triggers, its graph (reachability, dead ends, loops) and
 * the kind's milestones. Problems come rule group by rule group — states, transitions, graph,
 * milestones — each in document order, so the same definition always gives the same list.
 */
export function validateDefinition(input: unknown, kindCode: string, catalog: ProcessCatalogView): DefinitionValidation {
  const parsed = processDocumentSchema.safeParse(input);
  if (!parsed.success) return { document: null, problems: zodProblems(parsed.error.issues, 'DOCUMENT_INVALID') };
  const doc = parsed.data;
  const kind = catalog.kind(kindCode);
  const problems: ValidationProblem[] = [];
  if (!kind) problems.push({ code: 'UNKNOWN_KIND', message: `There is no process kind “${kindCode}”; is the plugin that adds it installed?` });
  problems.push(...stateProblems(doc));
  doc.transitions.forEach((transition, index) => problems.push(...transitionProblems(doc, transition, index, kind, catalog)));
  problems.push(...graphProblems(doc));
  problems.push(...autoLoopProblems(doc));
  if (kind) problems.push(...milestoneProblems(doc, kind, catalog));
  return { document: doc, problems };
}

/** zod issues as problems with the code given, their paths written `transitions[2].guards[0].type`. */
function zodProblems(issues: readonly z.core.$ZodIssue[], code: string, prefix = ''): ValidationProblem[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path, prefix);
    return path ? { code, message: issue.message, path } : { code, message: issue.message };
  });
}

/** A path as a JSON path: `transitions[2].guards[0].type`, continuing `prefix` when given. */
function formatPath(segments: readonly PropertyKey[], prefix = ''): string {
  let path = prefix;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? String(segment) : `.${String(segment)}`;
  }
  return path;
}

/** “Label” of a state, or its code in quotes when no state has it. */
function stateName(doc: ProcessDocument, code: string): string {
  return `“${stateOf(doc, code)?.label ?? code}”`;
}

/** “Label” of a transition, or its name. */
function transitionName(transition: ProcessTransition): string {
  return `“${transition.label ?? transition.name}”`;
}

// --- states -------------------------------------------------------------------------------

function stateProblems(doc: ProcessDocument): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const seen = new Set<string>();
  let firstInitial: ProcessState | undefined;
  doc.states.forEach((state, i) => {
    const where = { state: state.code };
    if (seen.has(state.code)) {
      problems.push({ code: 'DUPLICATE_STATE', message: `Two states have the code “${state.code}”; each state needs its own code`, path: `states[${i}].code`, ...where });
    }
    seen.add(state.code);
    if (state.initial) {
      if (firstInitial) {
        problems.push({
          code: 'MULTIPLE_INITIAL_STATES',
          message: `“${state.label}” is marked as the starting state, but “${firstInitial.label}” already is; a process starts in exactly one state`,
          path: `states[${i}].initial`,
          ...where,
        });
      } else firstInitial = state;
      if (state.terminal) {
        problems.push({ code: 'INITIAL_STATE_TERMINAL', message: `“${state.label}” is both the starting state and a final state; the process would end before it begins`, path: `states[${i}].terminal`, ...where });
      }
    }
    if (state.outcome !== undefined && !state.terminal) {
      problems.push({ code: 'OUTCOME_ON_NON_TERMINAL', message: `“${state.label}” has an outcome but is not a final state; only final states end the process with an outcome`, path: `states[${i}].outcome`, ...where });
    }
  });
  if (!firstInitial) problems.push({ code: 'NO_INITIAL_STATE', message: 'No state is marked as the starting state', path: 'states' });
  if (!doc.states.some((state) => state.terminal)) problems.push({ code: 'NO_TERMINAL_STATE', message: 'No state is marked as a final state, so the process can never end', path: 'states' });
  return problems;
}

// --- transitions ----------------------------------------------------------------------------

function transitionProblems(
  doc: ProcessDocument,
  transition: ProcessTransition,
  i: number,
  kind: ProcessKindDefinition | undefined,
  catalog: ProcessCatalogView,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const at = `transitions[${i}]`;
  const name = transitionName(transition);
  if (doc.transitions.findIndex((t) => t.name === transition.name) < i) {
    problems.push({ code: 'DUPLICATE_TRANSITION', message: `Two transitions are named “${transition.name}”; each transition needs its own name`, path: `${at}.name`, transition: transition.name });
  }
  transition.from.forEach((from, j) => {
    const state = stateOf(doc, from);
    if (!state) {
      problems.push({ code: 'UNKNOWN_STATE', message: `${name} starts from “${from}”, which is not a state of this process`, path: `${at}.from[${j}]`, state: from, transition: transition.name });
    } else if (state.terminal) {
      problems.push({
        code: 'TERMINAL_STATE_HAS_EXIT',
        message: `${name} leaves “${state.label}”, a final state; nothing can happen after a final state`,
        path: `${at}.from[${j}]`,
        state: from,
        transition: transition.name,
      });
    }
  });
  if (!stateOf(doc, transition.to)) {
    problems.push({ code: 'UNKNOWN_STATE', message: `${name} leads to “${transition.to}”, which is not a state of this process`, path: `${at}.to`, state: transition.to, transition: transition.name });
  }
  transition.triggers.forEach((trigger, k) => problems.push(...triggerProblems(transition, trigger, `${at}.triggers[${k}]`, catalog)));
  problems.push(...duplicateTriggerProblems(transition, at));
  const outline = outlineOf(doc, transition);
  for (const slot of ['guards', 'actions'] as const) {
    transition[slot].forEach((use, j) => problems.push(...stepProblems(use, slot, `${at}.${slot}[${j}]`, transition, outline, kind, catalog)));
  }
  return problems;
}

function triggerProblems(transition: ProcessTransition, trigger: Trigger, path: string, catalog: ProcessCatalogView): ValidationProblem[] {
  const where = { transition: transition.name };
  if (trigger.by === 'staff' && !catalog.permissionKnown(trigger.permission)) {
    return [{ code: 'UNKNOWN_PERMISSION', message: `${transitionName(transition)} can be taken by staff with the permission “${trigger.permission}”, which does not exist`, path: `${path}.permission`, ...where }];
  }
  if (trigger.by === 'event' && !catalog.eventKnown(trigger.event)) {
    return [{ code: 'UNKNOWN_EVENT', message: `${transitionName(transition)} waits for the event “${trigger.event}”, which no installed plugin publishes`, path: `${path}.event`, ...where }];
  }
  return [];
}

/** The same trigger listed twice on one transition. */
function duplicateTriggerProblems(transition: ProcessTransition, at: string): ValidationProblem[] {
  const seen = new Set<string>();
  const problems: ValidationProblem[] = [];
  transition.triggers.forEach((trigger, k) => {
    const key = JSON.stringify(Object.entries(trigger).sort(([a], [b]) => a.localeCompare(b)));
    if (seen.has(key)) {
      problems.push({ code: 'DUPLICATE_TRIGGER', message: `${transitionName(transition)} lists the same trigger twice`, path: `${at}.triggers[${k}]`, transition: transition.name });
    }
    seen.add(key);
  });
  return problems;
}

/** What a step type's `checkDefinition` sees of the document. */
function outlineOf(doc: ProcessDocument, transition: ProcessTransition): DefinitionOutline {
  const brief = (t: ProcessTransition) => ({ name: t.name, from: t.from, to: t.to });
  return {
    states: doc.states.map((s) => ({ code: s.code, terminal: s.terminal })),
    transitions: doc.transitions.map(brief),
    transition: brief(transition),
  };
}

function stepProblems(
  use: StepUse,
  slot: 'guards' | 'actions',
  path: string,
  transition: ProcessTransition,
  outline: DefinitionOutline,
  kind: ProcessKindDefinition | undefined,
  catalog: ProcessCatalogView,
): ValidationProblem[] {
  const where = { transition: transition.name };
  const name = transitionName(transition);
  const type = catalog.stepType(use.type);
  const expected = slot === 'guards' ? 'guard' : 'action';
  if (!type) {
    return [{ code: 'UNKNOWN_STEP_TYPE', message: `${name} uses the ${expected} “${use.type}”, which no installed plugin provides`, path: `${path}.type`, ...where }];
  }
  const problems: ValidationProblem[] = [];
  if (type.kind !== expected) {
    const listed = slot === 'guards' ? 'a condition (guard)' : 'an action';
    problems.push({ code: 'STEP_KIND_MISMATCH', message: `${name} lists “${type.label}” as ${listed}, but it is ${type.kind === 'guard' ? 'a condition (guard)' : 'an action'}`, path: `${path}.type`, ...where });
  }
  if (kind && type.kinds && !type.kinds.includes(kind.code)) {
    problems.push({ code: 'STEP_NOT_FOR_KIND', message: `${name} uses “${type.label}”, which cannot be used in ${kind.label} processes`, path: `${path}.type`, ...where });
  }
  const config = type.configSchema.safeParse(use.config);
  if (!config.success) {
    for (const problem of zodProblems(config.error.issues, 'INVALID_STEP_CONFIG', `${path}.config`)) {
      problems.push({ ...problem, message: `“${use.label ?? type.label}” in ${name}: ${problem.message}`, ...where });
    }
    return problems;
  }
  if (type.checkDefinition) {
    let messages: string[];
    try {
      messages = type.checkDefinition(config.data, outline);
    } catch (error) {
      messages = [`could not be checked (${error instanceof Error ? error.message : String(error)})`];
    }
    for (const message of messages) {
      problems.push({ code: 'STEP_DEFINITION_PROBLEM', message: `“${use.label ?? type.label}” in ${name}: ${message}`, path, ...where });
    }
  }
  return problems;
}

// --- graph ----------------------------------------------------------------------------------

/** Each state code once, at its first index, in document order. */
function distinctStates(doc: ProcessDocument): { state: ProcessState; index: number }[] {
  return doc.states.map((state, index) => ({ state, index })).filter(({ state, index }) => doc.states.findIndex((s) => s.code === state.code) === index);
}

/**
 * Unreachable states (only with exactly one initial state), dead ends, and states with exits
 * from which no final state can be reached. A state whose trouble is a dead end or an unknown
 * state further on is left to those problems.
 */
function graphProblems(doc: ProcessDocument): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const states = distinctStates(doc);
  const initial = initialState(doc);
  const fromInitial = initial ? reachableStates(doc, initial.code) : undefined;
  const isDeadEnd = (state: ProcessState) => !state.terminal && transitionsFrom(doc, state.code).length === 0;
  const anyTerminal = doc.states.some((s) => s.terminal);
  for (const { state, index } of states) {
    const where = { path: `states[${index}]`, state: state.code };
    if (fromInitial && !fromInitial.has(state.code)) {
      problems.push({ code: 'UNREACHABLE_STATE', message: `“${state.label}” cannot be reached from the starting state “${initial!.label}”`, ...where });
    }
    if (state.terminal) continue;
    if (isDeadEnd(state)) {
      problems.push({ code: 'DEAD_END', message: `“${state.label}” is not a final state, but no transition leaves it; the process would get stuck there`, ...where });
      continue;
    }
    if (!anyTerminal) continue;
    const ahead = [...reachableStates(doc, state.code)].map((code) => stateOf(doc, code));
    const explained = ahead.some((s) => s === undefined || s.terminal || isDeadEnd(s));
    if (!explained) {
      problems.push({ code: 'NO_WAY_TO_FINISH', message: `From “${state.label}” no final state can be reached; the process would go round in circles`, ...where });
    }
  }
  return problems;
}

/**
 * Cycles of auto transitions: entered, they would be taken again and again. One problem per
 * cycle. Final states are left out (nothing leaves them; an exit from one is its own problem).
 */
function autoLoopProblems(doc: ProcessDocument): ValidationProblem[] {
  const autos = doc.transitions.map((transition, index) => ({ transition, index })).filter(({ transition }) => isAutoTransition(transition));
  const successors = (code: string) => autos.filter(({ transition }) => transition.from.includes(code)).map(({ transition }) => transition.to);
  const nodes = distinctStates(doc)
    .filter(({ state }) => !state.terminal)
    .map(({ state }) => state.code);
  const problems: ValidationProblem[] = [];
  for (const component of cyclicComponents(nodes, successors)) {
    const first = autos.find(({ transition }) => component.has(transition.to) && transition.from.some((from) => component.has(from)))!;
    const trigger = first.transition.triggers.findIndex((t) => t.by === 'auto');
    const names = [...component].map((code) => stateName(doc, code)).join(', ');
    problems.push({
      code: 'AUTO_LOOP',
      message: `Automatic transitions go round in a circle between ${names}; once entered they would repeat forever`,
      path: `transitions[${first.index}].triggers[${trigger}]`,
      state: [...component][0],
      transition: first.transition.name,
    });
  }
  return problems;
}

/**
 * The strongly connected components of a graph that contain a cycle (more than one node, or a
 * node with an edge to itself), each with its nodes in the order given, ordered by first node
 * (Tarjan's algorithm).
 */
function cyclicComponents(nodes: readonly string[], successors: (node: string) => string[]): Set<string>[] {
  const order = new Map(nodes.map((node, i) => [node, i]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: Set<string>[] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of successors(node)) {
      if (!order.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const members: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      members.push(member);
    } while (member !== node);
    if (members.length > 1 || successors(node).includes(node)) {
      components.push(new Set(members.sort((a, b) => order.get(a)! - order.get(b)!)));
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  const first = (component: Set<string>) => order.get([...component][0]!)!;
  return components.sort((a, b) => first(a) - first(b));
}

// --- milestones -----------------------------------------------------------------------------

/**
 * For each milestone of the kind: can a `completed` final state be reached from the starting
 * state without taking a transition with a step that satisfies it?
 */
function milestoneProblems(doc: ProcessDocument, kind: ProcessKindDefinition, catalog: ProcessCatalogView): ValidationProblem[] {
  const initial = initialState(doc);
  if (!initial) return [];
  const problems: ValidationProblem[] = [];
  for (const milestone of kind.milestones ?? []) {
    const satisfies = (transition: ProcessTransition) =>
      [...transition.guards, ...transition.actions].some((use) => catalog.stepType(use.type)?.satisfies?.includes(milestone.code) === true);
    const reached = reachableStates(doc, initial.code, { skip: satisfies });
    const index = doc.states.findIndex((s) => s.terminal === true && outcomeOf(s) === 'completed' && reached.has(s.code));
    const state = doc.states[index];
    if (!state) continue;
    problems.push({
      code: 'MILESTONE_MISSING',
      message: `The process can reach “${state.label}” without a step for “${milestone.label}”. ${milestone.description}`,
      path: `states[${index}]`,
      state: state.code,
    });
  }
  return problems;
}
