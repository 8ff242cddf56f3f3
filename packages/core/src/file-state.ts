import { UploadError } from './errors'
import type { FileRecord } from './file-record'
import type { FileState } from './file-task'
import type { UploaderHooks } from './hooks'

const TRANSITIONS: Record<FileState, readonly FileState[]> = {
  ready: ['uploading', 'canceled'],
  uploading: ['awaiting-credentials', 'success', 'failure', 'canceled', 'stopped'],
  'awaiting-credentials': ['uploading', 'failure', 'canceled', 'stopped'],
  failure: ['ready', 'canceled'],
  stopped: ['ready', 'canceled'],
  canceled: ['ready'],
  success: [],
}

/** True when a file may move from `from` to `to`. */
export function canTransition(from: FileState, to: FileState): boolean {
  return TRANSITIONS[from].includes(to)
}

/** Throws `INVALID_STATE` unless the transition is allowed. */
export function assertTransition(from: FileState, to: FileState, fileName: string): void {
  if (!canTransition(from, to)) {
    throw new UploadError('INVALID_STATE', `File "${fileName}" cannot go from ${from} to ${to}.`)
  }
}

/** States in which the kernel is working on a file. */
export function isActive(state: FileState): boolean {
  return state === 'uploading' || state === 'awaiting-credentials'
}

/**
 * Moves a file to `to` and fires `stateChanged` (nothing when it is there already); throws `INVALID_STATE` for a
 * transition the state machine forbids. The one place a file's state is written.
 */
export function transition(
  hooks: Pick<UploaderHooks, 'stateChanged'>,
  file: FileRecord,
  to: FileState,
): void {
  if (file.state === to) return
  assertTransition(file.state, to, file.name)
  const previous = file.state
  file.state = to
  hooks.stateChanged.call(file, previous)
}
