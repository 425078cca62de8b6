import type { AnyStepType, ProcessKindDefinition } from './process-contributions.js';
import type { CustomerDataSource } from './customer-data.js';
import type { AnyJobDefinition, EventDefinition, HttpRouteDefinition, PermissionDefinition, PlatformTypeDefinition, PluginManifest, PluginScope } from './plugin.js';

/** A plugin after loading: its manifest and its scope (container, parsed config, logger). */
export interface LoadedPlugin {
  manifest: PluginManifest;
  scope: PluginScope<unknown>;
}

/** Every loaded plugin in boot order, with the catalogues they declare. */
export class PluginRegistry {
  readonly events = new Map<string, EventDefinition & { plugin: string }>();
  readonly jobs = new Map<string, { job: AnyJobDefinition; plugin: LoadedPlugin }>();
  readonly permissions = new Map<string, PermissionDefinition & { plugin: string }>();
  readonly platformTypes = new Map<string, PlatformTypeDefinition & { plugin: string }>();
  readonly stepTypes = new Map<string, { step: AnyStepType; plugin: LoadedPlugin }>();
  readonly processKinds = new Map<string, ProcessKindDefinition & { plugin: string }>();
  readonly customerData: (CustomerDataSource & { plugin: string })[] = [];
  /** Plain HTTP routes in boot order, each with the plugin that serves it. */
  readonly httpRoutes: { route: HttpRouteDefinition; plugin: LoadedPlugin }[] = [];

  constructor(readonly plugins: readonly LoadedPlugin[]) {
    for (const loaded of plugins) {
      const { manifest } = loaded;
      for (const event of manifest.events ?? []) this.events.set(event.name, { ...event, plugin: manifest.name });
      for (const job of manifest.jobs ?? []) this.jobs.set(job.name, { job, plugin: loaded });
      for (const type of manifest.platformTypes ?? []) this.platformTypes.set(type.code, { ...type, plugin: manifest.name });
      for (const step of manifest.stepTypes ?? []) this.stepTypes.set(step.code, { step, plugin: loaded });
      for (const kind of manifest.processKinds ?? []) this.processKinds.set(kind.code, { ...kind, plugin: manifest.name });
      for (const source of manifest.customerData ?? []) this.customerData.push({ ...source, plugin: manifest.name });
      for (const route of manifest.httpRoutes ?? []) this.httpRoutes.push({ route: route as HttpRouteDefinition, plugin: loaded });
      for (const permission of manifest.permissions ?? []) {
        this.permissions.set(permission.code, { ...permission, plugin: manifest.name });
      }
    }
  }

  /** The manifests, in boot order. */
  get manifests(): PluginManifest[] {
    return this.plugins.map((p) => p.manifest);
  }

  /** A loaded plugin by name. */
  get(name: string): LoadedPlugin | undefined {
    return this.plugins.find((p) => p.manifest.name === name);
  }

  /** Every subscription: the event, a stable subscriber id, the handler and its plugin. */
  subscriptions(): { event: string; subscriberId: string; plugin: LoadedPlugin }[] {
    const out: { event: string; subscriberId: string; plugin: LoadedPlugin }[] = [];
    for (const plugin of this.plugins) {
      for (const event of Object.keys(plugin.manifest.subscribers ?? {})) {
        out.push({ event, subscriberId: `${plugin.manifest.name}#${event}`, plugin });
      }
    }
    return out;
  }
}
