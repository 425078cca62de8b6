/** A clock tests move by hand instead of sleeping. */
export class TestClock {
  private current: number;

  constructor(start: Date | string = '2030-01-01T00:10:00.000Z') {
    this.current = new Date(start).getTime();
  }

  /** The clock function to pass as `now`. */
  readonly now = (): Date => new Date(this.current);

  /** Moves the clock forward by `ms`. */
  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }

  /** Sets the clock to `at`. */
  set(at: Date | string): Date {
    this.current = new Date(at).getTime();
    return this.now();
  }
}
