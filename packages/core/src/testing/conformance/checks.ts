import { isUploadError, type UploadError, type UploadErrorCode } from '../../errors'

/** A broken promise of the transport contract: the message says what was expected and what happened. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure'
}

/** Fails the running case with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceFailure(message)
}

/** Fails unless `actual` holds exactly the bytes of `expected`. */
export function checkBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  check(actual instanceof Uint8Array, `${what}: expected a Uint8Array, got ${describe(actual)}.`)
  check(
    actual.length === expected.length,
    `${what}: expected ${expected.length} bytes, got ${actual.length}.`,
  )
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) {
      throw new ConformanceFailure(
        `${what}: byte ${i} is ${actual[i]}, expected ${expected[i]} (the bytes differ).`,
      )
    }
  }
}

/** A short description of a value for failure messages. */
export function describe(value: unknown): string {
  if (isUploadError(value)) return `UploadError ${value.code}: ${value.message}`
  if (value instanceof Error) return `${value.name}: ${value.message}`
  if (value instanceof Uint8Array) return `${value.length} bytes`
  try {
    const text = JSON.stringify(value)
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text
  } catch {
    return String(value)
  }
}

/**
 * Runs `action` (a call that must return a promise and reject) and returns the `UploadError` it rejected with;
 * fails when it resolved, threw synchronously, or rejected with anything else or another code.
 */
export async function rejection(
  action: () => Promise<unknown>,
  code: UploadErrorCode,
  what: string,
): Promise<UploadError> {
  let pending: Promise<unknown>
  try {
    pending = action()
  } catch (error) {
    throw new ConformanceFailure(
      `${what}: expected a rejected promise, but the call threw synchronously (${describe(error)}).`,
    )
  }
  check(
    typeof (pending as { then?: unknown } | undefined)?.then === 'function',
    `${what}: expected a promise.`,
  )
  let outcome: unknown
  try {
    outcome = await pending
  } catch (error) {
    check(isUploadError(error), `${what}: expected an UploadError ${code}, got ${describe(error)}.`)
    check(error.code === code, `${what}: expected code ${code}, got ${describe(error)}.`)
    return error
  }
  throw new ConformanceFailure(
    `${what}: expected ${code}, but it resolved with ${describe(outcome)}.`,
  )
}

/** Like {@link rejection} for a call that must throw synchronously. */
export function thrown(action: () => unknown, code: UploadErrorCode, what: string): UploadError {
  let outcome: unknown
  try {
    outcome = action()
  } catch (error) {
    check(isUploadError(error), `${what}: expected an UploadError ${code}, got ${describe(error)}.`)
    check(error.code === code, `${what}: expected code ${code}, got ${describe(error)}.`)
    return error
  }
  throw new ConformanceFailure(`${what}: expected ${code}, but it returned ${describe(outcome)}.`)
}
