import { postalAddressFieldsSdl } from '../orders/order.schema.js';
/** Types both APIs share: the cart, its lines, totals, delivery and options. */
const cartTypes = /* GraphQL */ `
  enum CartStatus {
    ACTIVE
    "Stock is held (startCheckout) until reservedUntil."
    CHECKING_OUT
    "Placed as an order."
    CONVERTED
    "Untouched for 30 days."
    ABANDONED
  }

  enum CartDeliveryMode {
    SHIP
    PICKUP
    ORDER_AHEAD
  }

  "One priced line. Amounts in minor units; total = net + tax."
  type CartLine {
    id: ID!
    variantId: ID!
    productId: ID!
    sku: String!
    title: String!
    quantity: Int!
    unitPrice: Int!
    compareAtPrice: Int
    "Σ discounts on the line (line and spread order-level adjustments)."
    discount: Int!
    taxCategory: String!
    taxRateBp: Int!
    net: Int!
    tax: Int!
    total: Int!
    "The location it is sourced from (set by startCheckout)."
    locationId: ID
  }

  "Net and tax of the cart (lines and shipping) at one (category, rate)."
  type CartTaxLine {
    category: String!
    name: String!
    rateBp: Int!
    net: Int!
    tax: Int!
  }

  "A discount applied to the cart. lineKey null: spread over the whole order."
  type CartAdjustment {
    lineKey: ID
    amount: Int!
    label: String!
    code: String
    source: String!
  }

  type CartAddress {
${postalAddressFieldsSdl}
  }

  type CartShippingMethod {
    id: ID!
    code: String!
    name: String!
    price: Int!
  }

  type CartPickupLocation {
    id: ID!
    name: String!
  }

  "The delivery the cart chose."
  type CartDelivery {
    mode: CartDeliveryMode!
    shippingMethod: CartShippingMethod
    pickupLocation: CartPickupLocation
    readyAt: DateTime
    slotStart: DateTime
    slotEnd: DateTime
  }

  type ShippingOption {
    methodId: ID!
    code: String!
    name: String!
    price: Int!
    minDays: Int
    maxDays: Int
  }

  "A store that can serve the whole cart for pickup."
  type PickupOption {
    locationId: ID!
    name: String!
    "When it would be ready: preparation time × (orders queued there + 1), inside opening hours."
    readyAt: DateTime
    openNow: Boolean!
    nextOpensAt: DateTime
    preparationMinutes: Int!
    "Open pickup orders ahead at this store."
    queued: Int!
  }

  type OrderAheadOption {
    locationId: ID!
    name: String!
    "Slots with places left."
    slots: [PickupSlot!]!
  }

  type CartDeliveryOptions {
    ship: [ShippingOption!]!
    pickup: [PickupOption!]!
    orderAhead: [OrderAheadOption!]!
  }

  type CartCheckout {
    reservedUntil: DateTime
    status: CartStatus!
  }

  "A cart. Amounts in minor units of currency: Σ line totals + shippingTotal = total."
  type Cart {
    id: ID!
    currency: String!
    email: String
    phone: String
    customerId: ID
    status: CartStatus!
    pricesIncludeTax: Boolean!
    lines: [CartLine!]!
    itemCount: Int!
    subtotal: Int!
    discountTotal: Int!
    taxTotal: Int!
    shippingTotal: Int!
    total: Int!
    taxLines: [CartTaxLine!]!
    adjustments: [CartAdjustment!]!
    shippingAddress: CartAddress
    billingAddress: CartAddress
    delivery: CartDelivery
    "Computed on read."
    deliveryOptions: CartDeliveryOptions!
    "Null until startCheckout."
    checkout: CartCheckout
    orderId: ID
    updatedAt: DateTime!
  }

  input CartLineInput {
    variantId: ID!
    quantity: Int!
  }

  input CartDeliveryInput {
    mode: CartDeliveryMode!
    shippingMethodId: ID
    locationId: ID
    slotStart: DateTime
  }

  "What placing an order answered. order is null while the payment needs the customer's action."
  type PlaceOrderResult {
    order: Order
    "Guest access to the order (returned once)."
    accessToken: String
    paymentStatus: String!
    nextAction: JSON
    cart: Cart!
  }
`;

