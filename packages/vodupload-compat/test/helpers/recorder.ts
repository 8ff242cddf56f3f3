import type { UploadInfo, VodCallbacks } from '@vodup/callback-compat'

/** One callback call, with the uploadInfo's state and progress at that moment. */
export interface CallbackCall {
  name: string
  args: unknown[]
  state: string
  loaded: number
}

const NAMES = [
  'addFileSuccess',
  'onUploadstarted',
  'onUploadSucceed',
  'onUploadFailed',
  'onUploadProgress',
  'onUploadTokenExpired',
  'onUploadCanceled',
  'onUploadEnd',
] as const

/**
 * VODUpload callbacks that record each call, then run the app's own handler (`app.onUploadstarted` answers with
 * credentials, like an app would).
 */
export function recordCallbacks(app: Partial<VodCallbacks> = {}) {
  const calls: CallbackCall[] = []
  const callbacks: Record<string, (...args: unknown[]) => void> = {}
  for (const name of NAMES) {
    callbacks[name] = (...args: unknown[]) => {
      const info = args[0] as UploadInfo | undefined
      calls.push({ name, args, state: info?.state ?? '-', loaded: info?.loaded ?? -1 })
      ;(app[name] as ((...a: unknown[]) => void) | undefined)?.(...args)
    }
  }
  return { calls, callbacks: callbacks as VodCallbacks }
}

/** The call names, with runs of progress calls folded into one `onUploadProgress*`. */
export function sequence(calls: CallbackCall[]): string[] {
  const names: string[] = []
  for (const call of calls) {
    const name = call.name === 'onUploadProgress' ? 'onUploadProgress*' : call.name
    if (name !== 'onUploadProgress*' || names.at(-1) !== name) names.push(name)
  }
  return names
}

/** Resolves when `condition` holds (polling every few ms); rejects after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('Timed out waiting for a condition.')
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}
