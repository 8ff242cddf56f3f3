import type { Uploader } from '@vodup/core'

type Watched = Pick<Uploader, 'hooks' | 'getFile'>

/**
 * Calls `onResend` with `<uploadId>#<partNumber>` for every UploadPart request the uploader starts for a part it
 * already has as acknowledged (the `partUploaded` hook fired for that upload id and part number): the invariant
 * "a part the server acknowledged is not sent again under the same upload id", seen from the app. A part the
 * server stored but whose answer never reached the app (a stop or a reset after the server acted) may be sent
 * again; this does not count it. Pass the same `acknowledged` set to every uploader that continues the same uploads
 * (a restart) so that one's acknowledgements count for the next.
 */
export function watchResends(
  uploader: Watched,
  onResend: (part: string) => void,
  acknowledged = new Set<string>(),
): void {
  const key = (uploadId: string | undefined, partNumber: number | undefined) =>
    `${uploadId}#${partNumber}`
  uploader.hooks.partUploaded.tap('test-resends', (file, part) => {
    acknowledged.add(key(file.uploadId, part.n))
  })
  uploader.hooks.request.intercept({
    call: (
      _request: unknown,
      info: { operation: string; fileId?: string; partNumber?: number },
    ) => {
      if (info.operation !== 'UploadPart' || info.fileId === undefined) return
      const part = key(uploader.getFile(info.fileId)?.uploadId, info.partNumber)
      if (acknowledged.has(part)) onResend(part)
    },
  })
}

/** The parts `uploader` sent again after it had them as acknowledged (see `watchResends`), filled as it runs. */
export function resentParts(uploader: Watched): string[] {
  const resent: string[] = []
  watchResends(uploader, (part) => resent.push(part))
  return resent
}
