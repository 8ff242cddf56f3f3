import type { Authorization } from './authorization'
import type { CancelSignal } from './cancel'
import type { CheckpointKeeper } from './checkpoint-keeper'
import type { CredentialKeeper } from './credentials'
import { toUploadError } from './errors'
import type { FileRecord } from './file-record'
import type { FileRun } from './file-run'
import type { Gate } from './gate'
import type { FormUploadRequest } from './http'
import type { KernelHost } from './kernel-host'
import type { ProgressTracker } from './progress'
import { runWithRetry } from './run-with-retry'
import type { TargetContext } from './target'
import type { FileSource } from './transport'

/** Everything one file's upload run shares. */
export interface UploadSession {
  readonly host: KernelHost
  /** The file's run: the one writer of the file's fields. */
  readonly run: FileRun
  readonly file: FileRecord
  readonly source: FileSource
  readonly credentials: CredentialKeeper
  readonly checkpoints: CheckpointKeeper
  readonly progress: ProgressTracker
  /** Closed while the file's credentials refresh. */
  readonly fileGate: Gate
  /** Closed while the app is hidden or offline. */
  readonly platformGate: Gate
  readonly signal: CancelSignal
  /** Parts acknowledged in this run. */
  acknowledgedParts: number
  /** Grows with each acknowledged part: a retry streak starts again. */
  progressMark(): number
  /** Emits a progress event now (`force`) or when one is due. */
  emitProgress(force: boolean): void
}

const INTEGRITY_RESENDS = 2

/** A target context for one file, its authorization and a cancel signal. */
export function buildTargetContext(
  host: KernelHost,
  file: FileRecord,
  authorization: Authorization,
  signal: CancelSignal,
): TargetContext {
  const timeoutMs = host.options.timeoutMs
  return {
    file,
    authorization,
    signal,
    timeoutMs,
    digests: host.transport.digests ?? {},
    send: (request, info, sign) =>
      host.send(
        { ...request, signal: request.signal ?? signal, timeoutMs: request.timeoutMs ?? timeoutMs },
        { ...info, fileId: file.id },
        sign,
      ),
    uploadForm: (request: FormUploadRequest, info, sign) =>
      host.sendForm(
        { ...request, signal: request.signal ?? signal, timeoutMs: request.timeoutMs ?? timeoutMs },
        { ...info, fileId: file.id },
        sign,
      ),
  }
}

/** A target context bound to the session's current credentials. */
export function targetContext(session: UploadSession): TargetContext {
  return buildTargetContext(
    session.host,
    session.file,
    session.credentials.authorization,
    session.signal,
  )
}

/**
 * Runs one protocol operation with everything around it: waits while paused, refreshes credentials ahead of
 * expiry, retries through the retry policy, refreshes on `TOKEN_EXPIRED` and tries again, re-sends on an
 * integrity mismatch, and waits out app-hidden or offline spells instead of failing.
 */
export async function runOperation<T>(
  session: UploadSession,
  operation: string,
  partNumber: number | undefined,
  action: (context: TargetContext) => Promise<T>,
): Promise<T> {
  const { host, signal } = session
  let integrityResends = 0
  for (;;) {
    await session.platformGate.whenOpen(signal)
    await session.fileGate.whenOpen(signal)
    await session.credentials.ensureFresh()
    const version = session.credentials.version
    try {
      return await runWithRetry(
        host,
        { file: session.file, operation, partNumber, signal },
        async () => {
          await session.platformGate.whenOpen(signal)
          await session.fileGate.whenOpen(signal)
          return action(targetContext(session))
        },
        session.progressMark,
      )
    } catch (thrown) {
      if (signal.aborted) throw signal.reason
      const error = toUploadError(thrown)
      if (error.code === 'TOKEN_EXPIRED') {
        host.log('info', `${operation}: credentials expired; refreshing.`, {
          fileId: session.file.id,
        })
        await session.credentials.refresh(error, version)
        continue
      }
      const partResend = partNumber !== undefined && error.code === 'INTEGRITY_MISMATCH'
      if (partResend && integrityResends < INTEGRITY_RESENDS) {
        integrityResends++
        host.log('warn', `${operation}: ${error.message} Sending again.`, {
          fileId: session.file.id,
        })
        continue
      }
      if (error.retryable && !session.platformGate.isOpen) continue
      throw error
    }
  }
}
