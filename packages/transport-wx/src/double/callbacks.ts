/**
 * The `success` / `fail` / `complete` trio of a WeChat API option. `complete` gets the success result or the
 * failure (the typings disagree between APIs on its parameter type, hence `never`).
 */
export interface CallbackOption<S, F> {
  success?: (result: S) => void
  fail?: (error: F) => void
  complete?: (result: never) => void
}

/** What an API call produced: a success result or a failure object. */
export type Outcome<S, F> = { ok: true; value: S } | { ok: false; error: F }

/** Runs `fn` on a later turn of the event loop: WeChat never calls back synchronously. */
export function later(fn: () => void): void {
  setTimeout(fn, 0)
}

/** Delivers an outcome asynchronously: `success` or `fail`, then `complete`. */
export function deliver<S, F>(
  option: CallbackOption<S, F> | undefined,
  outcome: Outcome<S, F>,
): void {
  later(() => {
    if (outcome.ok) option?.success?.(outcome.value)
    else option?.fail?.(outcome.error)
    option?.complete?.((outcome.ok ? outcome.value : outcome.error) as never)
  })
}

/**
 * For APIs that WeChat promisifies: with a `success`, `fail` or `complete` callback the outcome goes there and the
 * call returns nothing; without any, the call returns a promise of the outcome.
 */
export function deliverOrPromise<S, F>(
  option: CallbackOption<S, F> | undefined,
  outcome: Outcome<S, F>,
): Promise<S> | undefined {
  if (option && (option.success || option.fail || option.complete)) {
    deliver(option, outcome)
    return undefined
  }
  return new Promise<S>((resolve, reject) => {
    later(() => (outcome.ok ? resolve(outcome.value) : reject(outcome.error)))
  })
}

/** The error a `*Sync` API throws: an Error whose message is the errMsg, with the errMsg and code attached. */
export class WxSyncError extends Error {
  constructor(
    readonly errMsg: string,
    readonly errCode?: number,
  ) {
    super(errMsg)
    this.name = 'Error'
  }
}
