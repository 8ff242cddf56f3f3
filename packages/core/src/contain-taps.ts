import { isUploadError, UploadError } from './errors'
import type { FileTask } from './file-task'

/**
 * What a hook does with a tap that throws (or rejects):
 *
 * - `report`: a notification hook. The failure is reported (`warning` and `log`) and the other taps still run:
 *   a broken observer never breaks an upload.
 * - `skip`: a decision hook where "no answer" is an answer (`shouldRetry`). Reported like `report`, and the tap
 *   counts as having said nothing.
 * - `throw`: a decision hook. An `UploadError` thrown is the tap's decision (refuse a file, fail an
 *   authorization) and propagates unchanged; anything else is a bug in the tap and propagates as an `INTERNAL`
 *   error naming the hook and the tap.
 */
export type TapFailurePolicy = 'report' | 'skip' | 'throw'

/** A tap that threw, as a hook reports it. */
export interface TapFailure {
  /** The hook's name, e.g. `progress`. */
  readonly hook: string
  /** The tap's name (the plugin's name). */
  readonly tap: string
  /** What the tap threw, as an `UploadError` (`INTERNAL` unless the tap threw an `UploadError`). */
  readonly error: UploadError
  /** The file the hook was called for, if any. */
  readonly file: FileTask | undefined
}

/** Receives the failures of `report` and `skip` hooks. */
export type TapFailureReporter = (failure: TapFailure) => void

/** A hook, as containment takes it (any hook class exported by `@vodup/core`). */
export interface ContainableHook {
  intercept(interceptor: { register?: (tap: RegisteredTap) => RegisteredTap }): void
}

/** A tap as a hook's interceptor sees it when it is registered (containment wraps its `fn`). */
export interface RegisteredTap {
  name: string
  type: 'sync' | 'async' | 'promise'
  fn: (...args: never[]) => unknown
}

type AnyFn = (...args: unknown[]) => unknown
type Callback = (error?: unknown, result?: unknown) => void

/** Describes a thrown value for a message, without assuming it is an `Error`. */
function describe(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message
  if (
    typeof thrown === 'object' &&
    thrown !== null &&
    typeof (thrown as Error).message === 'string'
  )
    return (thrown as Error).message
  return String(thrown)
}

/** The error a tap's throw becomes: an `UploadError` as it is, anything else `INTERNAL` naming hook and tap. */
export function tapError(hook: string, tap: string, thrown: unknown): UploadError {
  if (isUploadError(thrown)) return thrown
  return new UploadError('INTERNAL', `The "${tap}" tap of ${hook} threw: ${describe(thrown)}`, {
    cause: thrown,
  })
}

/** The file among a hook's arguments: a file argument, or the `file` of a state object. */
function fileIn(args: readonly unknown[], isFile: (value: unknown) => value is FileTask) {
  for (const arg of args) {
    if (isFile(arg)) return arg
    const inner = (arg as { file?: unknown } | null)?.file
    if (typeof arg === 'object' && arg !== null && isFile(inner)) return inner
  }
  return undefined
}

/**
 * Makes `hook` contain its own taps by `policy`, now and for every tap registered later. Returns the hook.
 * `isFile` recognizes the file argument, so that a reported failure names the file.
 */
export function containTaps<H extends ContainableHook>(
  hook: H,
  hookName: string,
  policy: TapFailurePolicy,
  report: TapFailureReporter,
  isFile: (value: unknown) => value is FileTask = (_value): _value is FileTask => false,
): H {
  const fail = (tap: string, thrown: unknown, args: readonly unknown[]): undefined => {
    const error = tapError(hookName, tap, thrown)
    if (policy === 'throw') throw error
    report({ hook: hookName, tap, error, file: fileIn(args, isFile) })
    return undefined
  }
  hook.intercept({
    register(tap) {
      const fn = tap.fn as AnyFn
      if (tap.type === 'promise') {
        const wrapped: AnyFn = (...args) => {
          let result: unknown
          try {
            result = fn(...args)
          } catch (thrown) {
            result = Promise.reject(thrown)
          }
          return Promise.resolve(result).then(undefined, (thrown) => fail(tap.name, thrown, args))
        }
        return { ...tap, fn: wrapped }
      }
      if (tap.type === 'async') {
        const wrapped: AnyFn = (...argsWithCallback) => {
          const args = argsWithCallback.slice(0, -1)
          const callback = argsWithCallback[argsWithCallback.length - 1] as Callback
          let settled = false
          const done: Callback = (thrown, result) => {
            if (settled) return
            settled = true
            if (!thrown) return callback(null, result)
            let outcome: UploadError | undefined
            try {
              fail(tap.name, thrown, args)
            } catch (error) {
              outcome = error as UploadError
            }
            callback(outcome ?? null)
          }
          try {
            fn(...args, done)
          } catch (thrown) {
            done(thrown)
          }
        }
        return { ...tap, fn: wrapped }
      }
      const wrapped: AnyFn = (...args) => {
        try {
          return fn(...args)
        } catch (thrown) {
          return fail(tap.name, thrown, args)
        }
      }
      return { ...tap, fn: wrapped }
    },
  })
  return hook
}
