import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ensureSecret } from './secret-store.js';

describe('secret store', () => {
  it('generates a secret on first start with a warning, keeps it private, and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-secret-'));
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const first = ensureSecret(undefined, dir, logger);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(lines.join('')).toContain('PLAZA_SECRET is not set');
    expect(fs.statSync(path.join(dir, 'secret')).mode & 0o777).toBe(0o600);
    expect(ensureSecret(undefined, dir, logger)).toBe(first);
    expect(ensureSecret('from-the-environment-123', dir, logger)).toBe('from-the-environment-123');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
