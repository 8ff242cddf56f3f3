import type { Uploader } from '@vodup/core'
import type { NetworkCall } from '@vodup/transport-wx/double'
import { watchResends } from '#test-support'
import type { Tally } from './ledger'

/**
 * Counts, in `tally.row.duplicateAcks`, every UploadPart request the uploader starts for a part it already has as
 * acknowledged, with every uploader of the scenario sharing the tally's acknowledgements.
 */
export function trackResends(uploader: Uploader, tally: Tally): void {
  watchResends(
    uploader,
    (part) => {
      tally.row.duplicateAcks++
      tally.note(`part ${part} was sent again after it was acknowledged`)
    },
    tally.acknowledged,
  )
}

/**
 * The same seen on the wire of the wx double: parts for which the app received a 200 answer more than once under
 * one upload id. `notAcknowledgements` counts, per `uploadId#partNumber`, 200 answers that a fault rewrote (their
 * proof dropped or altered): the app rightly refused those, so they do not count.
 */
export function wireResends(
  calls: readonly NetworkCall[],
  tally: Tally,
  notAcknowledgements: ReadonlyMap<string, number> = new Map(),
): void {
  const answered = new Map<string, number>()
  for (const call of calls) {
    if (call.method !== 'PUT' || call.outcome !== 'ok' || call.statusCode !== 200) continue
    const query = new URL(call.url).searchParams
    if (!query.has('partNumber') || !query.has('uploadId')) continue
    const key = `${query.get('uploadId')}#${query.get('partNumber')}`
    answered.set(key, (answered.get(key) ?? 0) + 1)
  }
  for (const [key, answers] of answered) {
    const count = answers - (notAcknowledgements.get(key) ?? 0)
    if (count < 2) continue
    tally.row.duplicateAcks += count - 1
    tally.note(`the app received the acknowledgement of part ${key} ${count} times`)
  }
}
