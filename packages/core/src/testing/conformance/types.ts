import type { Transport } from '../../transport'

/**
 * One check of the transport contract, ready for any test runner: register `run` as a test named `name` (skip it
 * when `skip` says why it does not apply). `run` resolves when the transport kept the contract and rejects with a
 * message saying what was expected and what happened otherwise.
 */
export interface ConformanceCase {
  /** The part of the contract: `shape`, `request`, `file`, `form`, `store` or `digests`. */
  readonly group: 'shape' | 'request' | 'file' | 'form' | 'store' | 'digests'
  /** What the case checks, e.g. `request: aborting the signal rejects with its reason and drops the connection`. */
  readonly name: string
  /** Why the case does not apply (a capability the transport lacks, an input the caller did not give); absent when it runs. */
  readonly skip?: string
  /** Runs the case. */
  run(): Promise<void>
}

/** How the suite makes file inputs for the transport under test. Without it the `file` cases are skipped. */
export interface ConformanceFiles {
  /** Creates a file holding `bytes` and returns the input `identify` and `openFile` take (a path, a `File`...). */
  create(name: string, bytes: Uint8Array): unknown
  /**
   * Rewrites the file behind `input` with `bytes` (of another length than before), as an app or the user might
   * while it uploads. Without it the `FILE_CHANGED` case is skipped (a browser cannot rewrite a chosen file).
   */
  change?(input: unknown, bytes: Uint8Array): unknown
  /** An input naming a file that does not exist. Without it the `FILE_NOT_FOUND` case is skipped. */
  missing?(): unknown
  /** An input the transport cannot use at all, for which `identify` throws `INVALID_ARGUMENT`. Default `42`. */
  invalid?: unknown
}

/** Options of {@link transportConformance}. */
export interface TransportConformanceOptions {
  /**
   * The transport under test (its capabilities and digests decide which cases apply). The cases share it and may
   * run one after another or at once.
   */
  transport: Transport
  /**
   * Base URL of an HTTP server that serves the conformance routes: `emulator.url` of a running
   * `@vodup/emulator` (`startEmulator()`), which serves them under `/__conformance/` to any origin. Or a function
   * giving it when a case runs (a server started in a `beforeAll`).
   */
  server: string | (() => string)
  /** File inputs for the `file` cases; without it they are skipped. */
  files?: ConformanceFiles
  /** A URL where nothing listens (connection refused). Default `http://127.0.0.1:1/`. */
  refusedUrl?: string
  /** A URL whose host name does not resolve. Default `http://vodup-conformance.invalid/` (`.invalid` never resolves). */
  unresolvableUrl?: string
}
