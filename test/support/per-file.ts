import { afterAll, beforeAll } from 'vitest'

/**
 * Something the tests of a file share: `make` runs before the first test, `dispose` after the last. Call it at the
 * top of the file (or of a describe); the function it returns gives the thing inside tests and hooks.
 */
export function perFile<T>(
  what: string,
  make: () => Promise<T>,
  dispose: (value: T) => unknown,
): () => T {
  let value: { current: T } | undefined
  beforeAll(async () => {
    value = { current: await make() }
  })
  afterAll(async () => {
    if (value) await dispose(value.current)
  })
  return () => {
    if (!value) throw new Error(`${what} exists only while the tests run.`)
    return value.current
  }
}
