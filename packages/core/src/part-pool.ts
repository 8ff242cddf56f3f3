import type { UploadSession } from './upload-session'

/**
 * Runs `work` over `items` with at most the uploader's `concurrency` at once. After the first failure no new item
 * starts; the items in flight finish (and are kept), then the failure is thrown.
 */
export async function runPool<T>(
  session: UploadSession,
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  const { signal } = session
  let next = 0
  let failure: unknown
  let failed = false
  const worker = async () => {
    while (!failed && !signal.aborted && next < items.length) {
      const item = items[next++]
      try {
        await work(item)
      } catch (error) {
        if (!failed) {
          failed = true
          failure = error
        }
      }
    }
  }
  const workers = Math.min(session.host.options.concurrency, items.length)
  await Promise.all(Array.from({ length: workers }, worker))
  if (signal.aborted) throw signal.reason
  if (failed) throw failure
}
