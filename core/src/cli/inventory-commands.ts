import 'reflect-metadata';
import type { Command } from 'commander';
import { InventoryService } from '../modules/inventory/inventory.service.js';
import type { StockDrift } from '../modules/inventory/inventory-drift.js';
import type { PlazaEnv } from '../kernel/config.js';
import { bootFromCli, type GlobalOptions } from './boot.js';

/** The drift report as lines of text (a header and one line per level). */
export function formatDrift(drift: readonly StockDrift[]): string[] {
  if (drift.length === 0) return ['No drift: every level matches its ledger and its active reservations.'];
  const lines = [`Drift at ${drift.length} level(s) (variant @ location: stored vs expected):`];
  for (const d of drift) {
    const parts: string[] = [];
    if (d.onHand !== d.ledgerOnHand) parts.push(`on hand ${d.onHand}, ledger says ${d.ledgerOnHand} (${d.onHand - d.ledgerOnHand > 0 ? '+' : ''}${d.onHand - d.ledgerOnHand})`);
    if (d.reserved !== d.activeReserved) parts.push(`reserved ${d.reserved}, active reservations say ${d.activeReserved} (${d.reserved - d.activeReserved > 0 ? '+' : ''}${d.reserved - d.activeReserved})`);
    lines.push(`  ${d.variantId} @ ${d.locationId}: ${parts.join('; ')}`);
  }
  return lines;
}

/** Where {@link verifyInventory} writes: the report to `out` when clean, to `err` on drift. */
export interface VerifyOutput {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Boots Plaza from the CLI config (`env`), migrates, and checks that every level's on hand
 * equals the sum of its ledger movements and its reserved the sum of its active reservations.
 * Returns the exit code: 1 when there is drift, 0 otherwise.
 */
export async function verifyInventory(globals: GlobalOptions, env: PlazaEnv, output: VerifyOutput): Promise<number> {
  const plaza = await bootFromCli(globals, env, { worker: false });
  try {
    await plaza.migrate();
    const drift = await plaza.container.resolve(InventoryService).drift(plaza.systemCtx());
    const text = `${formatDrift(drift).join('\n')}\n`;
    if (drift.length === 0) {
      output.out(text);
      return 0;
    }
    output.err(text);
    return 1;
  } finally {
    await plaza.close();
  }
}

/** `plaza inventory:verify`: prints the drift report; exit code 1 on drift. */
export async function inventoryVerifyCommand(_options: unknown, command: Command): Promise<void> {
  const code = await verifyInventory(command.optsWithGlobals<GlobalOptions>(), process.env, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
  if (code !== 0) process.exitCode = code;
}

/** Registers `plaza inventory:verify` on the program. */
export function registerInventoryCommands(program: Command): void {
  program.command('inventory:verify').description('check that stock levels match the movement ledger and the active reservations; exit code 1 on drift').action(inventoryVerifyCommand);
}
