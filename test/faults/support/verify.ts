import type { UploadResult } from '@vodup/core'
import { acknowledgedTwice } from './acks'
import type { ScenarioRow, Tally } from './ledger'
import type { World } from './world'

function sameBytes(stored: Uint8Array | undefined, bytes: Uint8Array): boolean {
  return stored !== undefined && Buffer.compare(stored, bytes) === 0
}

/** Compares the object on the server with the file and counts the outcome. */
export function verifyObject(
  world: World,
  tally: Tally,
  result: Pick<UploadResult, 'bucket' | 'objectKey'>,
  bytes: Uint8Array,
): boolean {
  const same = sameBytes(world.emulator.getObject(result.bucket, result.objectKey), bytes)
  if (same) tally.row.bytesVerified += bytes.length
  else tally.row.mismatches++
  return same
}

/** Counts acknowledged parts sent twice in the request log, scans for secrets, and saves the row. */
export function finishScenario(world: World, tally: Tally): ScenarioRow {
  const log = world.emulator.requests()
  tally.row.duplicateAcks += acknowledgedTwice(log)
  const failed = log.filter((entry) => entry.status >= 500).length
  const reset = log.filter((entry) => entry.status === 0).length
  if (failed > 0) {
    tally.note(
      `the emulator answered 5xx to ${failed} of ${log.length} requests (${Math.round((100 * failed) / log.length)} %)`,
    )
  }
  if (reset > 0) {
    tally.note(`${reset} requests were cut off in the middle of their body (connection closed)`)
  }
  for (const [codes, what] of [
    [['SecurityTokenExpired', 'InvalidSecurityToken.Expired'], 'as expired'],
    [['RequestTimeTooSkewed', 'InvalidTimeStamp.Expired'], 'for clock skew'],
  ] as const) {
    const refused = log.filter((entry) => (codes as readonly string[]).includes(entry.code ?? ''))
    if (refused.length > 0) tally.note(`the emulator refused ${refused.length} requests ${what}`)
  }
  world.watch.record('emulator request log', log)
  world.learnIssuedSecrets()
  const scan = world.watch.scan()
  tally.row.secretsFound += scan.findings.length
  tally.row.scanned += scan.artefacts
  for (const finding of scan.findings) tally.note(`secret ${finding.secret} in ${finding.artefact}`)
  tally.save()
  return tally.row
}
