import { CALLBACK_NAMES, type UploadInfo, type VodCallbacks } from '@vodup/callback-compat'
import { until } from './until'

/** One VODUpload callback call, with the uploadInfo's state and progress at that moment. */
export interface CallbackCall {
  name: string
  args: unknown[]
  state: string
  loaded: number
}

/**
 * VODUpload callbacks that record each call, then run the app's own handler (`app.onUploadstarted` answers with
 * credentials, as an app does).
 */
export function recordCallbacks(app: Partial<VodCallbacks> = {}) {
  const calls: CallbackCall[] = []
  const callbacks: Record<string, (...args: unknown[]) => void> = {}
  for (const name of CALLBACK_NAMES) {
    callbacks[name] = (...args: unknown[]) => {
      const info = args[0] as UploadInfo | undefined
      calls.push({ name, args, state: info?.state ?? '-', loaded: info?.loaded ?? -1 })
      ;(app[name] as ((...a: unknown[]) => void) | undefined)?.(...args)
    }
  }
  return { calls, callbacks: callbacks as VodCallbacks }
}

/** The call names, with each run of progress calls folded into one `onUploadProgress*`. */
export function callbackSequence(calls: readonly CallbackCall[]): string[] {
  const names: string[] = []
  for (const call of calls) {
    const name = call.name === 'onUploadProgress' ? 'onUploadProgress*' : call.name
    if (name !== 'onUploadProgress*' || names.at(-1) !== name) names.push(name)
  }
  return names
}

/** Resolves once `calls` holds a call of the callback `name`. */
export function untilCalled(
  calls: readonly CallbackCall[],
  name: keyof VodCallbacks,
): Promise<void> {
  return until(() => calls.some((call) => call.name === name), `a call of ${name}`)
}
