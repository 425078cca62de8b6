import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';

const productRef = z.object({ productId: z.string(), handle: z.string() });

/** A product was created (with its variants). */
export const productCreated = defineEvent('product.created', productRef, 'A product was created');
/** A product, its variants, options, translations, media, categories or status changed. */
export const productUpdated = defineEvent(
  'product.updated',
  productRef.extend({ changed: z.array(z.string()) }),
  'A product or one of its variants was edited (`changed` names what)',
);
/** A product was deleted with its variants. */
export const productDeleted = defineEvent('product.deleted', productRef, 'A product was deleted');
/** A product was published to a platform. */
export const productPublished = defineEvent(
  'product.published',
  productRef.extend({ platformId: z.string() }),
  'A product became part of a platform\'s assortment',
);
/** A product was withdrawn from a platform. */
export const productUnpublished = defineEvent(
  'product.unpublished',
  productRef.extend({ platformId: z.string() }),
  'A product was withdrawn from a platform\'s assortment',
);

const categoryRef = z.object({ categoryId: z.string(), handle: z.string() });
/** A category was created. */
export const categoryCreated = defineEvent('category.created', categoryRef, 'A category was created');
/** A category was renamed or moved (`moved` when its parent changed). */
export const categoryUpdated = defineEvent('category.updated', categoryRef.extend({ moved: z.boolean() }), 'A category was edited or moved');
/** A category was deleted. */
export const categoryDeleted = defineEvent('category.deleted', categoryRef, 'A category was deleted');

const collectionRef = z.object({ collectionId: z.string(), handle: z.string() });
/** A collection was created. */
export const collectionCreated = defineEvent('collection.created', collectionRef, 'A collection was created');
/** A collection's fields or products changed. */
export const collectionUpdated = defineEvent('collection.updated', collectionRef, 'A collection or its products changed');
/** A collection was deleted. */
export const collectionDeleted = defineEvent('collection.deleted', collectionRef, 'A collection was deleted');

const attributeRef = z.object({ attributeId: z.string(), code: z.string() });
/** A custom attribute definition was created, edited or deleted. */
export const attributeCreated = defineEvent('catalog_attribute.created', attributeRef, 'A custom attribute definition was created');
/** A custom attribute definition was edited. */
export const attributeUpdated = defineEvent('catalog_attribute.updated', attributeRef, 'A custom attribute definition was edited');
/** A custom attribute definition was deleted. */
export const attributeDeleted = defineEvent('catalog_attribute.deleted', attributeRef, 'A custom attribute definition was deleted');

/** Every event the catalog module declares. */
export const catalogEvents = [
  productCreated,
  productUpdated,
  productDeleted,
  productPublished,
  productUnpublished,
  categoryCreated,
  categoryUpdated,
  categoryDeleted,
  collectionCreated,
  collectionUpdated,
  collectionDeleted,
  attributeCreated,
  attributeUpdated,
  attributeDeleted,
];