/** The channel API's carts and checkout. */
export const cartChannelTypeDefs = /* GraphQL */ `
  ${cartTypes}

  input CreateCartInput {
    email: String
    locale: String
    lines: [CartLineInput!]
  }

  input PlaceOrderCardInput {
    number: String
    expMonth: Int
    expYear: Int
    cvc: String
    token: String
  }

  input PlaceOrderPaymentInput {
    provider: String!
    method: String!
    card: PlaceOrderCardInput
  }

  input PlaceOrderInput {
    cartId: ID!
    idempotencyKey: String!
    payment: PlaceOrderPaymentInput!
  }

  extend type Query {
    "A cart of this platform (a signed-in customer's cart only for them)."
    cart(id: ID!): Cart
  }

  extend type Mutation {
    createCart(input: CreateCartInput!): Cart!
    "Adds lines; the same variant merges."
    addCartLines(cartId: ID!, lines: [CartLineInput!]!): Cart!
    "Sets a line's quantity; 0 removes it."
    updateCartLine(cartId: ID!, lineId: ID!, quantity: Int!): Cart!
    removeCartLine(cartId: ID!, lineId: ID!): Cart!
    setCartContact(cartId: ID!, email: String, phone: String): Cart!
    setCartAddresses(cartId: ID!, shipping: CustomerAddressInput, billing: CustomerAddressInput): Cart!
    setCartDelivery(cartId: ID!, input: CartDeliveryInput!): Cart!
    "Sources and holds the cart's stock; again: a fresh hold."
    startCheckout(cartId: ID!): Cart!
    "Pays and places the order. The same idempotencyKey returns the same order."
    placeOrder(input: PlaceOrderInput!): PlaceOrderResult!
    "After a payment's extra step (3-D Secure): confirms it and places the order."
    confirmCartPayment(cartId: ID!, idempotencyKey: String!): PlaceOrderResult!
  }
`;

/** The admin API: checkout settings and draft orders. */
export const cartAdminTypeDefs = /* GraphQL */ `
  ${cartTypes}

  enum PaymentCaptureMode {
    "Capture at placement."
    SALE
    "Authorize at placement; capture later."
    AUTHORIZE
  }

  type CheckoutSettings {
    platformId: ID!
    pricesIncludeTax: Boolean!
    reservationTtlMinutes: Int!
    paymentCapture: PaymentCaptureMode!
    "Base URL of payment links (falls back to the server config)."
    storefrontUrl: String
  }

  input CheckoutSettingsInput {
    platformId: ID!
    pricesIncludeTax: Boolean
    reservationTtlMinutes: Int
    paymentCapture: PaymentCaptureMode
    storefrontUrl: String
  }

  type DraftOrder {
    id: ID!
    platformId: ID!
    createdByStaffId: ID
    cart: Cart!
    createdAt: DateTime!
  }

  type DraftOrderEdge {
    node: DraftOrder!
    cursor: String!
  }

  type DraftOrderConnection {
    edges: [DraftOrderEdge!]!
    pageInfo: PageInfo!
  }

  input CreateDraftOrderInput {
    platformId: ID!
    customerId: ID
    email: String
  }

  input DraftOrderPaymentInput {
    provider: String!
    method: String!
    amount: Int!
  }

  input CompleteDraftOrderInput {
    payments: [DraftOrderPaymentInput!]
    payLater: Boolean
    idempotencyKey: String!
  }

  type DraftOrderPaymentLink {
    url: String!
    notificationId: ID
  }

  extend type Query {
    "A platform's checkout settings (platforms.manage)."
    checkoutSettings(platformId: ID!): CheckoutSettings!
    "Open draft orders of a platform, newest first (orders.draft)."
    draftOrders(platformId: ID!, first: Int, after: String): DraftOrderConnection!
    draftOrder(id: ID!): DraftOrder
  }

  extend type Mutation {
    setCheckoutSettings(input: CheckoutSettingsInput!): CheckoutSettings!
    createDraftOrder(input: CreateDraftOrderInput!): DraftOrder!
    draftOrderAddLines(id: ID!, lines: [CartLineInput!]!): DraftOrder!
    draftOrderUpdateLine(id: ID!, lineId: ID!, quantity: Int!): DraftOrder!
    draftOrderSetAddresses(id: ID!, shipping: CustomerAddressInput, billing: CustomerAddressInput): DraftOrder!
    draftOrderSetDelivery(id: ID!, input: CartDeliveryInput!): DraftOrder!
    draftOrderSetCustomer(id: ID!, customerId: ID, email: String): DraftOrder!
    "E-mails the customer a link to pay the draft on the storefront."
    sendDraftOrderPaymentLink(id: ID!): DraftOrderPaymentLink!
    "Places the draft: staff-taken payments (split tenders; Σ = total) or pay later."
    completeDraftOrder(id: ID!, input: CompleteDraftOrderInput!): PlaceOrderResult!
  }
`;
