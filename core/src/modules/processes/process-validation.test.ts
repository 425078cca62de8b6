import { describe, expect, it } from 'vitest';
import { goodOrderProcess, testCatalog } from './__tests__/step-catalog-fixture.js';
import type { ProcessDocumentInput, ValidationProblem } from './process-document.js';
import { validateDefinition } from './process-validation.js';

type Draft = ProcessDocumentInput & { transitions: NonNullable<ProcessDocumentInput['transitions']> };

/** The good order process, changed by `edit`. */
function draft(edit: (doc: Draft) => void): Draft {
  const doc = goodOrderProcess() as Draft;
  edit(doc);
  return doc;
}

function validate(input: unknown, kind = 'order'): ValidationProblem[] {
  return validateDefinition(input, kind, testCatalog()).problems;
}

/** The problems with one code. */
function withCode(problems: ValidationProblem[], code: string): ValidationProblem[] {
  return problems.filter((p) => p.code === code);
}

const transition = (doc: Draft, name: string) => doc.transitions.find((t) => t.name === name)!;
const state = (doc: Draft, code: string) => doc.states.find((s) => s.code === code)!;

describe('validateDefinition', () => {
  it('finds nothing wrong with a good definition and returns it parsed', () => {
    const result = validateDefinition(goodOrderProcess(), 'order', testCatalog());
    expect(result.problems).toEqual([]);
    expect(result.document?.transitions[0]?.guards).toEqual([]);
  });

  it('DOCUMENT_INVALID: reports the shape problems with JSON paths and no document', () => {
    const input = draft((doc) => {
      transition(doc, 'ship').guards = [{ type: '', config: {} }];
      state(doc, 'paid').code = 'Paid!';
    });
    const result = validateDefinition(input, 'order', testCatalog());
    expect(result.document).toBeNull();
    expect(result.problems.map((p) => [p.code, p.path])).toEqual([
      ['DOCUMENT_INVALID', 'states[1].code'],
      ['DOCUMENT_INVALID', 'transitions[1].guards[0].type'],
    ]);
    expect(validate(null)).toEqual([{ code: 'DOCUMENT_INVALID', message: expect.any(String) }]);
  });

  it('UNKNOWN_KIND: the kind is not installed (the rest is still checked)', () => {
    expect(validate(goodOrderProcess(), 'subscription')).toEqual([{ code: 'UNKNOWN_KIND', message: expect.stringContaining('subscription') }]);
  });

  it('DUPLICATE_STATE: two states share a code', () => {
    const problems = validate(draft((doc) => doc.states.push({ code: 'paid', label: 'Paid again' })));
    expect(withCode(problems, 'DUPLICATE_STATE')).toEqual([expect.objectContaining({ path: 'states[5].code', state: 'paid' })]);
  });

  it('DUPLICATE_TRANSITION: two transitions share a name', () => {
    const problems = validate(draft((doc) => doc.transitions.push({ name: 'cancel', from: ['shipped'], to: 'cancelled', triggers: [{ by: 'system' }] })));
    expect(withCode(problems, 'DUPLICATE_TRANSITION')).toEqual([expect.objectContaining({ path: 'transitions[4].name', transition: 'cancel' })]);
  });

  it('NO_INITIAL_STATE: no state is marked initial (and reachability is not checked)', () => {
    const problems = validate(draft((doc) => delete state(doc, 'placed').initial));
    expect(withCode(problems, 'NO_INITIAL_STATE')).toEqual([expect.objectContaining({ path: 'states' })]);
    expect(withCode(problems, 'UNREACHABLE_STATE')).toEqual([]);
  });

  it('MULTIPLE_INITIAL_STATES: a second state is marked initial', () => {
    const problems = validate(draft((doc) => (state(doc, 'paid').initial = true)));
    expect(withCode(problems, 'MULTIPLE_INITIAL_STATES')).toEqual([expect.objectContaining({ path: 'states[1].initial', state: 'paid' })]);
    expect(withCode(problems, 'MILESTONE_MISSING')).toEqual([]);
  });

  it('INITIAL_STATE_TERMINAL: the initial state is also final', () => {
    const problems = validate(draft((doc) => (state(doc, 'placed').terminal = true)));
    expect(withCode(problems, 'INITIAL_STATE_TERMINAL')).toEqual([expect.objectContaining({ path: 'states[0].terminal', state: 'placed' })]);
  });

  it('NO_TERMINAL_STATE: no state is final', () => {
    const input: ProcessDocumentInput = {
      states: [
        { code: 'open', label: 'Open', initial: true },
        { code: 'closed', label: 'Closed' },
      ],
      transitions: [
        { name: 'close', from: ['open'], to: 'closed', triggers: [{ by: 'system' }] },
        { name: 'reopen', from: ['closed'], to: 'open', triggers: [{ by: 'system' }] },
      ],
    };
    const problems = validate(input, 'return');
    expect(problems).toEqual([expect.objectContaining({ code: 'NO_TERMINAL_STATE', path: 'states' })]);
  });

  it('OUTCOME_ON_NON_TERMINAL: an outcome on a state that does not end the process', () => {
    const problems = validate(draft((doc) => (state(doc, 'shipped').outcome = 'completed')));
    expect(withCode(problems, 'OUTCOME_ON_NON_TERMINAL')).toEqual([expect.objectContaining({ path: 'states[2].outcome', state: 'shipped' })]);
  });

  it('UNKNOWN_STATE: a transition starts from or leads to a state that does not exist', () => {
    const problems = validate(
      draft((doc) => {
        transition(doc, 'cancel').from.push('packed');
        transition(doc, 'ship').to = 'sent';
      }),
    );
    expect(withCode(problems, 'UNKNOWN_STATE')).toEqual([
      expect.objectContaining({ path: 'transitions[1].to', state: 'sent', transition: 'ship' }),
      expect.objectContaining({ path: 'transitions[3].from[2]', state: 'packed', transition: 'cancel' }),
    ]);
    expect(withCode(problems, 'NO_WAY_TO_FINISH')).toEqual([]);
  });

  it('TERMINAL_STATE_HAS_EXIT: a transition leaves a final state', () => {
    const problems = validate(draft((doc) => transition(doc, 'cancel').from.push('completed')));
    expect(withCode(problems, 'TERMINAL_STATE_HAS_EXIT')).toEqual([expect.objectContaining({ path: 'transitions[3].from[2]', state: 'completed', transition: 'cancel' })]);
  });

  it('UNREACHABLE_STATE: no path leads from the initial state to a state', () => {
    const problems = validate(draft((doc) => doc.states.splice(3, 0, { code: 'archived', label: 'Archived', terminal: true, outcome: 'cancelled' })));
    expect(withCode(problems, 'UNREACHABLE_STATE')).toEqual([expect.objectContaining({ path: 'states[3]', state: 'archived' })]);
  });

  it('DEAD_END: a non-final state without a way out', () => {
    const problems = validate(draft((doc) => (transition(doc, 'complete').from = ['paid'])));
    expect(withCode(problems, 'DEAD_END')).toEqual([expect.objectContaining({ path: 'states[2]', state: 'shipped' })]);
    expect(withCode(problems, 'NO_WAY_TO_FINISH')).toEqual([]);
  });

  it('NO_WAY_TO_FINISH: states that only lead round in a circle', () => {
    const problems = validate(
      draft((doc) => {
        // placed → completed or cancelled; paid ⇄ shipped go round without an end.
        transition(doc, 'complete').from = ['placed'];
        transition(doc, 'complete').actions = [{ type: 'test.capture', config: {} }];
        transition(doc, 'cancel').from = ['placed'];
        doc.transitions.push({ name: 'unship', from: ['shipped'], to: 'paid', triggers: [{ by: 'system' }] });
      }),
    );
    expect(withCode(problems, 'NO_WAY_TO_FINISH')).toEqual([
      expect.objectContaining({ path: 'states[1]', state: 'paid' }),
      expect.objectContaining({ path: 'states[2]', state: 'shipped' }),
    ]);
    expect(withCode(problems, 'DEAD_END')).toEqual([]);
  });

  it('UNKNOWN_STEP_TYPE: a step type no plugin provides', () => {
    const problems = validate(draft((doc) => transition(doc, 'ship').guards!.push({ type: 'test.missing', config: {} })));
    expect(withCode(problems, 'UNKNOWN_STEP_TYPE')).toEqual([expect.objectContaining({ path: 'transitions[1].guards[1].type', transition: 'ship' })]);
  });

  it('STEP_KIND_MISMATCH: an action listed as a guard and a guard listed as an action', () => {
    const problems = validate(
      draft((doc) => {
        transition(doc, 'ship').guards!.push({ type: 'test.set_tag', config: { tag: 'x' } });
        transition(doc, 'ship').actions = [{ type: 'test.amount_above', config: { amount: 1 } }];
      }),
    );
    expect(withCode(problems, 'STEP_KIND_MISMATCH').map((p) => p.path)).toEqual(['transitions[1].guards[1].type', 'transitions[1].actions[0].type']);
  });

  it('STEP_NOT_FOR_KIND: a step type limited to other kinds', () => {
    const problems = validate(draft((doc) => (transition(doc, 'cancel').actions = [{ type: 'test.refund', config: {} }])));
    expect(withCode(problems, 'STEP_NOT_FOR_KIND')).toEqual([expect.objectContaining({ path: 'transitions[3].actions[0].type', transition: 'cancel' })]);
  });

  it('INVALID_STEP_CONFIG: one problem per config issue, under the config path', () => {
    const problems = validate(
      draft((doc) => {
        transition(doc, 'ship').guards = [{ type: 'test.amount_above', config: { amount: 1.5 } }];
        transition(doc, 'complete').actions = [{ type: 'test.set_tag', config: {} }];
      }),
    );
    expect(withCode(problems, 'INVALID_STEP_CONFIG')).toEqual([
      expect.objectContaining({ path: 'transitions[1].guards[0].config.amount', transition: 'ship' }),
      expect.objectContaining({ path: 'transitions[2].actions[0].config.tag', transition: 'complete' }),
    ]);
  });

  it("STEP_DEFINITION_PROBLEM: the step type's own check of the definition", () => {
    const problems = validate(
      draft((doc) => {
        transition(doc, 'pay').actions!.push({ type: 'test.schedule', config: { transition: 'ship' } });
        transition(doc, 'ship').actions = [{ type: 'test.schedule', config: { transition: 'ship' } }];
      }),
    );
    expect(withCode(problems, 'STEP_DEFINITION_PROBLEM')).toEqual([
      expect.objectContaining({ path: 'transitions[1].actions[0]', transition: 'ship', message: expect.stringContaining('does not leave the state') }),
    ]);
  });

  it('UNKNOWN_PERMISSION: a staff trigger names an undeclared permission', () => {
    const problems = validate(draft((doc) => (transition(doc, 'ship').triggers = [{ by: 'staff', permission: 'orders.ship' }])));
    expect(withCode(problems, 'UNKNOWN_PERMISSION')).toEqual([expect.objectContaining({ path: 'transitions[1].triggers[0].permission', transition: 'ship' })]);
  });

  it('UNKNOWN_EVENT: an event trigger names an undeclared event', () => {
    const problems = validate(draft((doc) => (transition(doc, 'pay').triggers = [{ by: 'event', event: 'payment.done' }])));
    expect(withCode(problems, 'UNKNOWN_EVENT')).toEqual([expect.objectContaining({ path: 'transitions[0].triggers[0].event', transition: 'pay' })]);
  });

  it('DUPLICATE_TRIGGER: the same trigger twice on one transition', () => {
    const problems = validate(draft((doc) => transition(doc, 'cancel').triggers.push({ permission: 'orders.manage', by: 'staff' })));
    expect(withCode(problems, 'DUPLICATE_TRIGGER')).toEqual([expect.objectContaining({ path: 'transitions[3].triggers[2]', transition: 'cancel' })]);
  });

  it('AUTO_LOOP: automatic transitions that form a cycle, including one back to its own state', () => {
    const problems = validate(
      draft((doc) => {
        doc.transitions.push({ name: 'recheck', from: ['paid'], to: 'placed', triggers: [{ by: 'system' }, { by: 'auto' }] });
        transition(doc, 'pay').triggers.push({ by: 'auto' });
        doc.transitions.push({ name: 'ping', from: ['shipped'], to: 'shipped', triggers: [{ by: 'auto' }] });
      }),
    );
    expect(withCode(problems, 'AUTO_LOOP')).toEqual([
      expect.objectContaining({ path: 'transitions[0].triggers[1]', state: 'placed', transition: 'pay', message: expect.stringContaining('“Placed”, “Paid”') }),
      expect.objectContaining({ path: 'transitions[5].triggers[0]', state: 'shipped', transition: 'ping' }),
    ]);
  });

  it('MILESTONE_MISSING: a completed end is reachable without a step that satisfies the milestone', () => {
    const problems = validate(draft((doc) => doc.transitions.push({ name: 'gift', from: ['placed'], to: 'shipped', triggers: [{ by: 'system' }] })));
    expect(withCode(problems, 'MILESTONE_MISSING')).toEqual([
      { code: 'MILESTONE_MISSING', path: 'states[3]', state: 'completed', message: expect.stringMatching(/reach “Completed” without a step for “Payment”. An order must be paid/) },
    ]);
    // A cancelled end without payment is fine.
    expect(withCode(validate(draft((doc) => (transition(doc, 'pay').actions = []))), 'MILESTONE_MISSING')).toHaveLength(1);
    expect(withCode(validate(draft((doc) => (transition(doc, 'complete').to = 'cancelled'))), 'MILESTONE_MISSING')).toEqual([]);
  });

  it('lists problems in a stable order: states, transitions, then the graph', () => {
    const input = draft((doc) => {
      state(doc, 'shipped').outcome = 'completed';
      transition(doc, 'ship').triggers = [{ by: 'staff', permission: 'nope' }];
      transition(doc, 'complete').from = ['paid'];
    });
    const codes = validate(input).map((p) => p.code);
    expect(codes).toEqual(['OUTCOME_ON_NON_TERMINAL', 'UNKNOWN_PERMISSION', 'DEAD_END']);
    expect(validate(input)).toEqual(validate(input));
  });
});
