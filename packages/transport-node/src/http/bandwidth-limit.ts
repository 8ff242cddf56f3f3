/**
 * A cap on the upload bandwidth of every request of a transport together. Each body slice asks for its turn
 * before it is written; turns follow one another at the capped rate, so parallel parts share it instead of each
 * getting it. Time is virtual: a slice written late (the socket was slow) does not earn a burst afterwards.
 */
export class BandwidthLimit {
  /** When the bytes granted so far will have gone out at the capped rate (ms, `performance.now()`). */
  private due = 0

  constructor(readonly bytesPerSecond: number) {}

  /** Milliseconds `bytes` take at the capped rate. */
  durationMs(bytes: number): number {
    return (bytes * 1000) / this.bytesPerSecond
  }

  /**
   * Slice size for bodies under this cap: about 1/20 s of the rate (at least 16 KiB), so progress stays smooth and
   * requests share the rate fairly.
   */
  sliceBytes(largest: number): number {
    return Math.max(16 * 1024, Math.min(largest, Math.floor(this.bytesPerSecond / 20)))
  }

  /** Resolves when `bytes` more may be written. */
  async take(bytes: number): Promise<void> {
    const now = performance.now()
    const start = Math.max(this.due, now)
    this.due = start + this.durationMs(bytes)
    if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now))
  }
}
