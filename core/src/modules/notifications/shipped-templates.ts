import type { NotificationTemplate, TemplateVariable } from './notification-templates.js';

// The templates the core ships, in English and Spanish. Messages carry only what the customer
// needs (a reference, a code, a token): no names or addresses.

const reference: TemplateVariable = { name: 'reference', description: 'The order or return number the customer knows', required: true };
const platformName: TemplateVariable = { name: 'platformName', description: 'The shop’s name (the platform)' };
const token: TemplateVariable = { name: 'token', description: 'The one-time code', required: true };
const link: TemplateVariable = { name: 'link', description: 'A link that carries the code (when the shop has one)', kind: 'url' };
const expiresAt: TemplateVariable = { name: 'expiresAt', description: 'When the code expires (formatted)' };
const amount: TemplateVariable = { name: 'amount', description: 'The amount, formatted with its currency (e.g. 12,50 €)' };

const signature = { en: '{{#platformName}}— {{platformName}}{{/platformName}}', es: '{{#platformName}}— {{platformName}}{{/platformName}}' };

function order(
  code: string,
  name: string,
  en: { subject: string; text: string },
  es: { subject: string; text: string },
  extra: TemplateVariable[] = [],
): NotificationTemplate {
  return {
    code,
    name,
    category: 'transactional',
    variables: [reference, platformName, ...extra],
    locales: {
      en: { subject: en.subject, text: `${en.text}\n\n${signature.en}` },
      es: { subject: es.subject, text: `${es.text}\n\n${signature.es}` },
    },
  };
}

