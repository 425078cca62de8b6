import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `plaza` CLI in `cwd` and collects its output. */
function plaza(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('plaza CLI', () => {
  let cwd: string;
  let database: TestDatabase;
  beforeAll(async () => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-cli-'));
    database = await createTestDatabase();
  });
  afterAll(async () => {
    fs.rmSync(cwd, { recursive: true, force: true });
    await database.drop();
  });

  it('migrates, reports status, and lists plugins', async () => {
    const env = { DATABASE_URL: database.url, PLAZA_SECRET: 'cli-test-secret-0123456789' };
    const migrated = await plaza(['migrate'], cwd, env);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('@plaza/core/events_0001');
    const again = await plaza(['migrate'], cwd, env);
    expect(again.stdout).toContain('The database is up to date.');
    const status = await plaza(['migrate', '--status'], cwd, env);
    expect(status.stdout).toMatch(/\d+ applied, 0 pending/);
    const plugins = await plaza(['plugins'], cwd, env);
    expect(plugins.stdout).toMatch(/@plaza\/core\s+\d+\.\d+\.\d+/);
  });

  it('fails a bad config with exit code 1, one message listing every problem, and no stack trace', async () => {
    fs.writeFileSync(path.join(cwd, 'plaza.config.mjs'), 'export default { plugins: [{ name: "broken", version: "x" }, { name: "needy", version: "1.0.0", requires: ["ghost"] }] };\n');
    try {
      const run = await plaza(['plugins'], cwd, { DATABASE_URL: database.url, PORT: 'eighty' });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('port (from PORT)');
      const plugins = await plaza(['plugins'], cwd, { DATABASE_URL: database.url, PLAZA_SECRET: 'cli-test-secret-0123456789' });
      expect(plugins.code).toBe(1);
      expect(plugins.stderr).toContain('plugin "broken": version: must be a semver version');
      expect(plugins.stderr).toContain('plugin "needy" requires "ghost", which is not installed');
      expect(plugins.stderr).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(path.join(cwd, 'plaza.config.mjs'));
    }
  });

  it('rejects bad arguments with exit code 1', async () => {
    const unknown = await plaza(['launch'], cwd);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'launch'");
    const badPort = await plaza(['start', '--port', 'abc'], cwd);
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toContain('must be a whole number');
  });

  it('starts, answers /ready, and shuts down gracefully on SIGTERM with exit code 0', async () => {
    const child = spawn(process.execPath, [CLI, 'start', '--port', '0', '--no-demo'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, PLAZA_SECRET: 'cli-test-secret-0123456789', LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const match = /Health\s+(http:\/\/\S+)\/health/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
