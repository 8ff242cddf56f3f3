import type { UploadResult } from '@vodup/core'
import { expect } from 'vitest'
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
  const answeredTwice = acknowledgedTwice(log)
  tally.row.lostAcks += Math.max(0, answeredTwice - tally.row.duplicateAcks)
  if (tally.row.lostAcks > 0) {
    tally.note(
      `the server answered ${answeredTwice} parts with 200 twice; ${tally.row.lostAcks} of these first answers never reached the app (the request failed on its side after the server answered), so it sent the part again, as it must`,
    )
  }
  const failed = log.filter((entry) => entry.status >= 500).length
  const reset = log.filter((entry) => entry.status === 0).length
  if (failed > 0) {
    tally.note(
      `the emulator answered 5xx to ${failed} of ${log.length} requests (${Math.round((100 * failed) / log.length)} %)`,
    )
  }
  if (reset > 0) {
    tally.note(
      `${reset} requests got no response (connection reset by a fault, or closed by the client)`,
    )
  }
  for (const [codes, what] of [
    [['SecurityTokenExpired', 'InvalidSecurityToken.Expired'], 'as expired'],
    [['RequestTimeTooSkewed', 'InvalidTimeStamp.Expired'], 'for clock skew'],
  ] as const) {
    const refused = log.filter((entry) => (codes as readonly string[]).includes(entry.code ?? ''))
    if (refused.length > 0) tally.note(`the emulator refused ${refused.length} requests ${what}`)
  }
  world.watch.record('emulator request log', log)
  const issued = world.learnIssuedSecrets()
  const { create, refresh, assumeRole } = world.server.calls
  // Every credential the app server received was issued by the emulator, which must have kept it: else the scan
  // would miss the tokens that vodup fetched itself (STS mode) and the check would prove little.
  expect(issued, 'credentials the emulator kept for the secret scan').toBeGreaterThanOrEqual(
    create + refresh + assumeRole,
  )
  const scan = world.watch.scan()
  tally.row.secretsFound += scan.findings.length
  tally.row.scanned += scan.artefacts
  for (const finding of scan.findings) tally.note(`secret ${finding.secret} in ${finding.artefact}`)
  tally.save()
  return tally.row
}
