import { check } from './checks'
import { ConformanceContext } from './context'
import { digestCases } from './digest-cases'
import { fileCases } from './file-cases'
import { formCases } from './form-cases'
import { requestCases } from './request-cases'
import { storeCases } from './store-cases'
import type { ConformanceCase, TransportConformanceOptions } from './types'

export { ConformanceFailure } from './checks'
export type { ConformanceCase, ConformanceFiles, TransportConformanceOptions } from './types'

function positiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

function shapeCase(context: ConformanceContext): ConformanceCase {
  return {
    group: 'shape',
    name: 'shape: a name, valid capabilities, a store, and the methods of a Transport',
    async run() {
      const t = context.transport
      check(
        typeof t.name === 'string' && t.name !== '',
        'transport.name must be a non-empty string.',
      )
      const c = t.capabilities
      check(
        typeof c?.uploadProgress === 'boolean',
        'capabilities.uploadProgress must be true or false.',
      )
      check(
        positiveInteger(c.maxConcurrency),
        'capabilities.maxConcurrency must be a whole number of at least 1.',
      )
      if (c.defaultConcurrency !== undefined) {
        check(
          positiveInteger(c.defaultConcurrency) && c.defaultConcurrency <= c.maxConcurrency,
          'capabilities.defaultConcurrency must be a whole number from 1 to maxConcurrency.',
        )
      }
      for (const field of ['defaultPartSize', 'formUploadMaxSize'] as const) {
        const value = c[field]
        check(
          value === undefined || positiveInteger(value),
          `capabilities.${field} must be a whole number of at least 1.`,
        )
      }
      check(
        c.formUploadMaxSize === undefined || typeof t.uploadForm === 'function',
        'capabilities.formUploadMaxSize is set but uploadForm is missing.',
      )
      for (const method of ['request', 'identify', 'openFile'] as const) {
        check(typeof t[method] === 'function', `transport.${method} must be a function.`)
      }
      for (const method of ['get', 'set', 'remove'] as const) {
        check(
          typeof t.store?.[method] === 'function',
          `transport.store.${method} must be a function.`,
        )
      }
    },
  }
}

/**
 * The transport conformance suite: every promise of the `Transport` contract as named cases that any test
 * runner (vitest, jest, mocha, a page in a browser) can run, so a platform's transport is held to what the kernel and
 * the targets rely on: requests and answers byte for byte, byte-level upload progress, cancel by signal (`ABORTED`,
 * the signal's reason), timeouts (`TIMEOUT`), bounded answers (`maxResponseBytes`, `truncated`), one error code per
 * failure (a reset, a refused connection, a name that does not resolve: `NETWORK`; a bad URL: `INVALID_ARGUMENT`),
 * ranged reads into reused buffers, `FILE_CHANGED` and `FILE_NOT_FOUND`, `uploadForm` where offered (fields in
 * order, then the file; cancel), the checkpoint store, and known answers of each digest offered.
 *
 * The cases talk to a real HTTP server: a running `@vodup/emulator` serves the routes they need (pass its `url`).
 * Cases that do not apply (a capability the transport lacks, file inputs not given) carry `skip`.
 *
 * @example
 * ```ts
 * import { transportConformance } from '@vodup/core/testing'
 * import { startEmulator } from '@vodup/emulator'
 *
 * const emulator = await startEmulator()
 * const cases = transportConformance({
 *   transport: myTransport,
 *   server: emulator.url, // or () => emulator.url, for a server started in a beforeAll
 *   files: { create: (name, bytes) => writeTempFile(name, bytes), missing: () => '/no/such/file' },
 * })
 * // vitest or jest:
 * for (const c of cases) test.skipIf(Boolean(c.skip))(c.name, () => c.run())
 * ```
 */
export function transportConformance(options: TransportConformanceOptions): ConformanceCase[] {
  if (
    typeof options !== 'object' ||
    options === null ||
    typeof options.transport !== 'object' ||
    options.transport === null ||
    (typeof options.server !== 'string' && typeof options.server !== 'function')
  ) {
    throw new TypeError('transportConformance needs { transport, server }.')
  }
  const context = new ConformanceContext(options)
  return [
    shapeCase(context),
    ...requestCases(context),
    ...fileCases(context),
    ...formCases(context),
    ...storeCases(context),
    ...digestCases(context),
  ]
}
