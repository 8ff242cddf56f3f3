import { UploadError } from './errors'

/**
 * A cancellation signal that needs no AbortController (WeChat has none). Transports translate it into their
 * platform's abort: `RequestTask.abort()`, an `AbortSignal`, ...
 */
export interface CancelSignal {
  readonly aborted: boolean
  /** Why it was aborted: an {@link UploadError} with code `ABORTED` unless another reason was given. */
  readonly reason: UploadError | undefined
  /** Calls `listener` once when aborted (at once if already aborted). Returns a function that unsubscribes. */
  onAbort(listener: (reason: UploadError) => void): () => void
}

/** Owns a {@link CancelSignal}. */
export interface CancelController {
  readonly signal: CancelSignal
  abort(reason?: UploadError): void
}

/** Creates a controller; if `parent` is given, aborting the parent aborts this one too. */
export function createCancelController(parent?: CancelSignal): CancelController {
  let aborted = false
  let reason: UploadError | undefined
  let listeners: Array<(reason: UploadError) => void> = []
  const signal: CancelSignal = {
    get aborted() {
      return aborted
    },
    get reason() {
      return reason
    },
    onAbort(listener) {
      if (aborted) {
        listener(reason as UploadError)
        return () => {}
      }
      listeners.push(listener)
      return () => {
        listeners = listeners.filter((l) => l !== listener)
      }
    },
  }
  const abort = (why?: UploadError) => {
    if (aborted) return
    aborted = true
    reason = why ?? new UploadError('ABORTED', 'The operation was canceled.')
    const current = listeners
    listeners = []
    for (const listener of current) listener(reason)
  }
  parent?.onAbort((why) => abort(why))
  return { signal, abort }
}

/** A signal that never aborts. */
export const NEVER_CANCELED: CancelSignal = {
  aborted: false,
  reason: undefined,
  onAbort: () => () => {},
}

/** Rejects with the signal's reason as soon as it aborts; otherwise settles like `promise`. */
export function raceCancel<T>(promise: Promise<T>, signal: CancelSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const off = signal.onAbort(reject)
    promise.then(
      (value) => {
        off()
        resolve(value)
      },
      (error) => {
        off()
        reject(error)
      },
    )
  })
}

/** Waits `ms` milliseconds, or rejects when the signal aborts. */
export function sleep(ms: number, signal: CancelSignal = NEVER_CANCELED): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<void>((resolve, reject) => {
    const off = signal.onAbort((reason) => {
      clearTimeout(timer)
      reject(reason)
    })
    const timer = setTimeout(() => {
      off()
      resolve()
    }, ms)
  })
}
