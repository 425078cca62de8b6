import type { IResolvers } from '@graphql-tools/utils';
import type { Ctx } from '../../kernel/context.js';
import type { GraphQLContribution, PluginScope } from '../../kernel/plugin.js';
import type { PageArgs } from '../../gateway/connection.js';
import type { AppliedRate, TaxBreakdownRow, TaxCategory, TaxedLine } from './tax-engine.js';
import type { ComputeTaxInput, CreateTaxZoneInput, UpdateTaxZoneInput } from './tax.inputs.js';
import { TaxService, type TaxComputation } from './tax.service.js';
import { taxAdminTypeDefs } from './tax.schema.js';
import type { Destination } from './zone-match.js';

type Root = unknown;

function resolvers(scope: PluginScope): IResolvers<unknown, Ctx> {
  const tax = () => scope.container.resolve(TaxService);
  return {
    TaxCategory: { STANDARD: 'standard', REDUCED: 'reduced', SUPER_REDUCED: 'super_reduced', ZERO: 'zero' } satisfies Record<string, TaxCategory>,
    Query: {
      taxZones: (_: Root, args: PageArgs, ctx: Ctx) => tax().listZones(ctx, args),
      taxZone: (_: Root, args: { id: string }, ctx: Ctx) => tax().getZone(ctx, args.id),
      taxZoneFor: (_: Root, args: { destination: Destination }, ctx: Ctx) => tax().zoneFor(ctx, args.destination),
      taxPreview: async (_: Root, args: { input: ComputeTaxInput }, ctx: Ctx) => {
        const result: TaxComputation = await tax().preview(ctx, args.input);
        return { ...result, zone: result.zone ? await tax().getZone(ctx, result.zone.id) : null };
      },
    },
    Mutation: {
      createTaxZone: (_: Root, args: { input: CreateTaxZoneInput }, ctx: Ctx) => tax().createZone(ctx, args.input),
      updateTaxZone: (_: Root, args: { input: UpdateTaxZoneInput }, ctx: Ctx) => tax().updateZone(ctx, args.input),
      deleteTaxZone: (_: Root, args: { id: string }, ctx: Ctx) => tax().deleteZone(ctx, args.id),
    },
    TaxRate: { rateBasisPoints: (r: AppliedRate) => r.rateBp },
    TaxedLine: { rateBasisPoints: (l: TaxedLine) => l.rateBp },
    TaxBreakdownRow: { rateBasisPoints: (r: TaxBreakdownRow) => r.rateBp },
  };
}

/** The tax module's slice of the admin API: zones, rates, zone of a destination, tax preview. */
export const taxAdminGraphQL: GraphQLContribution = { typeDefs: taxAdminTypeDefs, resolvers };
