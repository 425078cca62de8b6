import { z } from 'zod';
import type { PlatformTypeDefinition } from '../../kernel/plugin.js';

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.origin === value.replace(/\/$/, '').toLowerCase();
  } catch {
    return false;
  }
}

/** Settings of a `headless` platform. */
export const headlessSettingsSchema = z.object({
  allowedOrigins: z
    .array(
      z
        .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
        .refine(isOrigin, 'must be an origin only (scheme, host and port), like https://shop.example.com')
        .describe('An origin such as https://shop.example.com'),
    )
    .max(50, 'list at most 50 origins')
    .default([])
    .describe('Browser origins allowed to call the channel API with this platform’s keys (CORS)'),
  description: z.string().trim().max(500, 'must be at most 500 characters').optional().describe('Notes for staff: what this front end is and who runs it'),
});

/** The core's one platform type: any custom front end talking to the channel API. */
export const headlessPlatformType: PlatformTypeDefinition = {
  code: 'headless',
  label: 'Headless / custom front end',
  description: 'A front end you build yourself (web, app, kiosk…) that talks to the channel GraphQL API',
  settingsSchema: headlessSettingsSchema,
  capabilities: ['catalog', 'checkout'],
};
