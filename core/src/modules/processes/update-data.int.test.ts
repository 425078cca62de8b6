import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { ProcessService } from './process.service.js';

let env: TestEnvironment;
let processes: ProcessService;

beforeAll(async () => {
  env = await createTestEnvironment();
  processes = env.plaza.container.resolve(ProcessService);
});
afterAll(() => env?.close());

describe('updating the facts of an instance', () => {
  it('an unpaid shipped order waits, and moves on by itself once its facts say it is paid', async () => {
    const system = env.plaza.systemCtx();
    const order = await processes.start(system, { kind: 'order', mode: 'ship', subjectId: 'ord_update_1', platformId: null, data: { paymentStatus: 'pending', total: 2500 } });
    expect(order.state).toBe('placed');

    const partly = await processes.updateData(system, order.id, { paymentStatus: 'partially_paid' });
    expect(partly).toMatchObject({ state: 'placed', data: { paymentStatus: 'partially_paid', total: 2500 } });

    const paid = await processes.updateData(system, order.id, { paymentStatus: 'paid' });
    expect(paid.state).toBe('processing');
    expect(paid.data).toMatchObject({ paymentStatus: 'paid', total: 2500 });
    const history = (await processes.history(system, order.id)).edges.map((e) => [e.node.transition, e.node.trigger]);
    expect(history).toEqual([
      ['start', 'start'],
      ['start_processing', 'auto'],
    ]);
  });

  it('facts of a finished instance are kept, and nothing moves', async () => {
    const system = env.plaza.systemCtx();
    const sale = await processes.start(system, { kind: 'order', mode: 'carry_out', subjectId: 'ord_update_2', platformId: null, data: { paymentStatus: 'paid' } });
    expect(sale).toMatchObject({ state: 'completed', status: 'ended' });
    const after = await processes.updateData(system, sale.id, { paymentStatus: 'refunded' });
    expect(after).toMatchObject({ state: 'completed', data: { paymentStatus: 'refunded' } });
    expect((await processes.get(system, sale.id)).data).toMatchObject({ paymentStatus: 'refunded' });
  });
});
