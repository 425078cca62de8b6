import type { PluginManifest } from '../kernel/plugin.js';
import { systemModule } from './system/index.js';

/** The core's built-in modules, in boot order. They are plugins like any other. */
export const coreModules: PluginManifest[] = [systemModule as PluginManifest];
