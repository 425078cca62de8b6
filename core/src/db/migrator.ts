import type { Knex } from 'knex';
import type { PluginManifest } from '../kernel/plugin.js';

/** The table knex records applied migrations in. */
export const MIGRATIONS_TABLE = 'plaza_migrations';

interface NamedMigration {
  name: string;
  migration: Knex.Migration;
}

/**
 * A knex migration source over every plugin's `migrations`, in boot order, each named
 * `<plugin>/<migration>`. Migrations are imported statically (no directory scanning), which
 * also keeps TypeScript plugins loadable under Node 20.
 */
export class PluginMigrationSource implements Knex.MigrationSource<NamedMigration> {
  constructor(private readonly plugins: readonly PluginManifest[]) {}

  getMigrations(): Promise<NamedMigration[]> {
    const list: NamedMigration[] = [];
    for (const plugin of this.plugins) {
      for (const migration of plugin.migrations ?? []) {
        list.push({
          name: `${plugin.name}/${migration.name}`,
          migration: { up: (knex) => migration.up(knex), down: (knex) => (migration.down ? migration.down(knex) : Promise.resolve()) },
        });
      }
    }
    return Promise.resolve(list);
  }

  getMigrationName(migration: NamedMigration): string {
    return migration.name;
  }

  getMigration(migration: NamedMigration): Promise<Knex.Migration> {
    return Promise.resolve(migration.migration);
  }
}

/** Migration state: names applied and names pending, in order. */
export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

function migratorConfig(plugins: readonly PluginManifest[]): Knex.MigratorConfig {
  // sortDirsSeparately/loadExtensions only apply to directory sources; ours keeps boot order.
  // A removed plugin leaves applied migrations behind; that must not stop the others.
  return { migrationSource: new PluginMigrationSource(plugins), tableName: MIGRATIONS_TABLE, disableMigrationsListValidation: true };
}

/** Applies every pending migration of every plugin, in boot order; returns the names applied. */
export async function migrateLatest(db: Knex, plugins: readonly PluginManifest[]): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migratorConfig(plugins))) as [number, string[]];
  return applied;
}

/** Lists applied and pending migrations. */
export async function migrationStatus(db: Knex, plugins: readonly PluginManifest[]): Promise<MigrationStatus> {
  const [completed, pending] = (await db.migrate.list(migratorConfig(plugins))) as [
    { name: string }[],
    NamedMigration[],
  ];
  return { applied: completed.map((m) => m.name), pending: pending.map((m) => m.name) };
}
