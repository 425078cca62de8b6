import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../kernel/config.js';
import { createCtx } from '../../kernel/context.js';
import { createLogger } from '../../kernel/logger.js';
import { createPlaza } from '../../kernel/plaza.js';
import { createTestDatabase, type TestDatabase } from '../../testing/index.js';
import { SessionService } from './session.service.js';

const CLI = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('plaza user:create', () => {
  let cwd: string;
  let database: TestDatabase;
  beforeAll(async () => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-user-cli-'));
    database = await createTestDatabase();
  });
  afterAll(async () => {
    fs.rmSync(cwd, { recursive: true, force: true });
    await database?.drop();
  });

  /** Runs the built CLI with `stdin` piped in (not a terminal, so it never prompts). */
  function plaza(args: string[], stdin = ''): Promise<Run> {
    return new Promise((resolve) => {
      const env = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', DATABASE_URL: database.url, PLAZA_SECRET: 'cli-test-secret-0123456789' };
      const child = spawn(process.execPath, [CLI, ...args], { cwd, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });
  }

  /** Signs in in-process, as the admin API's login mutation does. */
  async function signIn(email: string, password: string): Promise<string[]> {
    const config = resolveConfig({ databaseUrl: database.url, logLevel: 'silent', secret: 'cli-test-secret-0123456789', worker: false }, {});
    const plazaInstance = await createPlaza(config, { logger: createLogger('silent') });
    try {
      const ctx = createCtx({ db: plazaInstance.db, logger: plazaInstance.logger, api: 'admin', actor: null });
      return (await plazaInstance.container.resolve(SessionService).login(ctx, { email, password })).me.permissions!;
    } finally {
      await plazaInstance.close();
    }
  }

  it('creates an owner with a generated password printed once', async () => {
    const run = await plaza(['user:create', '--email', 'Boss@Shop.Example']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Created staff member boss@shop\.example \(stf_\w+\) with the role "owner"\./);
    const password = /Password \(shown only this once\): (\S+)/.exec(run.stdout)?.[1];
    expect(password).toHaveLength(20);
    expect(await signIn('boss@shop.example', password!)).toEqual(['*']);
  });

  it('takes the password from stdin and a role', async () => {
    const run = await plaza(['user:create', '--email', 'ana@shop.example', '--name', 'Ana', '--role', 'store-manager', '--password-stdin'], 'a long enough password\n');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Password');
    expect(await signIn('ana@shop.example', 'a long enough password')).toContain('staff.manage');
  });

  it('fails bad input with exit code 1 and a clear message', async () => {
    const duplicate = await plaza(['user:create', '--email', 'boss@shop.example']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('A staff member with the email boss@shop.example already exists');
    expect(duplicate.stderr).not.toMatch(/\n\s+at /);
    const role = await plaza(['user:create', '--email', 'x@shop.example', '--role', 'wizard']);
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('There is no role "wizard"');
    const short = await plaza(['user:create', '--email', 'y@shop.example', '--password-stdin'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 10 characters');
    const email = await plaza(['user:create', '--email', 'not-an-email']);
    expect(email.code).toBe(1);
    expect(email.stderr).toContain('email: must be an email address');
    const missing = await plaza(['user:create']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--email <email>' not specified");
  });
});
