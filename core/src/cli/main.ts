#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { isPlazaError } from '../kernel/errors.js';
import { PLAZA_VERSION } from '../kernel/version.js';
import { migrateCommand, pluginsCommand, seedCommand, startCommand } from './commands.js';
import { registerUserCommands } from './user-commands.js';
import { registerCatalogIoCommands } from './catalog-io-commands.js';
import { registerInventoryCommands } from './inventory-commands.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be a whole number from 0 to 65535.');
  return port;
}

function parseScale(value: string): number {
  const products = Number(value);
  if (!Number.isInteger(products) || products < 1 || products > 1_000_000) throw new InvalidArgumentError('must be a whole number of products from 1 to 1000000.');
  return products;
}

const program = new Command('plaza')
  .description('Plaza — unified commerce: one catalog, inventory, customer, order book and ledger for every channel')
  .version(PLAZA_VERSION)
  .option('-c, --config <file>', 'config file (default: plaza.config.ts/.js in the working directory)')
  .showHelpAfterError('(run plaza --help for usage)')
  .exitOverride();

program.command('start').description('migrate the database, seed demo data on first start, and serve').option('-p, --port <port>', 'port (overrides PORT)', parsePort).option('--no-demo', 'on first start, seed base data only').action(startCommand);
program.command('migrate').description('apply pending migrations of the core and every plugin').option('--status', 'list applied and pending migrations without applying').action(migrateCommand);
program.command('seed').description('write base seed data (and demo data with --demo)').option('--demo', 'also write demo data').option('--scale <products>', 'also generate <products> products × 3 variants over 20 locations and 4 × <products> customers, for benchmarks (implies --demo)', parseScale).action(seedCommand);
program.command('plugins').description('list loaded plugins and versions, in boot order').action(pluginsCommand);
registerUserCommands(program);
registerCatalogIoCommands(program);
registerInventoryCommands(program);

/** Exit codes: 0 ok, 1 configuration or plugin problem / bad argument, 2 unexpected failure. */
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 1);
  }
  if (isPlazaError(error)) {
    process.stderr.write(`\n${error.message}\n\n`);
    process.exit(1);
  }
  process.stderr.write(`\nPlaza failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(2);
}
