import type { Uploader } from '@vodup/core'
import type { NetworkCall } from '@vodup/transport-wx/double'
import type { Tally } from './ledger'

const partKey = (uploadId: string | undefined, partNumber: number | undefined) =>
  `${uploadId}#${partNumber}`

/**
 * Counts, in `tally.row.duplicateAcks`, every UploadPart request the uploader starts for a part it already has as
 * acknowledged (the `partUploaded` hook fired for that upload id and part number): the invariant "a part the server
 * acknowledged is not sent again under the same upload id", seen from the app.
 */
export function trackResends(uploader: Uploader, tally: Tally): void {
  uploader.hooks.partUploaded.tap('faults-resends', (file, part) => {
    tally.acknowledged.add(partKey(file.uploadId, part.n))
  })
  uploader.hooks.request.intercept({
    call: (
      _request: unknown,
      info: { operation: string; fileId?: string; partNumber?: number },
    ) => {
      if (info.operation !== 'UploadPart' || info.fileId === undefined) return
      const file = uploader.getFile(info.fileId)
      const key = partKey(file?.uploadId, info.partNumber)
      if (!tally.acknowledged.has(key)) return
      tally.row.duplicateAcks++
      tally.note(`part ${key} was sent again after it was acknowledged`)
    },
  })
}

/**
 * The same seen on the wire of the wx double: parts for which the app received a 200 answer more than once under
 * one upload id.
 */
export function wireResends(calls: readonly NetworkCall[], tally: Tally): void {
  const answered = new Map<string, number>()
  for (const call of calls) {
    if (call.method !== 'PUT' || call.outcome !== 'ok' || call.statusCode !== 200) continue
    const query = new URL(call.url).searchParams
    if (!query.has('partNumber') || !query.has('uploadId')) continue
    const key = partKey(query.get('uploadId') ?? undefined, Number(query.get('partNumber')))
    answered.set(key, (answered.get(key) ?? 0) + 1)
  }
  for (const [key, count] of answered) {
    if (count < 2) continue
    tally.row.duplicateAcks += count - 1
    tally.note(`the app received the acknowledgement of part ${key} ${count} times`)
  }
}
