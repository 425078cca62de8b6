/** The fields of a postal address as orders and carts keep it (a copy, the same in both). */
export const postalAddressFieldsSdl = `
    firstName: String
    lastName: String
    company: String
    line1: String!
    line2: String
    city: String!
    region: String
    postalCode: String
    country: String!
    phone: String`;

/**
 * The `Order` type both APIs show (one definition of the shared fields, so the storefront's and
 * the back office's views never drift apart); the admin API adds staff-only fields.
 */
const sharedSdl = /* GraphQL */ `
  "Where an order stands overall (its process state is \`state\`)."
  enum OrderStatus {
    OPEN
    COMPLETED
    CANCELLED
  }

  enum OrderPaymentStatus {
    PENDING
    AUTHORIZED
    PARTIALLY_PAID
    PAID
    PARTIALLY_REFUNDED
    REFUNDED
    PAY_LATER
  }

  "How the goods reach the customer."
  enum OrderDeliveryMode {
    SHIP
    PICKUP
    ORDER_AHEAD
    CARRY_OUT
  }

  type OrderPlatform {
    id: ID!
    code: String!
    name: String!
  }

  "A postal address as the order keeps it (a copy)."
  type OrderAddress {
${postalAddressFieldsSdl}
  }

  "One line of an order. Amounts in integer minor units."
  type OrderLine {
    id: ID!
    variantId: ID!
    productId: ID!
    sku: String!
    title: String!
    quantity: Int!
    unitPrice: Int!
    compareAtPrice: Int
    discount: Int!
    taxRateBp: Int!
    net: Int!
    tax: Int!
    total: Int!
    locationId: ID!
    fulfilledQuantity: Int!
    cancelledQuantity: Int!
  }

  "A discount or other adjustment recorded on the order."
  type OrderAdjustment {
    id: ID!
    source: String!
    code: String
    label: String!
    amount: Int!
    lineId: ID
  }

  type OrderPickupLocation {
    id: ID!
    name: String!
  }

  type OrderDelivery {
    mode: OrderDeliveryMode!
    shippingMethodCode: String
    pickupLocation: OrderPickupLocation
    readyAt: DateTime
    slotStart: DateTime
    slotEnd: DateTime
  }

  type OrderEdge {
    cursor: String!
    node: Order!
  }

  type OrderConnection {
    edges: [OrderEdge!]!
    pageInfo: PageInfo!
  }
`;

const sharedOrderFields = `
    id: ID!
    "The order number people quote, e.g. WEBES-000012."
    number: String!
    platform: OrderPlatform!
    platformId: ID!
    externalReference: String
    customerId: ID
    email: String
    currency: String!
    mode: OrderDeliveryMode!
    "The state of the order's process (e.g. placed, ready_for_pickup, shipped)."
    state: String!
    stateLabel: String!
    status: OrderStatus!
    paymentStatus: OrderPaymentStatus!
    pricesIncludeTax: Boolean!
    lines: [OrderLine!]!
    adjustments: [OrderAdjustment!]!
    subtotal: Int!
    discountTotal: Int!
    taxTotal: Int!
    shippingTotal: Int!
    total: Int!
    paidTotal: Int!
    refundedTotal: Int!
    "What is still to pay: total − (paid − refunded)."
    balanceDue: Int!
    shippingAddress: OrderAddress
    billingAddress: OrderAddress
    delivery: OrderDelivery!
    "The code the customer shows at the store (pickup and order-ahead orders)."
    pickupCode: String
    note: String
    tags: [String!]!
    placedAt: DateTime!
    updatedAt: DateTime!
    cancelledAt: DateTime`;

/** The orders module's slice of the admin API. */
export const orderAdminTypeDefs = /* GraphQL */ `
  ${sharedSdl}

  type OrderProcessTransition {
    name: String!
    label: String!
    to: String!
  }

  type OrderProcess {
    instanceId: ID!
    state: String!
    seq: Int!
    "The transitions you may take now (guards are checked when taken)."
    availableTransitions: [OrderProcessTransition!]!
  }

  type Order {
    ${sharedOrderFields}
    phone: String
    payments: [Payment!]!
    process: OrderProcess
    soldByStaffId: ID
    soldAtLocationId: ID
    cartId: ID
  }

  input OrderFilter {
    platformId: ID
    customerId: ID
    state: String
    status: OrderStatus
    paymentStatus: OrderPaymentStatus
    mode: OrderDeliveryMode
    "Pickup location or a line's location."
    locationId: ID
    placedFrom: DateTime
    placedTo: DateTime
    "An order number (exact) or the start of an e-mail address."
    search: String
  }

  input OrderCardInput {
    number: String
    token: String
    expMonth: Int
    expYear: Int
    cvc: String
  }

  input AddOrderPaymentInput {
    "manual (cash, terminal, bank transfer) or sandbox-card."
    provider: String!
    method: PaymentMethod!
    amount: Int!
    card: OrderCardInput
    idempotencyKey: String!
  }

  type AddOrderPaymentResult {
    order: Order!
    payment: Payment!
  }

  input OrderLineAddInput {
    variantId: ID!
    quantity: Int!
    "Where the units come from (default: sourcing picks)."
    locationId: ID
  }

  input OrderLineChangeInput {
    lineId: ID!
    quantity: Int!
  }

  input EditOrderInput {
    add: [OrderLineAddInput!]
    change: [OrderLineChangeInput!]
    remove: [ID!]
  }

  extend type Query {
    "Orders of every platform you may read, newest first."
    orders(first: Int, after: String, filter: OrderFilter): OrderConnection!
    order(id: ID!): Order
    orderByNumber(platformId: ID, number: String!): Order
  }

  extend type Mutation {
    "Cancels the order: restocks, releases, refunds captured and voids authorized payments."
    cancelOrder(id: ID!, reason: String, expectedSeq: Int): Order!
    "Takes another transition of the order's process (accept, reject, ship, mark_ready…)."
    transitionOrder(id: ID!, transition: String!, input: JSON, expectedSeq: Int): Order!
    "Takes a payment for the order (split tenders)."
    addOrderPayment(orderId: ID!, input: AddOrderPaymentInput!): AddOrderPaymentResult!
    "Adds, changes and removes lines before fulfillment; refunds the difference when the total falls."
    editOrder(orderId: ID!, input: EditOrderInput!, idempotencyKey: String!, expectedSeq: Int): Order!
    "Sets the prefix of the platform's next order numbers (1–12 of A-Z, 0-9, -)."
    setOrderNumberPrefix(platformId: ID!, prefix: String!): String!
  }
`;

/** The orders module's slice of the channel API. */
export const orderChannelTypeDefs = /* GraphQL */ `
  ${sharedSdl}

  "A payment of an order, as its customer sees it."
  type OrderPayment {
    id: ID!
    provider: String!
    method: String!
    amount: Int!
    status: String!
    capturedAmount: Int!
    refundedAmount: Int!
  }

  type Order {
    ${sharedOrderFields}
    payments: [OrderPayment!]!
  }

  extend type Me {
    "Your orders of every platform (a store purchase shows in the web account), newest first."
    orders(first: Int, after: String): OrderConnection!
  }

  extend type Query {
    "Your own order, or a guest's with the access token returned when it was placed."
    order(id: ID!, accessToken: String): Order
  }

  extend type Mutation {
    "Cancels your own order while its process lets customers cancel."
    cancelMyOrder(id: ID!): Order!
  }
`;
