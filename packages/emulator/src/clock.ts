/** The emulator's notion of "now": real time plus an adjustable skew (a fault). */
export class Clock {
  private skewMs = 0

  /** Server time in epoch milliseconds. */
  now(): number {
    return Date.now() + this.skewMs
  }

  /** Server time as a Date. */
  date(): Date {
    return new Date(this.now())
  }

  /** Sets how far the server clock runs ahead of (positive) or behind (negative) real time. */
  setSkew(ms: number): void {
    this.skewMs = ms
  }

  /** The current skew in milliseconds. */
  skew(): number {
    return this.skewMs
  }
}
