import { vi } from 'vitest'
import type { SecretWatch } from './secrets'

interface InterceptableHook {
  intercept(interceptor: { call?: (...args: unknown[]) => void }): void
}

/** Where each hook carries an error. */
const ERROR_OF: Record<string, (args: unknown[]) => unknown> = {
  retry: (args) => (args[0] as { error?: unknown } | undefined)?.error,
  tokenExpired: (args) => args[1],
  fileFailed: (args) => args[1],
  warning: (args) => args[0],
}

/** An error's code, for errors of any realm. */
export function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? code : undefined
}

/**
 * Records every hook call of an uploader (of this realm or of a mini-program `vm` context) as an artefact, and
 * reports the errors the hooks carry: retried failures, expiries, warnings and final failures.
 */
export function observeHooks(
  hooks: object,
  watch: SecretWatch,
  label: string,
  onError: (hook: string, error: unknown) => void = () => {},
): void {
  for (const [name, hook] of Object.entries(hooks)) {
    ;(hook as InterceptableHook).intercept({
      call: (...args: unknown[]) => {
        watch.record(`${label} hook ${name}`, args)
        const error = ERROR_OF[name]?.(args)
        if (error) onError(name, error)
      },
    })
  }
}

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const

/** Records (and silences) console output until the returned function is called. */
export function captureConsole(watch: SecretWatch): () => void {
  const spies = METHODS.map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      watch.record(`console.${method}`, args)
    }),
  )
  return () => {
    for (const spy of spies) spy.mockRestore()
  }
}
