import { UploadError } from './errors'
import type { FileState } from './file-task'

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
