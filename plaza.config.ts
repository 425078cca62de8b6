import { defineConfig } from '@plaza/core';
import storeNotices from '@plaza/plugin-example';

/**
 * The configuration `npm start` runs with. Every field can be overridden by the environment:
 * PORT, DATABASE_URL, PLAZA_SECRET, LOG_LEVEL (see docs/configuration.md).
 */
export default defineConfig({
  plugins: [{ plugin: storeNotices, options: { welcomeTitle: 'Welcome to Plaza' } }],
});
