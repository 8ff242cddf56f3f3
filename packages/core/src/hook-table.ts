import type { TapFailurePolicy } from './contain-taps'

/** The tapable classes the kernel's hooks are made of. */
export type HookType =
  | 'SyncHook'
  | 'SyncBailHook'
  | 'SyncWaterfallHook'
  | 'AsyncSeriesHook'
  | 'AsyncSeriesBailHook'
  | 'AsyncSeriesWaterfallHook'

/** One row of the hook table. */
export interface HookRow {
  readonly type: HookType
  /** What a tap receives, as it reads in the docs. */
  readonly receives: string
  readonly fires: string
  /** What a tap may return; `–` for notification hooks. */
  readonly returns: string
  /** What the hook does with a tap that throws; see {@link TapFailurePolicy}. */
  readonly onThrow: TapFailurePolicy
}

/**
 * The one description of the kernel's hooks, in the order the docs list them. It does not ship (nothing in the
 * package entry imports it): packages/core/test/hook-table.test.ts checks every hook `createHooks` makes against
 * it (class, argument count, what a throwing tap does) and generates docs/hooks.md from it
 * (`npx vitest run -u packages/core/test/hook-table.test.ts` rewrites that file).
 */
export const HOOK_TABLE = {
  initialize: {
    type: 'SyncHook',
    receives: '–',
    fires: 'once, after every plugin applied and the options were resolved',
    returns: '–',
    onThrow: 'throw',
  },
  beforeAdd: {
    type: 'SyncWaterfallHook',
    receives: '`AddRequest` (`{ input, meta }`)',
    fires: 'in `addFile`, before the file joins the list',
    returns: 'a changed `AddRequest`; throw an `UploadError` to refuse the file',
    onThrow: 'throw',
  },
  fileAdded: {
    type: 'SyncHook',
    receives: '`FileTask`',
    fires: 'after a file joined the list',
    returns: '–',
    onThrow: 'report',
  },
  fileRemoved: {
    type: 'SyncHook',
    receives: '`FileTask`',
    fires: 'after a file left the list',
    returns: '–',
    onThrow: 'report',
  },
  fileStarted: {
    type: 'SyncHook',
    receives: '`FileTask`',
    fires:
      'a file begins uploading, after its checkpoint was read (so the extension fields it saved are back) and before `authorize`',
    returns: '–',
    onThrow: 'report',
  },
  fingerprint: {
    type: 'SyncWaterfallHook',
    receives: '`string`, `FileTask`',
    fires: 'when a file is opened',
    returns: 'another resume key',
    onThrow: 'throw',
  },
  loadCheckpoint: {
    type: 'AsyncSeriesBailHook',
    receives: '`FileTask`, fingerprint',
    fires: 'before `authorize`',
    returns: "a `Checkpoint`; without an answer the transport's store is read",
    onThrow: 'throw',
  },
  saveCheckpoint: {
    type: 'AsyncSeriesBailHook',
    receives: '`FileTask`, `Checkpoint`',
    fires: 'after each acknowledged part (writes coalesced)',
    returns: '`true` to say "saved"; without an answer the transport\'s store is written',
    onThrow: 'throw',
  },
  checkpointSaved: {
    type: 'SyncHook',
    receives: '`CheckpointSavedEvent` (`{ file, checkpoint }`)',
    fires: 'a checkpoint reached its store',
    returns: '–',
    onThrow: 'report',
  },
  removeCheckpoint: {
    type: 'AsyncSeriesBailHook',
    receives: '`FileTask`, fingerprint',
    fires: 'after success, cancel, or a stale upload id',
    returns: '`true` to say "removed"; without an answer the transport\'s store is cleared',
    onThrow: 'throw',
  },
  authorize: {
    type: 'AsyncSeriesBailHook',
    receives: "`AuthorizeContext` (`{ file, signal }`; `signal` aborts when the file's run ends)",
    fires: 'before the first request of a file',
    returns: 'an `Authorization` (first answer wins)',
    onThrow: 'throw',
  },
  credentialsExpired: {
    type: 'SyncHook',
    receives: '`CredentialsExpiredEvent` (`{ file, error }`)',
    fires: 'credentials expired (or are about to), once per refresh, before `tokenExpired` asks',
    returns: '–',
    onThrow: 'report',
  },
  tokenExpired: {
    type: 'AsyncSeriesBailHook',
    receives: '`TokenExpiredContext` (`{ file, error, signal }`)',
    fires:
      'credentials expired (or are about to), once per file however many parts failed; no part starts meanwhile',
    returns: 'a fresh `Authorization`; no answer fails the file',
    onThrow: 'throw',
  },
  planParts: {
    type: 'SyncWaterfallHook',
    receives: '`PartPlan`, `FileTask`',
    fires: 'before a new multipart upload',
    returns: "a changed plan (the target's limits are re-applied)",
    onThrow: 'throw',
  },
  request: {
    type: 'AsyncSeriesWaterfallHook',
    receives: '`HttpRequest`, `RequestInfo`',
    fires: 'before each request (parts, form uploads, plugin calls) is signed and sent',
    returns: 'a changed request (headers added here are signed)',
    onThrow: 'throw',
  },
  response: {
    type: 'SyncHook',
    receives: '`ResponseInfo`, `RequestInfo`',
    fires: 'after each response',
    returns: '–',
    onThrow: 'report',
  },
  partUploaded: {
    type: 'SyncHook',
    receives: '`FileTask`, `PartRecord`',
    fires: 'a part was acknowledged and verified',
    returns: '–',
    onThrow: 'report',
  },
  progress: {
    type: 'SyncHook',
    receives: '`FileTask`, `ProgressSnapshot`',
    fires: 'bytes moved (throttled by `progressIntervalMs`), at each part, at completion',
    returns: '–',
    onThrow: 'report',
  },
  shouldRetry: {
    type: 'SyncBailHook',
    receives: '`UploadError`, `RetryAttempt`',
    fires:
      'an operation failed and the kernel asks whether to retry (with or without a retry plugin)',
    returns: "`true` / `false` to decide; `undefined` keeps the retry policy's answer",
    onThrow: 'skip',
  },
  retry: {
    type: 'SyncHook',
    receives: '`RetryAttempt`',
    fires: 'a retry is scheduled',
    returns: '–',
    onThrow: 'report',
  },
  stateChanged: {
    type: 'SyncHook',
    receives: '`FileTask`, previous `FileState`',
    fires: 'every state transition',
    returns: '–',
    onThrow: 'report',
  },
  fileSucceeded: {
    type: 'SyncHook',
    receives: '`FileTask`, `UploadResult`',
    fires: 'the target confirmed the object',
    returns: '–',
    onThrow: 'report',
  },
  fileFailed: {
    type: 'SyncHook',
    receives: '`FileTask`, `UploadError`',
    fires: 'a file failed',
    returns: '–',
    onThrow: 'report',
  },
  fileCanceled: {
    type: 'SyncHook',
    receives: '`FileTask`',
    fires: 'a file was canceled (its server upload aborted)',
    returns: '–',
    onThrow: 'report',
  },
  fileStopped: {
    type: 'SyncHook',
    receives: '`FileTask`',
    fires: '`stop()` paused a file; its checkpoint stays',
    returns: '–',
    onThrow: 'report',
  },
  warning: {
    type: 'SyncHook',
    receives: '`UploadError`, `FileTask` or `undefined`',
    fires:
      'something failed that does not stop the upload (an abort, a checkpoint write, a tap that threw)',
    returns: '–',
    onThrow: 'report',
  },
  end: {
    type: 'SyncHook',
    receives: '`RunSummary`',
    fires: 'a `start()` run finished with no file left to upload (not after `stop()`)',
    returns: '–',
    onThrow: 'report',
  },
  log: {
    type: 'SyncHook',
    receives: '`LogRecord`',
    fires: 'diagnostic lines (never a secret)',
    returns: '–',
    onThrow: 'report',
  },
  dispose: {
    type: 'AsyncSeriesHook',
    receives: '–',
    fires: '`uploader.dispose()`',
    returns: '–',
    onThrow: 'report',
  },
} as const satisfies Record<string, HookRow>

/** The names of the kernel's hooks. */
export type HookName = keyof typeof HOOK_TABLE

const THROW_TEXT: Record<TapFailurePolicy, string> = {
  report: 'reported on `warning`; the other taps run',
  skip: 'reported on `warning`; counts as no answer',
  throw: 'an `UploadError` propagates; anything else becomes `INTERNAL`',
}

/** The hook table as Markdown, for docs/hooks.md. */
export function hookTableMarkdown(): string {
  const rows = Object.entries(HOOK_TABLE).map(
    ([name, row]: [string, HookRow]) =>
      `| \`${name}\` | ${row.type} | ${row.receives} | ${row.fires} | ${row.returns} | ${THROW_TEXT[row.onThrow]} |`,
  )
  return [
    '| hook | tapable type | a tap receives | fires | a tap may return | a tap that throws |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}
