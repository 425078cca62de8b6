import type { Ctx } from '../../kernel/context.js';
import { requirePlatform } from '../../kernel/context.js';
import type { GraphQLContribution } from '../../kernel/plugin.js';
import { LocationService } from '../inventory/locations/index.js';
import { PickupSlotService, type SlotSettingsInput } from './pickup-slots.service.js';

const slotType = /* GraphQL */ `
  "An order-ahead pickup slot and the places left in it."
  type PickupSlot {
    start: DateTime!
    end: DateTime!
    capacity: Int!
    booked: Int!
    available: Int!
  }
`;

/** The admin API: slot settings per location and the slots as staff see them. */
export const slotAdminGraphQL: GraphQLContribution = {
  typeDefs: /* GraphQL */ `
    ${slotType}
    "How a location takes order-ahead pickups."
    type PickupSlotSettings {
      locationId: ID!
      enabled: Boolean!
      slotMinutes: Int!
      capacity: Int!
      leadMinutes: Int!
      horizonDays: Int!
    }
    input PickupSlotSettingsInput {
      locationId: ID!
      enabled: Boolean!
      "Length of a slot (5–240)."
      slotMinutes: Int!
      "Orders per slot."
      capacity: Int!
      "Minutes before the first bookable slot (the location's preparation time counts too)."
      leadMinutes: Int!
      "Days ahead slots are offered (1–60)."
      horizonDays: Int!
    }
    extend type Query {
      "A location's order-ahead settings (locations.read there)."
      pickupSlotSettings(locationId: ID!): PickupSlotSettings!
      "The location's bookable slots from now, with places left."
      locationPickupSlots(locationId: ID!): [PickupSlot!]!
    }
    extend type Mutation {
      "Sets a location's order-ahead settings (locations.manage there)."
      setPickupSlotSettings(input: PickupSlotSettingsInput!): PickupSlotSettings!
    }
  `,
  resolvers: (scope) => {
    const slots = () => scope.container.resolve(PickupSlotService);
    return {
      Query: {
        pickupSlotSettings: (_: unknown, args: { locationId: string }, ctx: Ctx) => slots().settings(ctx, args.locationId),
        locationPickupSlots: async (_: unknown, args: { locationId: string }, ctx: Ctx) => {
          await slots().settings(ctx, args.locationId);
          return slots().slots(ctx, args.locationId);
        },
      },
      Mutation: {
        setPickupSlotSettings: (_: unknown, args: { input: SlotSettingsInput }, ctx: Ctx) => slots().configure(ctx, args.input),
      },
    };
  },
};

/** The channel API: the slot picker of order-ahead checkout. */
export const slotChannelGraphQL: GraphQLContribution = {
  typeDefs: /* GraphQL */ `
    ${slotType}
    extend type Query {
      "Order-ahead pickup slots at one of the platform's pickup locations, from now (empty when it takes none)."
      pickupSlots(locationId: ID!): [PickupSlot!]!
    }
  `,
  resolvers: (scope) => ({
    Query: {
      pickupSlots: async (_: unknown, args: { locationId: string }, ctx: Ctx) => {
        const platform = requirePlatform(ctx);
        const links = await scope.container.resolve(LocationService).platformLocations(ctx, platform.id);
        const link = links.find((l) => l.locationId === args.locationId && l.location.status === 'active' && l.location.pickupEnabled);
        if (!link) return [];
        return scope.container.resolve(PickupSlotService).slots(ctx, args.locationId);
      },
    },
  }),
};
