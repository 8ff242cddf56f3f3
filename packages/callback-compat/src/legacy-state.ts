import type { FileState } from '@vodup/core'

/** The per-file states of VODUpload, spelled as it spells them (`Stoped` included). */
export type LegacyState = 'Ready' | 'Uploading' | 'Success' | 'Failure' | 'Canceled' | 'Stoped'

const LEGACY: Record<FileState, LegacyState> = {
  ready: 'Ready',
  uploading: 'Uploading',
  // Waiting for the app's credentials (after onUploadstarted, or after onUploadTokenExpired) is part of uploading.
  'awaiting-credentials': 'Uploading',
  success: 'Success',
  failure: 'Failure',
  canceled: 'Canceled',
  stopped: 'Stoped',
}

/** The VODUpload state string of a kernel file state. */
export function legacyState(state: FileState): LegacyState {
  return LEGACY[state]
}
