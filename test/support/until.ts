/**
 * Resolves once `condition()` holds, checking every few milliseconds; rejects after `timeoutMs`, saying what it
 * waited for (`what`, or what `what()` returns at that moment, e.g. the screen state).
 */
export async function until(
  condition: () => boolean,
  what: string | (() => unknown) = 'a condition',
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) {
      const waitedFor = typeof what === 'string' ? what : JSON.stringify(what())
      throw new Error(`Timed out waiting for ${waitedFor}.`)
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}
