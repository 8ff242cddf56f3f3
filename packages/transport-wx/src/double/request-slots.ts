/**
 * WeChat's shared budget of concurrent network tasks (10 for request, uploadFile and downloadFile together).
 * Tasks beyond it wait in a queue; none is rejected.
 */
export class RequestSlots {
  /** Tasks of the code under test running now. */
  inFlight = 0
  /** The most tasks of the code under test that ever ran at once. */
  peakInFlight = 0
  private occupied = 0
  private readonly queue: Array<() => void> = []

  constructor(readonly limit: number) {}

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.queue.length
  }

  /** Runs `start` once a slot is free; returns a function that takes a still-queued task out of the queue. */
  acquire(start: () => void): () => void {
    if (this.inFlight + this.occupied < this.limit) {
      this.take()
      start()
      return () => {}
    }
    this.queue.push(start)
    return () => {
      const index = this.queue.indexOf(start)
      if (index >= 0) this.queue.splice(index, 1)
    }
  }

  release(): void {
    this.inFlight--
    this.drain()
  }

  /** Holds `count` slots as if other code of the app had requests running; returns a function that frees them. */
  occupy(count: number): () => void {
    this.occupied += count
    let freed = false
    return () => {
      if (freed) return
      freed = true
      this.occupied -= count
      this.drain()
    }
  }

  private take(): void {
    this.inFlight++
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight)
  }

  private drain(): void {
    while (this.queue.length > 0 && this.inFlight + this.occupied < this.limit) {
      const start = this.queue.shift()!
      this.take()
      start()
    }
  }
}
