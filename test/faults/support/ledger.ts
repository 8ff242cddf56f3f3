import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'

/** One line of the table. */
export interface ScenarioRow {
  /** Sort key: the file's order and the scenario's order within it. */
  order: string
  scenario: string
  platform: string
  runs: number
  /** Uploads that had to complete (faults vodup must survive), and those that did. */
  expected: number
  completed: number
  bytesVerified: number
  /** Completed uploads whose object differs from the file. */
  mismatches: number
  /**
   * Parts sent again after the app had their acknowledgement (the `partUploaded` hook, or a 200 the wx double
   * delivered), under the same upload id; for a killed process, every 200 in the server's log counts. Must be 0.
   */
  duplicateAcks: number
  /** UploadPart answered 200 twice by the server for one upload id and part: the first answer never reached the app. */
  lostAcks: number
  /** Error codes vodup raised (retried, refreshed, refused or final), with counts. */
  errors: Record<string, number>
  secretsFound: number
  /** Artefacts scanned for secrets. */
  scanned: number
  notes: string[]
}

/** Counts one scenario's outcomes as it runs. */
export class Tally {
  readonly row: ScenarioRow
  /** Off while a test builds its starting list, so the errors column shows only what the scenario caused. */
  countErrors = true
  /** Parts the observed uploaders hold as acknowledged, as `uploadId#partNumber`. */
  readonly acknowledged = new Set<string>()

  constructor(order: string, scenario: string, platform: string) {
    this.row = {
      order,
      scenario,
      platform,
      runs: 0,
      expected: 0,
      completed: 0,
      bytesVerified: 0,
      mismatches: 0,
      duplicateAcks: 0,
      lostAcks: 0,
      errors: {},
      secretsFound: 0,
      scanned: 0,
      notes: [],
    }
  }

  error(code: string | undefined, count = 1): void {
    if (!this.countErrors) return
    const key = code ?? 'UNKNOWN'
    this.row.errors[key] = (this.row.errors[key] ?? 0) + count
  }

  note(text: string): void {
    this.row.notes.push(text)
  }

  /** Writes the row where the global teardown collects the table. */
  save(): void {
    const dir = inject('faultsResultsDir')
    writeFileSync(
      join(dir, `${this.row.order.replace(/[^a-z0-9.-]/gi, '_')}.json`),
      JSON.stringify(this.row),
    )
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    faultsResultsDir: string
    faultsSeed: number
  }
}
