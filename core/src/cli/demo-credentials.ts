import fs from 'node:fs';
import path from 'node:path';
import type { SeedReport } from '../kernel/plugin.js';

/**
 * Writes what the demo seed created — the admin's credentials and the platforms' keys — to
 * `<dataDir>/demo-credentials.json` (mode 0600) and prints it once, so a newcomer and scripts
 * can find them. Nothing is written when the seed reported nothing.
 */
export function publishDemoCredentials(report: SeedReport, dataDir: string): void {
  if (!report.admin && report.platforms.length === 0) return;
  const file = path.resolve(dataDir, 'demo-credentials.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ admin: report.admin ?? null, platforms: report.platforms }, null, 2)}\n`, { mode: 0o600 });
  const lines = ['', '  Demo data created:'];
  if (report.admin) lines.push(`    admin sign-in   ${report.admin.email}  /  ${report.admin.password}`);
  for (const p of report.platforms) lines.push(`    platform ${p.code.padEnd(14)} (${p.type})  x-plaza-key: ${p.key}`);
  lines.push(`    saved to ${path.relative(process.cwd(), file) || file}`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
}
