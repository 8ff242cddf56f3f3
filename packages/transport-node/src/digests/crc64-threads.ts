import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { crc64KernelImage } from '@vodup/crc64-wasm'

/**
 * The program of a hashing thread (CommonJS, evaluated by the worker): it instantiates the CRC-64 kernel from the
 * image the main thread hands over, then answers `{ id, bytes }` with `{ id, crc }`. `bytes` views shared memory,
 * so nothing is copied between threads.
 */
const WORKER_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads')
const { module, tables, inputOffset, windowBytes, initialState } = workerData
const { exports } = new WebAssembly.Instance(module, {})
const heap = new Uint8Array(exports.memory.buffer)
heap.set(tables, 0)
parentPort.on('message', ({ id, bytes }) => {
  let state = initialState
  for (let offset = 0; offset < bytes.length; offset += windowBytes) {
    const length = Math.min(windowBytes, bytes.length - offset)
    heap.set(bytes.subarray(offset, offset + length), inputOffset)
    state = exports.update(state, length)
  }
  parentPort.postMessage({ id, crc: (~state & 0xffffffffffffffffn).toString() })
})
`

/** Parts smaller than this are hashed on the calling thread: handing them over would cost more than it saves. */
export const MIN_THREADED_BYTES = 1024 * 1024

/**
 * Hashing threads by default: one on a machine with more than 2 cores (that this process may use), none on 1 or
 * 2 (or when the process is pinned to as few), where a thread would only take turns with the event loop and the
 * rest of the machine. One is enough: it hashes about 2.4 GB/s, more than one event loop sends (bench/README.md),
 * and each thread costs about 10 MiB of memory.
 */
export function defaultHashThreads(cores = availableParallelism()): number {
  return cores > 2 ? 1 : 0
}

interface Pending {
  resolve(crc: string): void
  reject(error: Error): void
}

/**
 * Worker threads that compute parts' CRC-64, so that hashing does not take turns with the sockets on the event
 * loop. Started on first use, each with its own instance of the WebAssembly kernel; they do not keep the process
 * alive. Only bytes in shared memory (a `SharedArrayBuffer`, as the transport's read buffers are when threads are
 * on) are handed over, without a copy; {@link Crc64Threads.hash} answers undefined for anything else.
 */
export class Crc64Threads {
  private workers: Worker[] = []
  private readonly load: number[] = []
  private readonly pending = new Map<number, Pending>()
  private nextId = 0
  private failure: Error | undefined

  constructor(readonly size: number) {}

  /** The CRC-64 of `bytes` from a hashing thread, or undefined when they cannot go to one (see the class). */
  hash(bytes: Uint8Array): Promise<string> | undefined {
    if (
      this.size === 0 ||
      this.failure ||
      bytes.length < MIN_THREADED_BYTES ||
      !(bytes.buffer instanceof SharedArrayBuffer)
    ) {
      return undefined
    }
    if (this.workers.length === 0) this.start()
    const index = this.load.indexOf(Math.min(...this.load))
    const id = this.nextId++
    this.load[index]++
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (crc) => {
          this.load[index]--
          resolve(crc)
        },
        reject,
      })
      this.workers[index].postMessage({ id, bytes })
    })
  }

  private start() {
    const image = crc64KernelImage()
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(WORKER_PROGRAM, { eval: true, workerData: image })
      worker.unref()
      worker.on('message', ({ id, crc }: { id: number; crc: string }) => {
        const waiting = this.pending.get(id)
        this.pending.delete(id)
        waiting?.resolve(crc)
      })
      worker.on('error', (error) => this.fail(error))
      this.workers.push(worker)
      this.load.push(0)
    }
  }

  /**
   * A thread died (it should not): the hashes it held reject (callers hash those parts themselves), and later parts
   * are hashed on the calling thread.
   */
  private fail(error: Error) {
    this.failure = error
    for (const waiting of this.pending.values()) waiting.reject(error)
    this.pending.clear()
    void this.close()
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    const workers = this.workers
    this.workers = []
    this.load.length = 0
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}
