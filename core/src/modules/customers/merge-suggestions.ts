import type { Ctx } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import type { EventBus } from '../../events/event-bus.js';
import { fromJson, toJson } from '../../db/json-column.js';
import { epochDateOrNull, epochMillis } from '../../db/epoch-column.js';
import { CustomerTables as T } from './customer.migrations.js';

/** Why two records may be one person, as staff see it (values masked). */
export interface MergeEvidence {
  kind: string;
  namespace: string;
  /** The matching value, mostly hidden. */
  masked: string;
  /** Was the identity that arrived verified? */
  verified: boolean;
  platformId: string | null;
  source: string;
  at: string;
}

export type SuggestionStatus = 'open' | 'merged' | 'dismissed';

/** A suggestion that two customers are the same person. */
export interface MergeSuggestion {
  id: string;
  customerId: string;
  candidateId: string;
  evidence: MergeEvidence[];
  status: SuggestionStatus;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

export interface SuggestionRow {
  id: string;
  customer_id: string;
  candidate_id: string;
  evidence: unknown;
  status: SuggestionStatus;
  created_at: number | string;
  resolved_at: number | string | null;
  resolved_by: string | null;
}

export function toSuggestion(row: SuggestionRow): MergeSuggestion {
  return {
    id: row.id,
    customerId: row.customer_id,
    candidateId: row.candidate_id,
    evidence: fromJson<MergeEvidence[]>(row.evidence),
    status: row.status,
    createdAt: new Date(epochMillis(row.created_at)),
    resolvedAt: epochDateOrNull(row.resolved_at),
    resolvedBy: row.resolved_by,
  };
}

/**
 * Records that `customerId` and `candidateId` may be one person: a new open suggestion, or the
 * evidence added to the open one for the pair (either way round). Publishes
 * `customer.merge_suggested` for a new one.
 */
export async function suggestMerge(ctx: Ctx, events: EventBus, customerId: string, candidateId: string, evidence: MergeEvidence): Promise<string> {
  const open = (await ctx
    .db(T.suggestion)
    .where('status', 'open')
    .where((q) => q.where({ customer_id: customerId, candidate_id: candidateId }).orWhere({ customer_id: candidateId, candidate_id: customerId }))
    .first()) as SuggestionRow | undefined;
  if (open) {
    const list = fromJson<MergeEvidence[]>(open.evidence);
    if (!list.some((e) => e.kind === evidence.kind && e.namespace === evidence.namespace && e.masked === evidence.masked)) {
      await ctx.db(T.suggestion).where('id', open.id).update({ evidence: toJson([...list, evidence]) });
    }
    return open.id;
  }
  const id = newId('cms');
  await ctx.db(T.suggestion).insert({ id, customer_id: customerId, candidate_id: candidateId, evidence: toJson([evidence]), status: 'open', created_at: Date.now(), resolved_at: null, resolved_by: null });
  await events.publish(ctx, 'customer.merge_suggested', { suggestionId: id, customerId, candidateId, platformId: evidence.platformId }, { platformId: evidence.platformId });
  return id;
}
