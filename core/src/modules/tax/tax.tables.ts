/** Table names of the tax module. */
export const TaxTables = {
  /** Tax zones: code, name. */
  zone: 'tax_zone',
  /** Members of a zone: country, optional region or postal prefix. */
  zoneMember: 'tax_zone_member',
  /** Rates: one per (zone, category), in basis points. */
  rate: 'tax_rate',
} as const;
