/** `@plaza/core/testing`: the harness the core's tests and plugin authors use. */
export { createTestEnvironment } from './test-environment.js';
export type { TestEnvironment, TestEnvironmentOptions } from './test-environment.js';
export { GraphQLClient, GraphQLRequestError } from './graphql-client.js';
export type { GraphQLResponse, GraphQLResponseError } from './graphql-client.js';
export { createTestDatabase, testDialect } from './test-database.js';
export type { TestDatabase } from './test-database.js';
export { openExtraConnection, type ExtraConnectionOptions } from './extra-connection.js';
export type { SignedInClient, SignInOptions, TestRoleGrant } from './staff-sign-in.js';
export { countQueries, type QueryCount } from './query-counter.js';
