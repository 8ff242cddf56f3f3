import { UploadError } from './errors'

// The hook engine: tapable's API (tap, tapAsync, tapPromise, call, callAsync, promise, intercept, before, stage)
// in one small loop per kind, without code generation (WeChat forbids `new Function`). It replaced a general
// library whose weight the mini-program file could not afford; what it keeps is what the kernel's hooks use.

/** How a tap is named and ordered: the plugin's name, or `{ name, before?, stage? }`. */
export type TapOptions =
  | string
  | {
      /** The tap's name: the plugin's name. */
      name: string
      /** Run before the taps of these names (those already tapped). */
      before?: string | string[]
      /** Lower stages run first; default 0. Prefer `before`. */
      stage?: number
    }

/** A registered tap, as interceptors see it. */
export interface FullTap {
  name: string
  type: 'sync' | 'async' | 'promise'
  // biome-ignore lint/suspicious/noExplicitAny: a tap of any hook, as tapable types it
  fn: (...args: any[]) => any
  before?: string | string[]
  stage?: number
}

/** Watches or rewrites a hook's taps and calls (tapable's interceptor). */
export interface HookInterceptor<R = unknown> {
  /** Rewrites each tap as it is registered (and those registered before). */
  register?: (tap: FullTap) => FullTap
  /** Sees the arguments of each call, before any tap runs. */
  // biome-ignore lint/suspicious/noExplicitAny: the arguments of any hook
  call?: (...args: any[]) => void
  /** Sees each tap as it is about to run. */
  tap?: (tap: FullTap) => void
  /** Sees a bail hook's result. */
  result?: (result: R) => void
  /** Sees what a tap threw. */
  error?: (error: unknown) => void
  /** Sees a call end without a bail and without an error. */
  done?: () => void
}

/** The callback of `tapAsync` taps and of `callAsync`. */
export type HookCallback<R> = (error?: unknown, result?: R) => void

// How a hook treats its taps' results: all run (series), the first defined result ends the call (bail), or
// each defined result becomes the next tap's first argument (waterfall).
const SERIES = 0
const BAIL = 1
const WATERFALL = 2

/** What every hook class shares: taps in order, interceptors, and the asynchronous calls. */
export abstract class Hook<T extends unknown[], R> {
  /** The taps, in the order they run. */
  readonly taps: FullTap[] = []
  readonly interceptors: HookInterceptor<R>[] = []
  /** How the hook treats its taps' results (series, bail or waterfall); set by each class. */
  protected abstract get kind(): number

  /** `args` names the arguments (documentation; a waterfall hook needs one); `name` names the hook. */
  constructor(
    readonly args: readonly string[] = [],
    readonly name?: string,
  ) {}

  /** Taps a function that returns its result. */
  tap(options: TapOptions, fn: (...args: T) => R): void {
    this.insert(options, 'sync', fn)
  }

  /** Taps a function that ends by calling the callback it receives last. */
  tapAsync(options: TapOptions, fn: (...args: [...T, HookCallback<R>]) => void): void {
    this.insert(options, 'async', fn)
  }

  /** Taps a function that returns a promise of its result. */
  tapPromise(options: TapOptions, fn: (...args: T) => Promise<R>): void {
    this.insert(options, 'promise', fn)
  }

  /** Adds an interceptor; its `register` rewrites the taps already there too. */
  intercept(interceptor: HookInterceptor<R>): void {
    this.interceptors.push(interceptor)
    const { register } = interceptor
    if (register) {
      this.taps.forEach((tap, i) => {
        this.taps[i] = register(tap)
      })
    }
  }

  /** True when a call would do anything: some tap or interceptor is there. */
  isUsed(): boolean {
    return this.taps.length + this.interceptors.length > 0
  }

  /** Runs the taps in order, waiting for each; resolves with the hook's result. */
  async promise(...args: T): Promise<R> {
    this.watch('call', ...args)
    for (const tap of this.taps) {
      this.watch('tap', tap)
      let result: unknown
      try {
        result = await (tap.type === 'async'
          ? new Promise((resolve, reject) =>
              tap.fn(...args, (error: unknown, value: unknown) =>
                error ? reject(error) : resolve(value),
              ),
            )
          : tap.fn(...args))
      } catch (error) {
        this.fail(error)
      }
      if (this.settles(args, result)) return result as R
    }
    return this.done(args)
  }

