/** Reads smaller than this get their own memory: pooling them saves nothing. */
const POOLED_MIN_BYTES = 64 * 1024

/**
 * Read buffers reused across parts, so memory stays at about concurrency × partSize however large the file.
 * A buffer is lent by {@link BufferPool.lend} and comes back only through {@link BufferPool.giveBack}, which the
 * file source calls when the kernel releases the chunk (the request that sent it settled); a chunk never released
 * is left to the garbage collector. So a buffer is never overwritten while a request may still send it.
 */
export class BufferPool {
  private readonly idle: Uint8Array[] = []
  private readonly lent = new WeakSet<ArrayBufferLike>()

  /**
   * @param maxIdle most idle buffers kept
   * @param shared allocate in shared memory (`SharedArrayBuffer`), so hashing threads can read the bytes uncopied
   */
  constructor(
    private readonly maxIdle: number,
    private readonly shared = false,
  ) {}

  private allocate(size: number): Uint8Array {
    return new Uint8Array(this.shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size))
  }

  /** `size` bytes of memory, reused when an idle buffer fits (at most twice the size, to waste little). */
  lend(size: number): Uint8Array {
    if (size < POOLED_MIN_BYTES) return new Uint8Array(size)
    const index = this.idle.findIndex((b) => b.length >= size && b.length <= size * 2)
    const whole = index === -1 ? this.allocate(size) : this.idle.splice(index, 1)[0]
    this.lent.add(whole.buffer)
    return whole.subarray(0, size)
  }

  /** Takes back the buffer under `bytes` if it was lent from this pool and is not back yet. */
  giveBack(bytes: Uint8Array): void {
    const memory = bytes.buffer
    if (!this.lent.has(memory)) return
    this.lent.delete(memory)
    if (this.idle.length < this.maxIdle) this.idle.push(new Uint8Array(memory))
  }

  /** Idle buffers, for tests. */
  get idleCount(): number {
    return this.idle.length
  }
}
