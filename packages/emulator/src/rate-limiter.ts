/** A shared link of fixed speed: tells each chunk how long to wait so the total stays under the rate. */
export class RateLimiter {
  private nextFree = 0

  constructor(readonly bytesPerSecond: number) {}

  /** Milliseconds to wait before `bytes` more bytes may pass. */
  delayFor(bytes: number): number {
    const now = performance.now()
    const start = Math.max(now, this.nextFree)
    this.nextFree = start + (bytes / this.bytesPerSecond) * 1000
    return Math.max(0, start - now)
  }
}
