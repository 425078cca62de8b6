import type { Ctx } from '../../kernel/context.js';
import type { PluginScope } from '../../kernel/plugin.js';
import { PlatformService } from '../platforms/index.js';
import { AssortmentService } from './assortment.service.js';
import { CategoryService } from './category.service.js';
import { CollectionService } from './collection.service.js';
import { CatalogTables as T } from './catalog.tables.js';
import { gtinCheckDigit } from './gtin.js';
import { ProductService } from './product.service.js';
import type { ProductInput } from './product.inputs.js';
import { DEMO_PRODUCTS, type DemoProduct } from './catalog.demo-data.js';

/** The demo platforms the demo catalog is published to. */
export const DEMO_PLATFORM_CODES = ['web-es', 'app-es'];

/** A valid GTIN-13 under the demo GS1 company prefix 8437000 (Spain) for item `n`. */
export function demoGtin(n: number): string {
  const body = `8437000${String(n).padStart(5, '0')}`;
  return body + String(gtinCheckDigit(body));
}

/** The categories of the demo catalog: handle, name, parent handle. */
const DEMO_CATEGORIES: [string, string, string | null][] = [
  ['clothing', 'Clothing', null],
  ['tops', 'Tops', 'clothing'],
  ['bottoms', 'Bottoms', 'clothing'],
  ['outerwear', 'Outerwear', 'clothing'],
  ['home', 'Home', null],
  ['kitchen', 'Kitchen', 'home'],
  ['bedroom', 'Bedroom', 'home'],
];

function productInput(p: DemoProduct, gtinCounter: { n: number }): ProductInput {
  const options = Object.entries(p.options).map(([name, values]) => ({ name, values }));
  const combos = options.reduce<Record<string, string>[]>((acc, o) => acc.flatMap((c) => o.values.map((v) => ({ ...c, [o.name]: v }))), [{}]);
  return {
    handle: p.handle,
    title: p.title,
    description: p.description,
    brand: p.brand,
    status: p.draft ? 'draft' : 'active',
    options,
    variants: combos.map((optionValues) => ({
      sku: [p.sku, ...Object.values(optionValues).map((v) => v.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 4))].join('-'),
      gtin: demoGtin(++gtinCounter.n),
      optionValues,
      weightGrams: p.weightGrams,
    })),
    categoryPaths: [p.category],
    media: [{ url: `https://images.plaza.example/${p.handle}.jpg`, alt: p.title }],
    translations: p.es ? [{ locale: 'es-ES', title: p.es.title, description: p.es.description }] : [],
  };
}

/**
 * Demo seed: a category tree, ~24 apparel and home products with size/colour options, SKUs
 * and valid GTIN-13s, two collections, es-ES translations for some; every active product is
 * published to the demo platforms. Products whose handle exists are left alone.
 */
export async function seedDemoCatalog(ctx: Ctx, scope: PluginScope<unknown>): Promise<void> {
  if (await ctx.db(T.product).where('handle', DEMO_PRODUCTS[0]!.handle).first('id')) {
    scope.logger.info('demo catalog exists; not seeded again');
    return;
  }
  const categories = scope.container.resolve(CategoryService);
  const products = scope.container.resolve(ProductService);
  const collections = scope.container.resolve(CollectionService);
  const assortment = scope.container.resolve(AssortmentService);
  const platforms = await scope.container.resolve(PlatformService).list(ctx, { first: 100 });
  const platformIds = platforms.edges.filter((e) => DEMO_PLATFORM_CODES.includes(e.node.code)).map((e) => e.node.id);

  const idOf = new Map<string, string>();
  for (const [handle, name, parent] of DEMO_CATEGORIES) {
    const existing = (await ctx.db(T.category).where('handle', handle).first('id')) as { id: string } | undefined;
    const id = existing?.id ?? (await categories.create(ctx, { handle, name, parentId: parent ? idOf.get(parent) : null, position: idOf.size })).id;
    idOf.set(handle, id);
  }
  const gtinCounter = { n: 0 };
  const made = new Map<string, string>();
  for (const demo of DEMO_PRODUCTS) {
    const product = await products.create(ctx, productInput(demo, gtinCounter));
    made.set(demo.handle, product.id);
    if (!demo.draft && platformIds.length) await assortment.publish(ctx, { productId: product.id, platformIds });
  }
  const pick = (handles: string[]) => handles.map((h) => made.get(h)).filter((id): id is string => id !== undefined);
  await collections.create(ctx, { handle: 'summer-edit', title: 'Summer edit', description: 'Light linen and cotton for warm days', productIds: pick(['linen-shirt', 'cotton-tee', 'chino-shorts', 'linen-trousers', 'straw-tote']) });
  await collections.create(ctx, { handle: 'new-in-home', title: 'New in: home', description: 'Fresh arrivals for the kitchen and bedroom', productIds: pick(['stoneware-mug', 'linen-duvet-cover', 'chef-knife', 'waffle-towel']) });
}
