/** One line of the file list on screen. */
export interface FileRow {
  /** The uploader's file id (createUploader page) or list index (VODUpload page). */
  id: string
  name: string
  kind: 'video' | 'image'
  /** 0..100, whole numbers. */
  percent: number
  state: string
  /** The VOD video or image id once uploaded. */
  mediaId: string
  error: string
  canCancel: boolean
  canResume: boolean
}

/** `wxfile://tmp_3fee…e035.mp4` → `tmp_3fee…e035.mp4`, shortened for a phone screen. */
export function displayName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return name.length > 24 ? `${name.slice(0, 10)}…${name.slice(-10)}` : name
}

/** Percent of `loaded` in `total`, rounded down so that 100 means done. */
export function percentOf(loaded: number, total: number | undefined): number {
  if (!total) return 0
  return Math.min(100, Math.floor((loaded / total) * 100))
}
