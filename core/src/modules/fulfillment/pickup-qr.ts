import QRCode from 'qrcode';

/**
 * What a pickup QR code encodes: the order number and the pickup code, e.g.
 * `WEBES-000012:K7P2QX`. `collectPickup` accepts this or the bare code.
 */
export function pickupQrContent(orderNumber: string, pickupCode: string): string {
  return `${orderNumber}:${pickupCode}`;
}

/** A `data:image/png;base64,…` QR image of the pickup (medium error correction, 4-module margin). */
export function pickupQrDataUrl(orderNumber: string, pickupCode: string): Promise<string> {
  return QRCode.toDataURL(pickupQrContent(orderNumber, pickupCode), { errorCorrectionLevel: 'M', margin: 4, width: 256 });
}

/** A scanned or typed code split into its parts: `{ number, code }` for QR content, `{ code }` for a bare code. */
export function parsePickupCode(raw: string): { number: string | null; code: string } {
  const value = raw.trim().toUpperCase();
  const at = value.lastIndexOf(':');
  if (at < 0) return { number: null, code: value };
  return { number: value.slice(0, at), code: value.slice(at + 1) };
}
