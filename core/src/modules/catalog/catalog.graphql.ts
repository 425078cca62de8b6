import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { CatalogPermission } from './catalog.permissions.js';
import type { GraphQLContribution, PluginScope } from '../../kernel/plugin.js';
import { AssortmentService, type AssortmentInput } from './assortment.service.js';
import { AttributeService, type CreateAttributeInput, type UpdateAttributeInput } from './attribute.service.js';
import { CategoryService, type CreateCategoryInput, type UpdateCategoryInput } from './category.service.js';
import { CollectionService, type CreateCollectionInput, type UpdateCollectionInput } from './collection.service.js';
import {
  categoriesOfProduct,
  childCategories,
  collectionProductIds,
  mediaOfProduct,
  optionsOfProduct,
  platformsOfProduct,
  translationsOfProduct,
  variantsOfProduct,
} from './catalog.loaders.js';
import type { Category, Collection, Product, ProductStatus, Variant } from './catalog.records.js';
import { catalogAdminTypeDefs } from './catalog-admin.schema.js';
import { catalogChannelTypeDefs } from './catalog-channel.schema.js';
import { CatalogService } from './catalog.service.js';
import {
  channelCollectionProducts,
  channelProduct,
  channelProducts,
  channelProductsByIds,
  channelVariantByCode,
  type ChannelProduct,
  type ChannelProductArgs,
} from './channel-catalog.js';
import { listProducts, type ProductListArgs } from './product-list.js';
import type { CreateVariantInput, ProductInput, UpdateProductInput, UpdateVariantInput } from './product.inputs.js';
import { ProductService } from './product.service.js';

type Root = unknown;
type OptionList = { name: string; value: string }[] | null | undefined;
type WithOptionList<T> = Omit<T, 'optionValues'> & { optionValues?: OptionList };

/** `[{ name, value }]` as the `{ name: value }` map the services take. */
function optionMap(list: OptionList): Record<string, string> | null | undefined {
  return list ? Object.fromEntries(list.map((o) => [o.name, o.value])) : list;
}

function variantInput<T extends { optionValues?: OptionList }>(input: T): Omit<T, 'optionValues'> & { optionValues?: Record<string, string> | null } {
  const { optionValues, ...rest } = input;
  return optionValues === undefined ? rest : { ...rest, optionValues: optionMap(optionValues) };
}

/** A GraphQL product input (variants with option lists) as the service's input. */
function productInput(input: GraphQLProductInput): ProductInput {
  return { ...input, variants: input.variants?.map((v) => variantInput(v)) } as ProductInput;
}

type GraphQLProductInput = Omit<ProductInput, 'variants'> & { variants?: { optionValues?: OptionList }[] | null };

/** Resolvers of product children both APIs share (batched per request). */
function productChildren() {
  return {
    options: (p: { id: string }, _: unknown, ctx: Ctx) => optionsOfProduct(ctx, p.id),
    variants: (p: { id: string }, _: unknown, ctx: Ctx) => variantsOfProduct(ctx, p.id),
    media: (p: { id: string }, _: unknown, ctx: Ctx) => mediaOfProduct(ctx, p.id),
    categories: (p: { id: string }, _: unknown, ctx: Ctx) => categoriesOfProduct(ctx, p.id),
  };
}

const variantOptions = (v: Variant) => Object.entries(v.optionValues).map(([name, value]) => ({ name, value }));

function adminProductById(ctx: Ctx, scope: PluginScope, id: string): Promise<Product | null> {
  const catalog = scope.container.resolve(CatalogService);
  return ctx.loaders.get<string, Product | null>('catalog.admin.productById', (ids) => catalog.productsByIds(ctx, ids)).load(id);
}

function channelProductById(ctx: Ctx, id: string): Promise<ChannelProduct | null> {
  return ctx.loaders
    .get<string, ChannelProduct | null>('catalog.productById', async (ids) => {
      const found = new Map((await channelProductsByIds(ctx, ids)).map((p) => [p.id, p]));
      return ids.map((i) => found.get(i) ?? null);
    })
    .load(id);
}

