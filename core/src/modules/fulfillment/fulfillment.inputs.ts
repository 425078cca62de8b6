import { z } from 'zod';

const id = z.string().min(1).max(64);
const lines = z
  .array(z.object({ orderLineId: id, quantity: z.number().int().positive().max(1_000_000) }))
  .min(1)
  .max(500);

/** `shipFulfillment` input: the tracking number is required (the ship guard checks it too). */
export const shipSchema = z.object({
  carrier: z.string().trim().max(100).nullish(),
  trackingNumber: z.string().trim().min(1).max(100),
  trackingUrl: z.string().trim().url().max(500).refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL').nullish(),
});
export type ShipInput = z.input<typeof shipSchema>;

/** `createFulfillment` input. */
export const createSchema = z.object({ locationId: id, lines });
export type CreateFulfillmentInput = z.input<typeof createSchema>;

/** `splitFulfillment` lines. */
export const splitSchema = z.object({ lines });
export type SplitLinesInput = z.input<typeof splitSchema>['lines'];

/** `cancelFulfillment` reason. */
export const cancelSchema = z.object({ reason: z.string().trim().max(500).nullish() });

/** Merges repeated order lines (same id) by summing their quantities. */
export function mergeLines(input: { orderLineId: string; quantity: number }[]): { orderLineId: string; quantity: number }[] {
  const byId = new Map<string, number>();
  for (const l of input) byId.set(l.orderLineId, (byId.get(l.orderLineId) ?? 0) + l.quantity);
  return [...byId.entries()].map(([orderLineId, quantity]) => ({ orderLineId, quantity }));
}
