import type { PluginManifest } from '../kernel/plugin.js';
import { auditModule } from './audit/index.js';
import { platformsModule } from './platforms/index.js';
import { rolesModule } from './roles/index.js';
import { systemModule } from './system/index.js';

/** The core's built-in modules, in boot order. They are plugins like any other. */
export const coreModules: PluginManifest[] = [systemModule, auditModule, platformsModule, rolesModule] as PluginManifest[];
