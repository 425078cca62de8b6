import type { Ctx } from '../../kernel/context.js';
import type { ScalePlan } from '../../kernel/plugin.js';
import { newId } from '../../kernel/ids.js';
import { insertInChunks } from '../../db/bulk-insert.js';
import { toJson } from '../../db/json-column.js';
import { CatalogTables as T } from './catalog.tables.js';
import { gtinCheckDigit } from './gtin.js';

const ADJECTIVES = ['Classic', 'Slim', 'Relaxed', 'Vintage', 'Organic', 'Urban', 'Coastal', 'Alpine', 'Everyday', 'Premium', 'Lightweight', 'Heritage', 'Soft', 'Rugged', 'Minimal', 'Bold'];
const MATERIALS = ['Cotton', 'Linen', 'Wool', 'Denim', 'Leather', 'Cashmere', 'Bamboo', 'Ceramic', 'Oak', 'Steel', 'Canvas', 'Silk'];
const NOUNS = ['Shirt', 'Jacket', 'Sweater', 'Trousers', 'Dress', 'Scarf', 'Sneakers', 'Backpack', 'Mug', 'Vase', 'Blanket', 'Lamp', 'Cap', 'Socks', 'Apron', 'Tote'];
const BRANDS = ['Norte', 'Solana', 'Brisa', 'Tierra', 'Marea', 'Alba', 'Cumbre', 'Lumen', 'Oliva', 'Rocío', 'Sierra', 'Vela', 'Duna', 'Faro', 'Nube', 'Roble', 'Trigo', 'Vega', 'Zafra', 'Aroa'];
const SIZES = ['S', 'M', 'L', 'XL', 'XXL'];
const CATEGORY_COUNT = 12;
const BATCH = 500;

function gtin13(serial: number): string {
  const body = `84${String(serial).padStart(10, '0')}`;
  return `0${body}${gtinCheckDigit(body)}`;
}

async function scaleCategories(ctx: Ctx): Promise<string[]> {
  const now = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < CATEGORY_COUNT; i++) {
    const handle = `scale-category-${i}`;
    const found = (await ctx.db(T.category).where('handle', handle).first('id')) as { id: string } | undefined;
    if (found) {
      ids.push(found.id);
      continue;
    }
    const id = newId('cat');
    await ctx.db(T.category).insert({ id, parent_id: null, handle, name: `${MATERIALS[i % MATERIALS.length]} goods`, path: `/${id}/`, position: 100 + i, created_at: now, updated_at: now });
    ids.push(id);
  }
  return ids;
}

/**
 * `plaza seed --scale N`, catalog part: N active products named from word lists (so search
 * has something to find), each with a Size option and `variantsPerProduct` variants with SKUs
 * and valid GTIN-13s, one of 12 categories, published to every active platform, with their
 * search documents. Numbering continues after earlier scale runs.
 */
export async function seedCatalogScale(ctx: Ctx, plan: ScalePlan): Promise<void> {
  const categories = await scaleCategories(ctx);
  const platforms = ((await ctx.db('platform').where('status', 'active').select('id')) as { id: string }[]).map((p) => p.id);
  const first = Number(((await ctx.db(T.product).where('handle', 'like', 'scale-%').count({ n: '*' }).first()) as { n: number | string }).n);
  const sizes = SIZES.slice(0, Math.min(plan.variantsPerProduct, SIZES.length));
  for (let at = 0; at < plan.products; at += BATCH) {
    const now = Date.now();
    const products: object[] = [];
    const options: object[] = [];
    const variants: object[] = [];
    const links: object[] = [];
    const published: object[] = [];
    const documents: object[] = [];
    for (let k = at; k < Math.min(at + BATCH, plan.products); k++) {
      const n = first + k;
      const id = newId('prod');
      const title = `${ADJECTIVES[n % ADJECTIVES.length]} ${MATERIALS[Math.floor(n / ADJECTIVES.length) % MATERIALS.length]} ${NOUNS[Math.floor(n / 7) % NOUNS.length]} ${n}`;
      const brand = BRANDS[n % BRANDS.length]!;
      const description = `${title} by ${brand}. Made to last, designed in Madrid. Model ${n}.`;
      products.push({ id, handle: `scale-${n}`, title, description, brand, status: 'active', attributes: toJson({}), created_at: now, updated_at: now });
      options.push({ id: newId('opt'), product_id: id, name: 'Size', position: 0, values: toJson(sizes) });
      const codes: string[] = [];
      sizes.forEach((size, position) => {
        const sku = `SC-${n}-${size}`;
        const gtin = gtin13(n * 10 + position);
        codes.push(sku, gtin, gtin.replace(/^0+/, ''));
        variants.push({ id: newId('var'), product_id: id, sku, gtin, title: size, position, option_values: toJson({ Size: size }), attributes: toJson({}), weight_grams: 300 + (n % 700), status: 'active', created_at: now, updated_at: now });
      });
      links.push({ product_id: id, category_id: categories[n % categories.length] });
      for (const platformId of platforms) published.push({ product_id: id, platform_id: platformId, published_at: now });
      documents.push({ product_id: id, locale: '', title, description, brand, codes: codes.join(' ') });
    }
    await ctx.db.transaction(async (trx) => {
      await insertInChunks(trx, T.product, products);
      await insertInChunks(trx, T.option, options);
      await insertInChunks(trx, T.variant, variants);
      await insertInChunks(trx, T.productCategory, links);
      await insertInChunks(trx, T.productPlatform, published);
      await insertInChunks(trx, T.searchDocument, documents);
    });
    plan.progress('products', Math.min(at + BATCH, plan.products), plan.products);
  }
}
