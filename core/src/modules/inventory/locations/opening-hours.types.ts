/** Days of the week, as opening hours name them (ISO order: Monday first). */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A day of the week. */
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A local opening interval, "HH:MM" wall-clock times in the location's time zone. `closes`
 * at or before `opens` runs past midnight into the next day ("20:00"–"02:00"); "24:00" is
 * accepted as a closing time and means midnight.
 */
export interface TimeInterval {
  opens: string;
  closes: string;
}

/** The intervals a location is open on one day of a normal week (none: closed that day). */
export interface WeekdayHours {
  day: Weekday;
  intervals: TimeInterval[];
}

/** A date whose hours replace the weekly ones: closed (no intervals, e.g. a holiday) or special hours. */
export interface OpeningException {
  /** A local date, `YYYY-MM-DD`. */
  date: string;
  /** Empty: closed all day. */
  intervals: TimeInterval[];
  /** Why, for staff and shoppers ("Christmas Day"). */
  note: string | null;
}

/** A location's opening hours: a weekly pattern and dated exceptions. */
export interface OpeningHours {
  weekly: WeekdayHours[];
  exceptions: OpeningException[];
}

/** Whether a location is open at an instant, and when that changes. */
export interface OpeningState {
  openNow: boolean;
  /** When the current opening ends (null when closed, or open around the clock). */
  closesAt: Date | null;
  /** The next time it opens after now (after `closesAt` when open); null when never within the look-ahead. */
  nextOpensAt: Date | null;
}
