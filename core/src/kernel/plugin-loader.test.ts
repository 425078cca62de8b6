import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent, definePlugin, type PluginEntry } from './plugin.js';
import { validatePlugins } from './plugin-loader.js';
import { isPlazaError } from './errors.js';

const core = definePlugin({ name: '@plaza/core', version: '1.0.0', events: [defineEvent('order.placed', z.object({}), 'An order was placed')] });

function bootError(entries: PluginEntry[]): { code: string; message: string } {
  try {
    validatePlugins(entries);
  } catch (error) {
    if (isPlazaError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the boot to fail');
}

const entry = (plugin: ReturnType<typeof definePlugin>, options?: unknown): PluginEntry => ({ plugin: plugin as PluginEntry['plugin'], options });

describe('plugin loader', () => {
  it('orders plugins after what they require, keeping declared order otherwise', () => {
    const a = definePlugin({ name: 'a', version: '1.0.0', requires: ['b'] });
    const b = definePlugin({ name: 'b', version: '1.0.0', requires: ['@plaza/core'] });
    const c = definePlugin({ name: 'c', version: '1.0.0' });
    expect(validatePlugins([entry(core), entry(a), entry(c), entry(b)]).map((p) => p.manifest.name)).toEqual(['@plaza/core', 'b', 'a', 'c']);
  });

  it('rejects a duplicate name', () => {
    const error = bootError([entry(core), entry(definePlugin({ name: 'gifts', version: '1.0.0' })), entry(definePlugin({ name: 'gifts', version: '2.0.0' }))]);
    expect(error.code).toBe('PLUGIN_INVALID');
    expect(error.message).toContain('plugin "gifts" is installed twice');
  });

  it('rejects a missing requirement, naming both plugins', () => {
    const error = bootError([entry(core), entry(definePlugin({ name: 'pos', version: '1.0.0', requires: ['payments'] }))]);
    expect(error.message).toContain('plugin "pos" requires "payments", which is not installed');
  });

  it('rejects a cycle, naming every plugin in it', () => {
    const error = bootError([
      entry(core),
      entry(definePlugin({ name: 'a', version: '1.0.0', requires: ['b'] })),
      entry(definePlugin({ name: 'b', version: '1.0.0', requires: ['c'] })),
      entry(definePlugin({ name: 'c', version: '1.0.0', requires: ['a'] })),
    ]);
    expect(error.message).toContain('cycle: "a" → "b" → "c" → "a"');
  });

  it('rejects bad options with every problem and the plugin name', () => {
    const configSchema = z.object({ apiKey: z.string().min(10), retries: z.number().int() });
    const error = bootError([entry(core), entry(definePlugin({ name: 'shipping', version: '1.0.0', configSchema }), { apiKey: 'short', retries: 1.5 })]);
    expect(error.message).toContain('plugin "shipping": option "apiKey"');
    expect(error.message).toContain('plugin "shipping": option "retries"');
  });

  it('rejects a subscription to an unknown event and suggests the closest one', () => {
    const error = bootError([entry(core), entry(definePlugin({ name: 'mailer', version: '1.0.0', subscribers: { 'order.placd': async () => undefined } }))]);
    expect(error.message).toContain('plugin "mailer" subscribes to unknown event "order.placd" (did you mean "order.placed"?)');
  });

  it('reports every problem at once, one line each', () => {
    const error = bootError([
      entry(core),
      entry(definePlugin({ name: 'x', version: 'one', requires: ['y'] })),
      entry(definePlugin({ name: 'z', version: '1.0.0', requires: ['missing'], subscribers: { 'nope.nothing': async () => undefined } })),
    ]);
    const lines = error.message.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines).toHaveLength(3);
    expect(error.message).toContain('plugin "x": version: must be a semver version');
  });

  it('rejects an invalid cron and a job name declared twice', () => {
    const job = { name: 'sync', cron: 'every minute', run: async () => undefined };
    const error = bootError([entry(core), entry(definePlugin({ name: 'p1', version: '1.0.0', jobs: [job] })), entry(definePlugin({ name: 'p2', version: '1.0.0', jobs: [{ ...job, cron: undefined }] }))]);
    expect(error.message).toContain('plugin "p1" job "sync" has an invalid cron "every minute"');
    expect(error.message).toContain('plugin "p2" declares job "sync", already declared by "p1"');
  });
});
