/**
 * Zone matching shared by tax and shipping zones. A zone lists members: a country (ISO 3166-1
 * alpha-2), optionally narrowed to a region (ISO 3166-2 subdivision without the country prefix,
 * e.g. CN for the Canary Islands) or to a postal-code prefix. A destination belongs to the zone
 * of its **most specific** matching member: postal prefix (longer wins) › region › whole
 * country; ties go to the zone whose code sorts first. So "ES" and a Canarias zone with
 * region CN / postal prefixes 35 and 38 coexist without exclusions.
 */

/** One member of a zone. */
export interface ZoneMember {
  country: string;
  region?: string | null;
  postalPrefix?: string | null;
}

/** A destination to place in a zone. */
export interface Destination {
  country: string;
  region?: string | null;
  postalCode?: string | null;
}

/** Canonical country code: trimmed, upper case. */
export function normCountry(value: string): string {
  return value.trim().toUpperCase();
}

/** Canonical region: upper case, without a leading "ES-" style country prefix. */
export function normRegion(value: string | null | undefined, country?: string): string | null {
  if (!value) return null;
  let v = value.trim().toUpperCase();
  if (country && v.startsWith(`${normCountry(country)}-`)) v = v.slice(country.trim().length + 1);
  return v || null;
}

/** Canonical postal code: upper case, no spaces or hyphens. */
export function normPostal(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.toUpperCase().replace(/[\s-]/g, '');
  return v || null;
}

/** How specifically `member` matches `dest`; -1 when it does not. */
export function memberScore(member: ZoneMember, dest: Destination): number {
  const country = normCountry(dest.country);
  if (normCountry(member.country) !== country) return -1;
  let score = 0;
  const region = normRegion(member.region, member.country);
  if (region) {
    if (normRegion(dest.region, country) !== region) return -1;
    score += 10;
  }
  const prefix = normPostal(member.postalPrefix);
  if (prefix) {
    const postal = normPostal(dest.postalCode);
    if (!postal || !postal.startsWith(prefix)) return -1;
    score += 100 + prefix.length;
  }
  return score;
}

/** The zone of `dest` among `zones` (most specific member wins; ties: lowest code), or null. */
export function matchZone<Z extends { code: string; members: readonly ZoneMember[] }>(zones: readonly Z[], dest: Destination): Z | null {
  let best: Z | null = null;
  let bestScore = -1;
  for (const zone of zones) {
    for (const member of zone.members) {
      const score = memberScore(member, dest);
      if (score > bestScore || (score === bestScore && score >= 0 && best && zone.code < best.code)) {
        best = zone;
        bestScore = score;
      }
    }
  }
  return best;
}
