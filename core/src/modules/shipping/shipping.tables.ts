/** Table names of the shipping module. */
export const ShippingTables = {
  zone: 'shipping_zone',
  zoneMember: 'shipping_zone_member',
  method: 'shipping_method',
  rate: 'shipping_rate',
} as const;
