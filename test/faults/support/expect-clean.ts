import { expect } from 'vitest'
import type { ScenarioRow } from './ledger'

/** Every upload that had to complete did, with the file's bytes; no part sent twice; no secret found. */
export function expectClean(row: ScenarioRow): void {
  const details = `${row.scenario} (${row.platform}):\n${row.notes.join('\n')}`
  expect(
    {
      completed: row.completed,
      mismatches: row.mismatches,
      duplicateAcks: row.duplicateAcks,
      secretsFound: row.secretsFound,
    },
    details,
  ).toEqual({ completed: row.expected, mismatches: 0, duplicateAcks: 0, secretsFound: 0 })
  expect(row.runs, details).toBeGreaterThan(0)
}
