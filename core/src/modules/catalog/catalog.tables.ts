/**
 * Table names of the catalog module. Other modules reference variants and products by these
 * ids (pricing: prices per variant; inventory: levels per variant and location; search: the
 * search documents the catalog writes in the same transaction as every product change).
 */
export const CatalogTables = {
  product: 'catalog_product',
  variant: 'catalog_variant',
  option: 'catalog_option',
  translation: 'catalog_product_translation',
  media: 'catalog_product_media',
  category: 'catalog_category',
  productCategory: 'catalog_product_category',
  collection: 'catalog_collection',
  collectionProduct: 'catalog_collection_product',
  /** Assortment: a product is visible on the platforms it is published to. */
  productPlatform: 'catalog_product_platform',
  /** Attribute definitions: the typed schema custom attributes are validated by. */
  attribute: 'catalog_attribute',
  /** One row per (product, locale): the text the search module indexes. */
  searchDocument: 'catalog_search_document',
} as const;
