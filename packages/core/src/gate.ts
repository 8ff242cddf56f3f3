import { type CancelSignal, raceCancel } from './cancel'

/**
 * Holds new work back while any reason to pause stands: credentials being refreshed, the app in the
 * background, the network gone.
 */
export class Gate {
  private readonly reasons = new Set<string>()
  private waiters: Array<() => void> = []

  get isOpen(): boolean {
    return this.reasons.size === 0
  }

  close(reason: string): void {
    this.reasons.add(reason)
  }

  open(reason: string): void {
    this.reasons.delete(reason)
    if (this.reasons.size > 0) return
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }

  /** Resolves when no reason to pause stands; rejects when `signal` aborts first. */
  whenOpen(signal: CancelSignal): Promise<void> {
    if (this.isOpen) return signal.aborted ? Promise.reject(signal.reason) : Promise.resolve()
    return raceCancel(new Promise<void>((resolve) => this.waiters.push(resolve)), signal)
  }
}
