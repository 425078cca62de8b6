/** Type definitions of the payments module's slice of the admin API. */
export const paymentAdminTypeDefs = /* GraphQL */ `
  "How the customer paid."
  enum PaymentMethod {
    CARD
    CASH
    TERMINAL
    BANK_TRANSFER
    GIFT_CARD
    STORE_CREDIT
    WALLET
    OTHER
  }

  enum PaymentStatus {
    "The customer must complete an extra step (e.g. 3-D Secure); then confirm."
    REQUIRES_ACTION
    "Money held, not taken yet."
    AUTHORIZED
    CAPTURED
    PARTIALLY_REFUNDED
    REFUNDED
    "Authorization released; no money taken."
    VOIDED
    FAILED
  }

  enum PaymentTransactionKind {
    AUTHORIZATION
    CAPTURE
    REFUND
    VOID
  }

  enum PaymentTransactionStatus {
    "A refund reserved, waiting for the provider."
    PENDING
    SUCCEEDED
    FAILED
  }

  "One tender of an order (an order paid with card and cash has two). Amounts in minor units."
  type Payment {
    id: ID!
    orderId: ID!
    platformId: ID!
    customerId: ID
    provider: String!
    method: PaymentMethod!
    currency: String!
    amount: Int!
    status: PaymentStatus!
    authorizedAmount: Int!
    capturedAmount: Int!
    refundedAmount: Int!
    externalRef: String
    declineCode: String
    createdAt: DateTime!
    updatedAt: DateTime!
    "Its ledger rows, oldest first."
    transactions: [PaymentTransaction!]!
  }

  "One money movement of the unified ledger. Amounts in minor units."
  type PaymentTransaction {
    id: ID!
    paymentId: ID!
    platformId: ID!
    orderId: ID!
    customerId: ID
    method: PaymentMethod!
    provider: String!
    kind: PaymentTransactionKind!
    amount: Int!
    currency: String!
    status: PaymentTransactionStatus!
    externalRef: String
    reason: String
    createdAt: DateTime!
  }

  type PaymentTransactionEdge {
    cursor: String!
    node: PaymentTransaction!
  }

  type PaymentTransactionConnection {
    edges: [PaymentTransactionEdge!]!
    pageInfo: PageInfo!
  }

  "A payment and the ledger row the operation wrote (null when it wrote none)."
  type PaymentResult {
    payment: Payment!
    transaction: PaymentTransaction
  }

  "Captured and refunded totals of one platform, method and currency on one UTC day (minor units)."
  type PaymentsReportRow {
    platformId: ID!
    method: PaymentMethod!
    currency: String!
    day: String!
    captured: Int!
    refunded: Int!
    net: Int!
    count: Int!
  }

  type PaymentProviderInfo {
    code: String!
    label: String!
    methods: [PaymentMethod!]!
  }

  input PaymentLedgerFilter {
    platformId: ID
    orderId: ID
    method: PaymentMethod
    provider: String
    kind: PaymentTransactionKind
    status: PaymentTransactionStatus
    "From this moment (inclusive)."
    from: DateTime
    "Until this moment (exclusive)."
    to: DateTime
  }

  "Money staff received outside Plaza (cash, an external terminal, a bank transfer)."
  input RecordManualPaymentInput {
    orderId: ID!
    platformId: ID!
    customerId: ID
    method: PaymentMethod!
    amount: Int!
    currency: String!
    "Unique per payment; sending it again returns the first payment."
    idempotencyKey: String!
  }

  input CapturePaymentInput {
    paymentId: ID!
    "Defaults to the authorized amount."
    amount: Int
    idempotencyKey: String!
  }

  input VoidPaymentInput {
    paymentId: ID!
    idempotencyKey: String!
  }

  input RefundPaymentInput {
    paymentId: ID!
    amount: Int!
    reason: String
    idempotencyKey: String!
  }

  extend type Query {
    "One payment (payments.read)."
    payment(id: ID!): Payment
    "The payments of an order (split tenders are several)."
    orderPayments(orderId: ID!): [Payment!]!
    "The unified ledger of every money movement, newest first (payments.read)."
    paymentLedger(filter: PaymentLedgerFilter, first: Int, after: String): PaymentTransactionConnection!
    "Succeeded captures and refunds by platform, method, currency and UTC day in [from, to) (payments.read)."
    paymentsReport(from: DateTime!, to: DateTime!, platformId: ID): [PaymentsReportRow!]!
    "The payment providers installed."
    paymentProviders: [PaymentProviderInfo!]!
  }

  extend type Mutation {
    "Records a cash, terminal or bank transfer payment as captured (payments.manage)."
    recordManualPayment(input: RecordManualPaymentInput!): PaymentResult!
    capturePayment(input: CapturePaymentInput!): PaymentResult!
    voidPayment(input: VoidPaymentInput!): PaymentResult!
    "Refunds up to what was captured and not yet refunded (payments.manage)."
    refundPayment(input: RefundPaymentInput!): PaymentResult!
  }
`;
