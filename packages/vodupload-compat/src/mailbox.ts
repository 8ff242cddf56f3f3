import { UploadError } from '@vodup/core'

/** An answer from the app: a value, or the error its input produced. */
export type Letter<T> = { value: T } | { error: UploadError }

interface Waiter<T> {
  fileId: string
  resolve(value: T): void
  reject(error: UploadError): void
}

function open<T>(letter: Letter<T>): Promise<T> {
  return 'error' in letter ? Promise.reject(letter.error) : Promise.resolve(letter.value)
}

/**
 * Per-file answers from an app that answers from callbacks, possibly before it was asked and possibly later.
 * An answer delivered before anyone asks is kept for the file's next `take`; a `take` with no answer waits for
 * one. An answer without a file goes to the file that has waited longest, or is kept for the next `take` of any
 * file (the legacy `resumeUploadWith*` calls name no file).
 */
export class Mailbox<T> {
  private readonly letters = new Map<string, Letter<T>>()
  private unaddressed: Letter<T> | undefined
  private waiters: Waiter<T>[] = []

  /** True while some `take` for the file waits. */
  isWaiting(fileId: string): boolean {
    return this.waiters.some((w) => w.fileId === fileId)
  }

  /** Delivers an answer for `fileId`, or for whichever file waits when `fileId` is undefined. */
  deliver(fileId: string | undefined, letter: Letter<T>): void {
    const index =
      fileId === undefined
        ? this.waiters.length > 0
          ? 0
          : -1
        : this.waiters.findIndex((w) => w.fileId === fileId)
    if (index >= 0) {
      const [waiter] = this.waiters.splice(index, 1)
      if ('error' in letter) waiter.reject(letter.error)
      else waiter.resolve(letter.value)
      return
    }
    if (fileId === undefined) this.unaddressed = letter
    else this.letters.set(fileId, letter)
  }

  /**
   * Takes the answer kept for the file (else one kept without a file). With none, waits for one; `onWait` runs
   * once the wait is registered, so an answer given synchronously inside it is received.
   */
  take(fileId: string, onWait?: () => void): Promise<T> {
    const kept = this.letters.get(fileId)
    if (kept) {
      this.letters.delete(fileId)
      return open(kept)
    }
    if (this.unaddressed) {
      const letter = this.unaddressed
      this.unaddressed = undefined
      return open(letter)
    }
    let waiter: Waiter<T> | undefined
    const answer = new Promise<T>((resolve, reject) => {
      waiter = { fileId, resolve, reject }
    })
    this.cancel(
      fileId,
      new UploadError('ABORTED', 'A newer request for credentials replaced this one.'),
    )
    this.waiters.push(waiter as Waiter<T>)
    onWait?.()
    return answer
  }

  /** Ends a wait for the file with `reason` (the file stopped, failed or was canceled); kept answers stay. */
  cancel(fileId: string, reason: UploadError): void {
    const waiting = this.waiters.filter((w) => w.fileId === fileId)
    if (waiting.length === 0) return
    this.waiters = this.waiters.filter((w) => w.fileId !== fileId)
    for (const waiter of waiting) waiter.reject(reason)
  }

  /**
   * Forgets everything about the file (its run ended or it left the list), and an answer kept without a file:
   * the legacy calls that name no file answer for the file uploading then, so once it ends that answer is stale.
   */
  forget(fileId: string, reason: UploadError): void {
    this.letters.delete(fileId)
    this.unaddressed = undefined
    this.cancel(fileId, reason)
  }
}
