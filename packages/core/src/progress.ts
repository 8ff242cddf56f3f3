import type { ProgressSnapshot } from './file-task'

/**
 * Progress of one file. `acknowledged` parts count fully; parts in flight count by the bytes the transport
 * reports sent. The reported value never decreases (a failed part's bytes are not taken back), and stays below
 * `total` until {@link ProgressTracker.complete}.
 */
export class ProgressTracker {
  private acknowledged = 0
  private readonly inFlight = new Map<number, number>()
  private reported = 0
  private completed = false
  private speed = 0
  private lastSampleTime: number | undefined
  private lastSampleBytes = 0
  private lastEmit = Number.NEGATIVE_INFINITY

  constructor(
    readonly fileId: string,
    readonly total: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Bytes already on the server when the upload resumed. */
  resumed(bytes: number): void {
    this.acknowledged += bytes
    this.update()
  }

  /** Byte-level progress of a part in flight. */
  sending(partNumber: number, sentBytes: number): void {
    this.inFlight.set(partNumber, sentBytes)
    this.update()
  }

  /** A part was acknowledged. */
  acknowledge(partNumber: number, size: number): void {
    this.inFlight.delete(partNumber)
    this.acknowledged += size
    this.update()
  }

  /** A part attempt failed: its bytes in flight no longer count (the reported value does not go back). */
  discard(partNumber: number): void {
    this.inFlight.delete(partNumber)
  }

  /** The upload starts over (a stale upload id): nothing counts as sent, but the reported value stays. */
  restart(): void {
    this.inFlight.clear()
    this.acknowledged = 0
  }

  /** The target confirmed the object. */
  complete(): void {
    this.inFlight.clear()
    this.acknowledged = this.total
    this.completed = true
    this.update()
  }

  get loaded(): number {
    return this.reported
  }

  /** True when a byte-level event is due (at most one per `intervalMs`); part events are always due. */
  due(intervalMs: number): boolean {
    const now = this.now()
    if (now - this.lastEmit < intervalMs) return false
    this.lastEmit = now
    return true
  }

  /** Marks an event as emitted now. */
  emitted(): void {
    this.lastEmit = this.now()
  }

  snapshot(): ProgressSnapshot {
    const percent =
      this.total === 0 ? (this.completed ? 100 : 0) : (this.reported / this.total) * 100
    const remaining = this.total - this.reported
    return {
      fileId: this.fileId,
      loaded: this.reported,
      total: this.total,
      percent,
      speed: this.speed,
      etaSeconds: this.completed ? 0 : this.speed > 0 ? remaining / this.speed : undefined,
    }
  }

  private update(): void {
    let current = this.acknowledged
    for (const bytes of this.inFlight.values()) current += bytes
    const ceiling = this.completed ? this.total : Math.max(0, this.total - 1)
    const next = Math.min(Math.max(this.reported, current), ceiling)
    this.measure(next)
    this.reported = next
  }

  private measure(bytes: number): void {
    const now = this.now()
    if (this.lastSampleTime === undefined) {
      this.lastSampleTime = now
      this.lastSampleBytes = bytes
      return
    }
    const elapsed = now - this.lastSampleTime
    if (elapsed < 100) return
    const rate = ((bytes - this.lastSampleBytes) * 1000) / elapsed
    this.speed = this.speed === 0 ? rate : this.speed * 0.7 + rate * 0.3
    this.lastSampleTime = now
    this.lastSampleBytes = bytes
  }
}
