import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';

/** Price lists per platform and currency, customer-group and dated prices */
export const pricingModule = definePlugin({
  name: 'core.pricing',
  version: PLAZA_VERSION,
  description: 'Price lists per platform and currency, customer-group and dated prices',
  requires: ['core.catalog'],
});
