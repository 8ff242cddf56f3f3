import type { CancelSignal } from '@vodup/core'

interface Waiter {
  start(): void
  cancel(): void
}

/**
 * Caps the transport's requests in flight (WeChat allows 10 for the whole app) and holds new ones while the app
 * is in the background, where WeChat would fail them.
 */
export class RequestLimiter {
  private running = 0
  private paused = false
  private readonly waiting: Waiter[] = []

  constructor(private readonly limit: number) {}

  /** Requests started and not finished. */
  get inFlight(): number {
    return this.running
  }

  pause(): void {
    this.paused = true
  }

  resume(): void {
    this.paused = false
    this.drain()
  }

  /** Runs `task` when a slot is free; rejects with the signal's reason if it aborts while waiting. */
  run<T>(signal: CancelSignal | undefined, task: () => Promise<T>): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<T>((resolve, reject) => {
      let off: () => void = () => {}
      const waiter: Waiter = {
        start: () => {
          off()
          this.running++
          let settled: Promise<T>
          try {
            settled = task()
          } catch (error) {
            settled = Promise.reject(error)
          }
          settled.then(
            (value) => {
              this.finish()
              resolve(value)
            },
            (error) => {
              this.finish()
              reject(error)
            },
          )
        },
        cancel: () => {
          const index = this.waiting.indexOf(waiter)
          if (index >= 0) this.waiting.splice(index, 1)
        },
      }
      if (signal) {
        off = signal.onAbort((reason) => {
          waiter.cancel()
          reject(reason)
        })
      }
      this.waiting.push(waiter)
      this.drain()
    })
  }

  private finish(): void {
    this.running--
    this.drain()
  }

  private drain(): void {
    while (!this.paused && this.running < this.limit && this.waiting.length > 0) {
      this.waiting.shift()!.start()
    }
  }
}