/** The catalog module's slice of the admin API. */
export const catalogAdminGraphQL: GraphQLContribution = {
  typeDefs: catalogAdminTypeDefs,
  resolvers: (scope) => {
    const products = () => scope.container.resolve(ProductService);
    const categories = () => scope.container.resolve(CategoryService);
    const collections = () => scope.container.resolve(CollectionService);
    const attributes = () => scope.container.resolve(AttributeService);
    const assortment = () => scope.container.resolve(AssortmentService);
    return {
      ProductStatus: { DRAFT: 'draft', ACTIVE: 'active', ARCHIVED: 'archived' },
      VariantStatus: { ACTIVE: 'active', ARCHIVED: 'archived' },
      AttributeType: { STRING: 'string', NUMBER: 'number', BOOLEAN: 'boolean', ENUM: 'enum', STRING_LIST: 'string_list' },
      AttributeTarget: { PRODUCT: 'product', VARIANT: 'variant' },
      Query: {
        products: (_: Root, args: ProductListArgs, ctx: Ctx) => {
          requirePermission(ctx, CatalogPermission.Read);
          return listProducts(ctx, args);
        },
        product: (_: Root, args: { id?: string; handle?: string }, ctx: Ctx) => products().get(ctx, args),
        variant: (_: Root, args: { id: string }, ctx: Ctx) => products().variant(ctx, args.id),
        categories: (_: Root, __: unknown, ctx: Ctx) => categories().all(ctx),
        collections: (_: Root, __: unknown, ctx: Ctx) => collections().all(ctx),
        collection: (_: Root, args: { id?: string; handle?: string }, ctx: Ctx) => collections().find(ctx, args),
        attributeDefinitions: (_: Root, __: unknown, ctx: Ctx) => attributes().all(ctx),
      },
      Mutation: {
        createProduct: (_: Root, args: { input: GraphQLProductInput }, ctx: Ctx) => products().create(ctx, productInput(args.input)),
        upsertProduct: async (_: Root, args: { input: GraphQLProductInput }, ctx: Ctx) => (await products().upsertByHandle(ctx, productInput(args.input))).product,
        updateProduct: (_: Root, args: { input: UpdateProductInput }, ctx: Ctx) => products().update(ctx, args.input),
        deleteProduct: (_: Root, args: { id: string }, ctx: Ctx) => products().delete(ctx, args.id),
        setProductStatus: (_: Root, args: { ids: string[]; status: ProductStatus }, ctx: Ctx) => products().setStatus(ctx, args.ids, args.status),
        createVariant: (_: Root, args: { input: WithOptionList<CreateVariantInput> }, ctx: Ctx) => products().createVariant(ctx, variantInput(args.input) as CreateVariantInput),
        updateVariant: (_: Root, args: { input: WithOptionList<UpdateVariantInput> }, ctx: Ctx) => products().updateVariant(ctx, variantInput(args.input) as UpdateVariantInput),
        deleteVariant: (_: Root, args: { id: string }, ctx: Ctx) => products().deleteVariant(ctx, args.id),
        publishProduct: (_: Root, args: { input: AssortmentInput }, ctx: Ctx) => assortment().publish(ctx, args.input),
        unpublishProduct: (_: Root, args: { input: AssortmentInput }, ctx: Ctx) => assortment().unpublish(ctx, args.input),
        createCategory: (_: Root, args: { input: CreateCategoryInput }, ctx: Ctx) => categories().create(ctx, args.input),
        updateCategory: (_: Root, args: { input: UpdateCategoryInput }, ctx: Ctx) => categories().update(ctx, args.input),
        deleteCategory: (_: Root, args: { id: string }, ctx: Ctx) => categories().delete(ctx, args.id),
        createCollection: (_: Root, args: { input: CreateCollectionInput }, ctx: Ctx) => collections().create(ctx, args.input),
        updateCollection: (_: Root, args: { input: UpdateCollectionInput }, ctx: Ctx) => collections().update(ctx, args.input),
        deleteCollection: (_: Root, args: { id: string }, ctx: Ctx) => collections().delete(ctx, args.id),
        createAttributeDefinition: (_: Root, args: { input: CreateAttributeInput }, ctx: Ctx) => attributes().create(ctx, args.input),
        updateAttributeDefinition: (_: Root, args: { input: UpdateAttributeInput }, ctx: Ctx) => attributes().update(ctx, args.input),
        deleteAttributeDefinition: (_: Root, args: { id: string }, ctx: Ctx) => attributes().delete(ctx, args.id),
      },
      ProductConnection: { totalCount: (c: { totalCount: () => Promise<number> }) => c.totalCount() },
      Product: {
        ...productChildren(),
        translations: (p: Product, _: unknown, ctx: Ctx) => translationsOfProduct(ctx, p.id),
        platforms: (p: Product, _: unknown, ctx: Ctx) => platformsOfProduct(ctx, p.id),
      },
      ProductVariant: {
        product: (v: Variant, _: unknown, ctx: Ctx) => adminProductById(ctx, scope, v.productId),
        options: variantOptions,
      },
      Category: { children: (c: Category, _: unknown, ctx: Ctx) => childCategories(ctx, c.id) },
      Collection: {
        products: async (c: Collection, _: unknown, ctx: Ctx) => {
          const ids = await collectionProductIds(ctx, c.id);
          return (await Promise.all(ids.map((id) => adminProductById(ctx, scope, id)))).filter((p) => p !== null);
        },
      },
    };
  },
};

/** The catalog module's slice of the channel API: the platform's assortment. */
export const catalogChannelGraphQL: GraphQLContribution = {
  typeDefs: catalogChannelTypeDefs,
  resolvers: (scope) => {
    const collections = () => scope.container.resolve(CollectionService);
    return {
      Query: {
        products: (_: Root, args: ChannelProductArgs, ctx: Ctx) => channelProducts(ctx, args),
        product: (_: Root, args: { id?: string; handle?: string }, ctx: Ctx) => channelProduct(ctx, args),
        variantByCode: (_: Root, args: { code: string }, ctx: Ctx) => channelVariantByCode(ctx, args.code),
        categories: (_: Root, __: unknown, ctx: Ctx) => childCategories(ctx, null),
        collections: (_: Root, __: unknown, ctx: Ctx) => collections().all(ctx),
        collection: (_: Root, args: { handle: string }, ctx: Ctx) => collections().find(ctx, { handle: args.handle }),
      },
      ProductConnection: { totalCount: (c: { totalCount: () => Promise<number> }) => c.totalCount() },
      Product: productChildren(),
      ProductVariant: {
        product: async (v: Variant, _: unknown, ctx: Ctx) => channelProductById(ctx, v.productId),
        options: variantOptions,
      },
      Category: { children: (c: Category, _: unknown, ctx: Ctx) => childCategories(ctx, c.id) },
      Collection: {
        products: (c: Collection, args: { first?: number | null }, ctx: Ctx) => channelCollectionProducts(ctx, c.id, Math.min(Math.max(args.first ?? 50, 1), 100)),
      },
    };
  },
};
