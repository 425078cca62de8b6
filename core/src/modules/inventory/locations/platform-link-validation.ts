import type { FieldError } from '../../../kernel/errors.js';
import { invalidLocationInput, parseLocationInput, platformLocationsInput, type PlatformLocationInput } from './location.inputs.js';

/** A validated platform link: which location, in list order, and its safety stock. */
export interface WantedLink {
  locationId: string;
  safetyStock: number;
}

/** Validates the ordered list of a platform's locations (no duplicates, safety stock ≥ 0); field paths `locations.N.…`. */
export function validatePlatformLinks(input: readonly PlatformLocationInput[]): WantedLink[] {
  const list = parseLocationInput(platformLocationsInput, input, 'locations');
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  list.forEach((l, i) => {
    if (seen.has(l.locationId)) fields.push({ path: `locations.${i}.locationId`, message: 'is listed twice' });
    seen.add(l.locationId);
  });
  if (fields.length > 0) throw invalidLocationInput(fields);
  return list.map((l) => ({ locationId: l.locationId, safetyStock: l.safetyStock ?? 0 }));
}