export const shippedTemplates: NotificationTemplate[] = [
  {
    code: 'account.email_verification',
    name: 'Confirm your e-mail',
    category: 'transactional',
    security: true,
    variables: [token, link, expiresAt, platformName],
    locales: {
      en: {
        subject: 'Confirm your e-mail address',
        text: 'Use this code to confirm your e-mail address:\n\n{{token}}\n\n{{#link}}Or open this link: {{link}}\n\n{{/link}}{{#expiresAt}}The code expires on {{expiresAt}}.\n\n{{/expiresAt}}If you did not create an account, ignore this message.\n\n{{#platformName}}— {{platformName}}{{/platformName}}',
      },
      es: {
        subject: 'Confirma tu dirección de correo',
        text: 'Usa este código para confirmar tu dirección de correo:\n\n{{token}}\n\n{{#link}}O abre este enlace: {{link}}\n\n{{/link}}{{#expiresAt}}El código caduca el {{expiresAt}}.\n\n{{/expiresAt}}Si no has creado una cuenta, ignora este mensaje.\n\n{{#platformName}}— {{platformName}}{{/platformName}}',
      },
    },
  },
  {
    code: 'account.password_reset',
    name: 'Reset your password',
    category: 'transactional',
    security: true,
    variables: [token, link, expiresAt, platformName],
    locales: {
      en: {
        subject: 'Reset your password',
        text: 'Someone asked to reset the password of your account. Use this code to choose a new one:\n\n{{token}}\n\n{{#link}}Or open this link: {{link}}\n\n{{/link}}{{#expiresAt}}The code expires on {{expiresAt}}.\n\n{{/expiresAt}}If it was not you, ignore this message: your password stays the same.\n\n{{#platformName}}— {{platformName}}{{/platformName}}',
      },
      es: {
        subject: 'Restablece tu contraseña',
        text: 'Alguien ha pedido restablecer la contraseña de tu cuenta. Usa este código para elegir una nueva:\n\n{{token}}\n\n{{#link}}O abre este enlace: {{link}}\n\n{{/link}}{{#expiresAt}}El código caduca el {{expiresAt}}.\n\n{{/expiresAt}}Si no has sido tú, ignora este mensaje: tu contraseña no cambia.\n\n{{#platformName}}— {{platformName}}{{/platformName}}',
      },
    },
  },
  order(
    'order.confirmed',
    'Order confirmed',
    { subject: 'Order {{reference}} confirmed', text: 'Thank you! We have received your order {{reference}}.{{#amount}} Total: {{amount}}.{{/amount}}\n\nWe will let you know when it moves on.' },
    { subject: 'Pedido {{reference}} confirmado', text: '¡Gracias! Hemos recibido tu pedido {{reference}}.{{#amount}} Total: {{amount}}.{{/amount}}\n\nTe avisaremos cuando avance.' },
    [amount],
  ),
  order(
    'order.payment_link',
    'Pay for your order',
    { subject: 'Your order {{reference}} is ready to pay', text: 'We have prepared your order {{reference}}.{{#amount}} Total: {{amount}}.{{/amount}}{{#link}}\n\nPay for it here: {{link}}{{/link}}' },
    { subject: 'Tu pedido {{reference}} está listo para pagar', text: 'Hemos preparado tu pedido {{reference}}.{{#amount}} Total: {{amount}}.{{/amount}}{{#link}}\n\nPágalo aquí: {{link}}{{/link}}' },
    [amount, link],
  ),
  order(
    'order.accepted',
    'Order accepted',
    { subject: 'Order {{reference}} accepted', text: 'The shop has accepted your order {{reference}} and is preparing it.' },
    { subject: 'Pedido {{reference}} aceptado', text: 'La tienda ha aceptado tu pedido {{reference}} y lo está preparando.' },
  ),
  order(
    'order.rejected',
    'Order declined',
    { subject: 'Order {{reference}} could not be accepted', text: 'We are sorry: the shop could not accept your order {{reference}}. Any payment will be returned to you.' },
    { subject: 'No hemos podido aceptar el pedido {{reference}}', text: 'Lo sentimos: la tienda no ha podido aceptar tu pedido {{reference}}. Te devolveremos cualquier pago.' },
  ),
  {
    code: 'order.ready_for_pickup',
    name: 'Ready for pickup',
    category: 'transactional',
    variables: [
      reference,
      platformName,
      { name: 'pickupCode', description: 'The code the customer shows in store' },
      { name: 'qrImageUrl', description: 'A QR image of the pickup code (https or data:image URL)', kind: 'url' },
      { name: 'locationName', description: 'The store where the order waits' },
    ],
    locales: {
      en: {
        subject: 'Order {{reference}} is ready for pickup',
        text: 'Your order {{reference}} is ready for pickup{{#locationName}} at {{locationName}}{{/locationName}}.\n\n{{#pickupCode}}Show this code in store: {{pickupCode}}\n\n{{/pickupCode}}{{#platformName}}— {{platformName}}{{/platformName}}',
        html: '<p>Your order <strong>{{reference}}</strong> is ready for pickup{{#locationName}} at {{locationName}}{{/locationName}}.</p>\n{{#pickupCode}}<p>Show this code in store: <strong style="font-size:20px;letter-spacing:2px">{{pickupCode}}</strong></p>{{/pickupCode}}\n{{#qrImageUrl}}<p><img src="{{qrImageUrl}}" alt="Pickup QR code" width="200" height="200"></p>{{/qrImageUrl}}\n{{#platformName}}<p>— {{platformName}}</p>{{/platformName}}',
      },
      es: {
        subject: 'Tu pedido {{reference}} está listo para recoger',
        text: 'Tu pedido {{reference}} está listo para recoger{{#locationName}} en {{locationName}}{{/locationName}}.\n\n{{#pickupCode}}Enseña este código en la tienda: {{pickupCode}}\n\n{{/pickupCode}}{{#platformName}}— {{platformName}}{{/platformName}}',
        html: '<p>Tu pedido <strong>{{reference}}</strong> está listo para recoger{{#locationName}} en {{locationName}}{{/locationName}}.</p>\n{{#pickupCode}}<p>Enseña este código en la tienda: <strong style="font-size:20px;letter-spacing:2px">{{pickupCode}}</strong></p>{{/pickupCode}}\n{{#qrImageUrl}}<p><img src="{{qrImageUrl}}" alt="Código QR de recogida" width="200" height="200"></p>{{/qrImageUrl}}\n{{#platformName}}<p>— {{platformName}}</p>{{/platformName}}',
      },
    },
  },
  order(
    'order.shipped',
    'Order shipped',
    { subject: 'Order {{reference}} is on its way', text: 'Your order {{reference}} has shipped.{{#trackingNumber}} Tracking number: {{trackingNumber}}.{{/trackingNumber}}{{#trackingUrl}}\n\nFollow it here: {{trackingUrl}}{{/trackingUrl}}' },
    { subject: 'Tu pedido {{reference}} está en camino', text: 'Hemos enviado tu pedido {{reference}}.{{#trackingNumber}} Número de seguimiento: {{trackingNumber}}.{{/trackingNumber}}{{#trackingUrl}}\n\nSíguelo aquí: {{trackingUrl}}{{/trackingUrl}}' },
    [
      { name: 'trackingNumber', description: 'The carrier’s tracking number' },
      { name: 'trackingUrl', description: 'The carrier’s tracking page', kind: 'url' },
    ],
  ),
  order(
    'order.collected',
    'Order collected',
    { subject: 'Order {{reference}} collected', text: 'You have collected your order {{reference}}. Thank you for shopping with us!' },
    { subject: 'Pedido {{reference}} recogido', text: 'Has recogido tu pedido {{reference}}. ¡Gracias por tu compra!' },
  ),
  order(
    'order.refund_issued',
    'Refund issued',
    { subject: 'Refund for order {{reference}}', text: 'We have issued a refund{{#amount}} of {{amount}}{{/amount}} for your order {{reference}}. It may take a few days to show on your statement.' },
    { subject: 'Reembolso del pedido {{reference}}', text: 'Hemos emitido un reembolso{{#amount}} de {{amount}}{{/amount}} de tu pedido {{reference}}. Puede tardar unos días en aparecer en tu extracto.' },
    [amount],
  ),
  order(
    'order.pickup_expired',
    'Pickup expired',
    { subject: 'Order {{reference}} was not collected', text: 'Your order {{reference}} was not collected in time and has been cancelled. Any payment will be returned to you.' },
    { subject: 'El pedido {{reference}} no se ha recogido', text: 'Tu pedido {{reference}} no se ha recogido a tiempo y se ha cancelado. Te devolveremos cualquier pago.' },
  ),
  order(
    'order.cancelled',
    'Order cancelled',
    { subject: 'Order {{reference}} cancelled', text: 'Your order {{reference}} has been cancelled. Any payment will be returned to you.' },
    { subject: 'Pedido {{reference}} cancelado', text: 'Tu pedido {{reference}} se ha cancelado. Te devolveremos cualquier pago.' },
  ),
  order(
    'return.approved',
    'Return approved',
    { subject: 'Return {{reference}} approved', text: 'We have approved your return {{reference}}. Please send or bring the items back.' },
    { subject: 'Devolución {{reference}} aprobada', text: 'Hemos aprobado tu devolución {{reference}}. Envía o trae los artículos.' },
  ),
  order(
    'return.rejected',
    'Return rejected',
    { subject: 'Return {{reference}} could not be accepted', text: 'We are sorry: we could not accept your return {{reference}}. Contact us if you have any question.' },
    { subject: 'No hemos podido aceptar la devolución {{reference}}', text: 'Lo sentimos: no hemos podido aceptar tu devolución {{reference}}. Escríbenos si tienes cualquier duda.' },
  ),
  order(
    'return.refunded',
    'Return refunded',
    { subject: 'Return {{reference}} refunded', text: 'We have refunded your return {{reference}}{{#amount}}: {{amount}}{{/amount}}. It may take a few days to show on your statement.' },
    { subject: 'Devolución {{reference}} reembolsada', text: 'Hemos reembolsado tu devolución {{reference}}{{#amount}}: {{amount}}{{/amount}}. Puede tardar unos días en aparecer en tu extracto.' },
    [amount],
  ),
];
