import { PlazaError, type FieldError } from '../../../kernel/errors.js';
import { createLocationInput, invalidLocationInput, parseLocationInput, toFieldErrors, updateLocationInput, type CreateLocationInput, type UpdateLocationInput } from './location.inputs.js';
import type { StockLocation } from './location.records.js';

/** The editable fields of a location. */
export type LocationFields = Omit<StockLocation, 'id' | 'createdAt' | 'updatedAt'>;

const EDITABLE = ['code', 'name', 'type', 'status', 'address', 'latitude', 'longitude', 'timeZone', 'openingHours', 'pickupEnabled', 'shipFromEnabled', 'preparationMinutes'] as const;

function coordinatePair(latitude: number | null, longitude: number | null): FieldError[] {
  if ((latitude === null) === (longitude === null)) return [];
  return [{ path: latitude === null ? 'latitude' : 'longitude', message: 'give both latitude and longitude, or neither' }];
}

/** Validates a new location; BAD_USER_INPUT with every field problem. */
export function validateNewLocation(input: CreateLocationInput): LocationFields {
  const d = parseLocationInput(createLocationInput, input);
  const fields: LocationFields = {
    code: d.code,
    name: d.name,
    type: d.type,
    status: d.status ?? 'active',
    address: d.address ?? null,
    latitude: d.latitude ?? null,
    longitude: d.longitude ?? null,
    timeZone: d.timeZone,
    openingHours: d.openingHours ?? null,
    pickupEnabled: d.pickupEnabled ?? false,
    shipFromEnabled: d.shipFromEnabled ?? true,
    preparationMinutes: d.preparationMinutes ?? 0,
  };
  const pair = coordinatePair(fields.latitude, fields.longitude);
  if (pair.length > 0) throw invalidLocationInput(pair);
  return fields;
}

/** JSON with object keys sorted (jsonb does not keep key order), for comparing values. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function same(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/**
 * Validates an update of `before`: fields left out keep their value; null clears `address`,
 * `openingHours` and the coordinates (other fields cannot be null). Returns only what changes.
 */
export function validateLocationChanges(before: StockLocation, input: UpdateLocationInput): Partial<LocationFields> {
  const result = updateLocationInput.safeParse(input);
  const raw = (input ?? {}) as Record<string, unknown>;
  const fields = result.success ? [] : toFieldErrors(result.error.issues);
  for (const key of ['code', 'name', 'type', 'status', 'timeZone', 'pickupEnabled', 'shipFromEnabled', 'preparationMinutes'] as const) {
    if (raw[key] === null) fields.push({ path: key, message: 'cannot be null; leave it out to keep the current value' });
  }
  if (!result.success || fields.length > 0) throw invalidLocationInput(fields);
  const data = result.data as Record<string, unknown>;
  const after = { ...before } as Record<string, unknown>;
  for (const key of EDITABLE) if (raw[key] !== undefined) after[key] = data[key] ?? null;
  const pair = coordinatePair(after.latitude as number | null, after.longitude as number | null);
  if (pair.length > 0) throw invalidLocationInput(pair);
  const changes: Record<string, unknown> = {};
  for (const key of EDITABLE) if (!same(after[key], (before as unknown as Record<string, unknown>)[key])) changes[key] = after[key];
  return changes as Partial<LocationFields>;
}

/** CONFLICT for a code another location holds. */
export function codeTaken(code: string, cause?: unknown): PlazaError {
  return new PlazaError('CONFLICT', `The code "${code}" is already used by another stock location`, {
    reason: 'LOCATION_CODE_TAKEN',
    fields: [{ path: 'code', message: 'is already used by another stock location' }],
    cause,
  });
}

