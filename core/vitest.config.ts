import { plazaVitestConfig } from './src/testing/vitest-preset.js';

export default plazaVitestConfig();
