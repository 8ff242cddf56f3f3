/**
 * Resolves once `condition()` holds, checking every few milliseconds; rejects after `timeoutMs`, saying what it
 * waited for (`what`, or what `what()` returns at that moment, e.g. the screen state). The default deadline is only
 * a guard that names what never happened: it sits under the test timeout (60 s) and far above what any wait takes
 * on a loaded 2-core machine, so a slow run waits instead of failing.
 */
export async function until(
  condition: () => boolean,
  what: string | (() => unknown) = 'a condition',
  timeoutMs = 50_000,
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
