import { z } from 'zod';
import type { ActionStepType } from '../../../kernel/process-contributions.js';

const config = z.object({
  tag: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a short lowercase tag like "vip" or "needs-check"').describe('The tag'),
  remove: z.boolean().default(false).describe('Remove the tag instead of adding it'),
});

/** Adds (or removes) a tag on the instance: staff filter on tags, later steps and reports read them. */
export const setTagStep: ActionStepType<z.output<typeof config>> = {
  code: 'core.set_tag',
  kind: 'action',
  execution: 'transaction',
  label: 'Set a tag',
  description: 'Adds a tag to the record’s process (or removes it), e.g. "needs-check"',
  configSchema: config,
  run({ config: { tag, remove } }) {
    return remove ? { removeTags: [tag] } : { addTags: [tag] };
  },
};
