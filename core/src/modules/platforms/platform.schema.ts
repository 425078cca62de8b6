/** Type definitions of the platforms module's slice of the admin API. */
export const platformAdminTypeDefs = /* GraphQL */ `
  enum PlatformStatus {
    ACTIVE
    DISABLED
  }

  enum PlatformOrderField {
    CREATED_AT
    NAME
    CODE
  }

  enum SortDirection {
    ASC
    DESC
  }

  "A kind of sales channel a plugin adds (the core adds headless)."
  type PlatformType {
    code: String!
    label: String!
    description: String!
    capabilities: [String!]!
    "The plugin that adds this type."
    plugin: String!
    "JSON Schema (draft 2020-12) of the settings: render it as a form; descriptions are field help."
    settingsSchema: JSON!
  }

  "One sales channel: a web store, a POS, a social shop, a marketplace account…"
  type Platform {
    id: ID!
    "Unique lowercase slug, e.g. web-es."
    code: String!
    name: String!
    "The platform type's code (kept even when its plugin is uninstalled)."
    type: String!
    "Is the plugin of this platform's type installed? When false the platform still lists, its settings cannot change."
    typeAvailable: Boolean!
    "The type's definition; null when its plugin is not installed."
    platformType: PlatformType
    "ISO 4217 currency code."
    currency: String!
    "BCP 47 locale, e.g. es-ES."
    locale: String!
    status: PlatformStatus!
    "Settings, validated by the type's schema."
    settings: JSON!
    capabilities: [String!]!
    priceListId: ID
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type PlatformEdge {
    cursor: String!
    node: Platform!
  }

  type PlatformConnection {
    edges: [PlatformEdge!]!
    pageInfo: PageInfo!
  }

  input PlatformFilter {
    status: PlatformStatus
    type: String
    "Part of the name or code (case-insensitive)."
    search: String
  }

  input PlatformOrder {
    field: PlatformOrderField!
    "Defaults to DESC for CREATED_AT, ASC otherwise."
    direction: SortDirection
  }

  "A publishable key of a platform, masked (the secret is shown only when issued)."
  type PlatformKey {
    id: ID!
    platformId: ID!
    label: String!
    "The first characters of the key, e.g. pk_AbCdEfGh."
    prefix: String!
    "The prefix followed by an ellipsis, for display."
    masked: String!
    active: Boolean!
    createdAt: DateTime!
    createdBy: String
    revokedAt: DateTime
    lastUsedAt: DateTime
  }

  "A newly issued key and its secret: store it now, it is not shown again."
  type PlatformKeySecret {
    key: PlatformKey!
    secret: String!
  }

  input CreatePlatformInput {
    code: String!
    name: String!
    type: String!
    currency: String!
    locale: String!
    settings: JSON
  }

  "Fields left out keep their value; settings replaces the whole settings object."
  input UpdatePlatformInput {
    id: ID!
    code: String
    name: String
    currency: String
    locale: String
    settings: JSON
  }

  type Query {
    "Installed platform types with their settings forms. Needs platforms.read."
    platformTypes: [PlatformType!]!
    "Platforms the viewer may read (scoped staff see theirs). Needs platforms.read."
    platforms(first: Int, after: String, filter: PlatformFilter, orderBy: PlatformOrder): PlatformConnection!
    "One platform. Needs platforms.read on it."
    platform(id: ID!): Platform!
    "A platform's keys, newest first, masked. Needs platforms.read on it."
    platformKeys(platformId: ID!): [PlatformKey!]!
  }

  type Mutation {
    "Creates a platform. Needs platforms.manage for all platforms."
    createPlatform(input: CreatePlatformInput!): Platform!
    "Edits a platform. Needs platforms.manage on it."
    updatePlatform(input: UpdatePlatformInput!): Platform!
    "Disables a platform; its keys are refused. Needs platforms.manage on it."
    disablePlatform(id: ID!): Platform!
    "Enables a platform again. Needs platforms.manage on it."
    enablePlatform(id: ID!): Platform!
    "Issues a key; the secret is returned only now. Needs platform_keys.manage on the platform."
    createPlatformKey(platformId: ID!, label: String!): PlatformKeySecret!
    "Revokes a key at once. Needs platform_keys.manage on its platform."
    revokePlatformKey(id: ID!): PlatformKey!
    "Issues a replacement key and revokes this one, atomically. Needs platform_keys.manage on its platform."
    rotatePlatformKey(id: ID!): PlatformKeySecret!
  }
`;

/** Type definitions of the platforms module's slice of the channel API. */
export const platformChannelTypeDefs = /* GraphQL */ `
  "The platform this request speaks for (from its x-plaza-key)."
  type Platform {
    id: ID!
    code: String!
    name: String!
    type: String!
    currency: String!
    locale: String!
    "What this platform's type supports, e.g. catalog, checkout."
    capabilities: [String!]!
  }

  type Query {
    "The current platform. Needs a publishable key (x-plaza-key)."
    platform: Platform!
  }
`;
