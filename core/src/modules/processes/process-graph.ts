import type { ProcessDocument, ProcessState, ProcessTransition } from './process-document.js';

/** The state with this code (the first one when a draft repeats a code). */
export function stateOf(doc: ProcessDocument, code: string): ProcessState | undefined {
  return doc.states.find((state) => state.code === code);
}

/** The state instances start in, or undefined unless exactly one state is marked initial. */
export function initialState(doc: ProcessDocument): ProcessState | undefined {
  const initial = doc.states.filter((state) => state.initial === true);
  return initial.length === 1 ? initial[0] : undefined;
}

/** The transitions that may be taken from a state, in document order. */
export function transitionsFrom(doc: ProcessDocument, state: string): ProcessTransition[] {
  return doc.transitions.filter((transition) => transition.from.includes(state));
}

/** Does the transition fire by itself (an `auto` trigger)? */
export function isAutoTransition(transition: ProcessTransition): boolean {
  return transition.triggers.some((trigger) => trigger.by === 'auto');
}

/** The transitions taken by themselves on entering a state (an `auto` trigger), in document order. */
export function autoTransitionsFrom(doc: ProcessDocument, state: string): ProcessTransition[] {
  return transitionsFrom(doc, state).filter(isAutoTransition);
}

/** The transition with this name (the first one when a draft repeats a name). */
export function findTransition(doc: ProcessDocument, name: string): ProcessTransition | undefined {
  return doc.transitions.find((transition) => transition.name === name);
}

/** Options of {@link reachableStates}. */
export interface ReachabilityOptions {
  /** Transitions to leave out of the walk (e.g. those that fulfil a milestone). */
  skip?: (transition: ProcessTransition) => boolean;
}

/**
 * The state codes reachable from `from` (included) by following transitions. Target names
 * that are not states of the document are included as written.
 */
export function reachableStates(doc: ProcessDocument, from: string, options: ReachabilityOptions = {}): Set<string> {
  const transitions = options.skip ? doc.transitions.filter((t) => !options.skip!(t)) : doc.transitions;
  const reached = new Set<string>([from]);
  const queue = [from];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const transition of transitions) {
      if (transition.from.includes(state) && !reached.has(transition.to)) {
        reached.add(transition.to);
        queue.push(transition.to);
      }
    }
  }
  return reached;
}
