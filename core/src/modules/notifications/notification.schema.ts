/** The notifications module's admin API types. */
export const notificationAdminTypeDefs = /* GraphQL */ `
  enum NotificationStatus {
    QUEUED
    SENT
    FAILED
    SKIPPED
  }

  "A message to a customer: template, channel, status — not its content or address."
  type NotificationMessage {
    id: ID!
    "The event that asked for it (one message per event)."
    eventId: String
    customerId: ID
    platformId: ID
    template: String!
    channel: String!
    locale: String!
    "The provider that sent it (smtp, file, a plugin's)."
    provider: String
    status: NotificationStatus!
    "Why it was skipped or failed, e.g. CONSENT_WITHDRAWN, NO_RECIPIENT, PROVIDER_FAILED."
    reason: String
    subject: String
    attempts: Int!
    lastError: String
    createdAt: DateTime!
    sentAt: DateTime
  }

  type NotificationMessageEdge {
    cursor: String!
    node: NotificationMessage!
  }

  type NotificationMessageConnection {
    edges: [NotificationMessageEdge!]!
    pageInfo: PageInfo!
  }

  input NotificationMessageFilter {
    customerId: ID
    platformId: ID
    template: String
    channel: String
    status: NotificationStatus
  }

  type NotificationTemplateVariable {
    name: String!
    description: String!
    required: Boolean!
    "text or url"
    kind: String!
  }

  type NotificationTemplate {
    code: String!
    name: String!
    description: String
    "transactional or marketing"
    category: String!
    "Account-security message (sent even after a transactional consent was withdrawn)."
    security: Boolean!
    locales: [String!]!
    variables: [NotificationTemplateVariable!]!
  }

  type NotificationPreview {
    template: String!
    "The locale actually used (after fallback)."
    locale: String!
    subject: String!
    text: String!
    html: String!
  }

  type NotificationChannelProvider {
    channel: String!
    provider: String!
  }

  type Query {
    "Messages sent (or not) to customers, newest first. Needs notifications.read."
    notificationMessages(filter: NotificationMessageFilter, first: Int, after: String): NotificationMessageConnection!
    "The message templates and their locales. Needs notifications.read."
    notificationTemplates: [NotificationTemplate!]!
    "Renders a template with sample variables (nothing is sent). Needs notifications.read."
    previewNotification(template: String!, locale: String!, variables: JSON): NotificationPreview!
    "Which provider sends each channel. Needs notifications.read."
    notificationProviders: [NotificationChannelProvider!]!
  }
`;
