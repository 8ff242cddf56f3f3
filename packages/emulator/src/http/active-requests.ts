import type { ServerResponse } from 'node:http'

/**
 * The requests the emulator is serving, counted from their arrival to the close of their answer. A client that
 * gives up on a request (an aborted upload) may leave the server still reading its body and acting on it; tests
 * wait for {@link ActiveRequests.idle} before they look at what the server did.
 */
export class ActiveRequests {
  private count = 0
  private waiters: Array<() => void> = []

  /** Counts `res` until it closes. */
  track(res: ServerResponse): void {
    this.count++
    res.once('close', () => {
      this.count--
      if (this.count > 0) return
      const waiters = this.waiters
      this.waiters = []
      for (const wake of waiters) wake()
    })
  }

  /** Resolves once no request is being served: at once when none is. */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push(resolve))
  }
}
