import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created on first use. A resolver asks for a loader by a stable key
 * (e.g. `catalog.variantById`) so every field at one level of the tree shares one batch.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /** The request's loader for `key`, created with `batch` on first use. */
  get<K, V>(key: string, batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, options);
      this.loaders.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Forgets every cached value (after a write changes what loaders saw). */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }
}
