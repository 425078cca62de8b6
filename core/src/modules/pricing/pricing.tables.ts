/** Table names of the pricing module. */
export const PricingTables = {
  /** Price lists: code, name, currency, status. */
  priceList: 'pricing_price_list',
  /** Prices: one row per (list, variant, customer group, start, minimum quantity). */
  price: 'pricing_price',
  /** Per-platform pricing settings owned by this module (prices include tax?). */
  platformSetting: 'pricing_platform_setting',
} as const;
