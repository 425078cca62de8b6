/** One order-ahead pickup slot (epoch ms). */
export interface SlotWindow {
  start: number;
  end: number;
}

/**
 * The slots inside opening spans: aligned to `slotMinutes` from each span's start, whole slots
 * only, starting no earlier than `earliest` (now plus the preparation lead time).
 */
export function slotsWithin(spans: readonly { start: number; end: number }[], slotMinutes: number, earliest: number): SlotWindow[] {
  const size = slotMinutes * 60_000;
  const out: SlotWindow[] = [];
  for (const span of spans) {
    for (let start = span.start; start + size <= span.end; start += size) {
      if (start >= earliest) out.push({ start, end: start + size });
    }
  }
  return out;
}
