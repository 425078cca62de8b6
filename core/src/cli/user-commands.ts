import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { errors } from '../kernel/errors.js';
import { OWNER_ROLE, RoleDefaults } from '../modules/roles/built-in-roles.js';
import { StaffService } from '../modules/roles/staff.service.js';
import { bootFromCli, type GlobalOptions } from './boot.js';

/** Options of `plaza user:create`. */
export interface UserCreateOptions {
  email: string;
  name?: string;
  role: string;
  passwordStdin?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function prompt(): Promise<string | null> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const first = await rl.question('Password (at least 10 characters; leave empty to generate one): ');
    if (first === '') return null;
    const again = await rl.question('Repeat the password: ');
    if (again !== first) throw errors.badInput('The two passwords differ; nothing was created.', [{ path: 'password', message: 'the repeated password differs' }], 'PASSWORD_MISMATCH');
    return first;
  } finally {
    rl.close();
  }
}

/**
 * The password for the new account: from standard input with `--password-stdin`, asked for on
 * a terminal, otherwise null (one is generated and printed once).
 */
async function choosePassword(options: UserCreateOptions): Promise<string | null> {
  if (options.passwordStdin) return readStdin();
  return process.stdin.isTTY ? prompt() : null;
}

/**
 * `plaza user:create`: migrates, makes sure the built-in roles exist, creates the staff member
 * with the role (default owner) as the system, and prints a generated password once. Bad
 * input (an invalid or taken email, an unknown role, a short password) exits with code 1.
 */
export async function userCreateCommand(options: UserCreateOptions, command: Command): Promise<void> {
  const password = await choosePassword(options);
  const plaza = await bootFromCli(command.optsWithGlobals<GlobalOptions>(), process.env, { worker: false });
  try {
    await plaza.migrate();
    const ctx = plaza.systemCtx();
    await plaza.container.resolve(RoleDefaults).apply(ctx);
    const created = await plaza.container.resolve(StaffService).create(ctx, {
      email: options.email,
      name: options.name,
      password,
      assignments: [{ roleCode: options.role }],
    });
    const { staffMember } = created;
    const lines = [`Created staff member ${staffMember.email} (${staffMember.id}) with the role "${options.role}".`];
    if (created.password) lines.push(`Password (shown only this once): ${created.password}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await plaza.close();
  }
}

/**
 * Registers the staff commands on the `plaza` program:
 * `plaza user:create --email <e> [--name <n>] [--role <code>] [--password-stdin]`.
 */
export function registerUserCommands(program: Command): void {
  program
    .command('user:create')
    .description('create a staff member (role owner unless --role); prompts for a password, or generates one and prints it once')
    .requiredOption('--email <email>', 'the sign-in email')
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--role <code>', 'role code, e.g. store-manager', OWNER_ROLE)
    .option('--password-stdin', 'read the password from standard input (for scripts)')
    .action(userCreateCommand);
}