  /** {@link promise} with a Node-style callback. */
  callAsync(...argsAndCallback: [...T, HookCallback<R>]): void {
    const callback = argsAndCallback.pop() as HookCallback<R>
    this.promise(...(argsAndCallback as unknown as T)).then(
      (result) => callback(null, result),
      callback,
    )
  }

  protected fail(error: unknown): never {
    this.watch('error', error)
    throw error
  }

  // After a tap's result: a waterfall passes a defined one on; a bail ends the call with it (true).
  protected settles(args: unknown[], result: unknown): boolean {
    if (result === undefined) return false
    if (this.kind === WATERFALL) args[0] = result
    if (this.kind !== BAIL) return false
    this.watch('result', result)
    return true
  }

  protected done(args: unknown[]): R {
    this.watch('done')
    return (this.kind === WATERFALL ? args[0] : undefined) as R
  }

  protected watch(event: Exclude<keyof HookInterceptor, 'register'>, ...args: unknown[]): void {
    for (const interceptor of this.interceptors) {
      ;(interceptor[event] as ((...a: unknown[]) => void) | undefined)?.(...args)
    }
  }

  private insert(options: TapOptions, type: FullTap['type'], fn: FullTap['fn']): void {
    const tap = typeof options === 'string' ? { name: options.trim() } : options
    if (typeof tap !== 'object' || tap === null || typeof tap.name !== 'string' || !tap.name) {
      throw new UploadError(
        'INVALID_ARGUMENT',
        'A tap needs a name: tap("my-plugin", fn) or tap({ name, before }, fn).',
        { field: 'tap' },
      )
    }
    this.checkType(type)
    let full: FullTap = { ...tap, type, fn }
    for (const { register } of this.interceptors) if (register) full = register(full)
    // After the taps of a lower or the same stage, but before every tap `before` names.
    const before = new Set(typeof full.before === 'string' ? [full.before] : (full.before ?? []))
    const stage = full.stage ?? 0
    let i = this.taps.length
    while (i > 0) {
      const previous = this.taps[i - 1]
      if (before.delete(previous.name) || before.size > 0 || (previous.stage ?? 0) > stage) i--
      else break
    }
    this.taps.splice(i, 0, full)
  }

  protected checkType(_type: FullTap['type']): void {}
}

/** A hook whose taps all run synchronously: `call` returns what the hook's kind makes of their results. */
export abstract class SyncHookBase<T extends unknown[], R> extends Hook<T, R> {
  /** Runs the taps in order and returns the hook's result. */
  call(...args: T): R {
    this.watch('call', ...args)
    for (const tap of this.taps) {
      this.watch('tap', tap)
      let result: unknown
      try {
        result = tap.fn(...args)
      } catch (error) {
        this.fail(error)
      }
      if (this.settles(args, result)) return result as R
    }
    return this.done(args)
  }

  protected override checkType(type: FullTap['type']): void {
    if (type !== 'sync') {
      throw new UploadError('INVALID_ARGUMENT', `A synchronous hook takes tap(), not ${type}.`, {
        field: 'tap',
      })
    }
  }
}

/** Runs every tap in order (notifications). */
export class SyncHook<T extends unknown[], R = void> extends SyncHookBase<T, R> {
  protected get kind(): number {
    return SERIES
  }
}

/** Runs taps in order until one returns something other than `undefined`, which `call` returns. */
export class SyncBailHook<T extends unknown[], R> extends SyncHookBase<T, R> {
  protected get kind(): number {
    return BAIL
  }
}

/** Each tap receives the previous tap's result (when defined) as its first argument; `call` returns the last. */
export class SyncWaterfallHook<T extends unknown[], R = T[0]> extends SyncHookBase<T, R> {
  protected get kind(): number {
    return WATERFALL
  }
}

/** Runs every tap in order, each after the previous one's promise settled. */
export class AsyncSeriesHook<T extends unknown[]> extends Hook<T, void> {
  protected get kind(): number {
    return SERIES
  }
}

/** Runs taps in order until one resolves to something other than `undefined`, which `promise` resolves to. */
export class AsyncSeriesBailHook<T extends unknown[], R> extends Hook<T, R> {
  protected get kind(): number {
    return BAIL
  }
}

/** An asynchronous {@link SyncWaterfallHook}: each tap may change the first argument. */
export class AsyncSeriesWaterfallHook<T extends unknown[], R = T[0]> extends Hook<T, R> {
  protected get kind(): number {
    return WATERFALL
  }
}
