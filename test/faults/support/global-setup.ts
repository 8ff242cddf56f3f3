import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import type { ScenarioRow } from './ledger'
import { SCALE } from './scale'
import { formatTable, rowFails } from './table'

function readSeed(): number {
  const given = process.env.VODUP_FAULTS_SEED
  if (given === undefined) return Math.floor(Math.random() * 2 ** 31)
  const seed = Number(given)
  if (!Number.isSafeInteger(seed))
    throw new Error(`VODUP_FAULTS_SEED must be an integer; got "${given}".`)
  return seed
}

export default function setup(project: TestProject) {
  const resultsDir = mkdtempSync(join(tmpdir(), 'vodup-faults-results-'))
  const seed = readSeed()
  project.provide('faultsResultsDir', resultsDir)
  project.provide('faultsSeed', seed)
  const started = Date.now()

  return () => {
    const rows = readdirSync(resultsDir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => JSON.parse(readFileSync(join(resultsDir, name), 'utf8')) as ScenarioRow)
      .sort((a, b) => a.order.localeCompare(b.order, 'en', { numeric: true }))
    const cpu = cpus()
    const report = [
      `vodup reliability and abuse suite: scale ${SCALE}, seed ${seed} (VODUP_FAULTS_SEED=${seed} replays it)`,
      `Node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${Math.round((Date.now() - started) / 1000)} s`,
      '',
      formatTable(rows),
      '',
      rows.some(rowFails)
        ? 'FAILED: a row above shows an incomplete upload, differing bytes, a part sent twice or a secret.'
        : 'Every upload completed with the bytes of its file; no acknowledged part was sent twice; no secret found.',
    ].join('\n')
    writeFileSync(join(resultsDir, 'table.md'), `${report}\n`)
    console.log(`\n${report}\n\n(also in ${join(resultsDir, 'table.md')})\n`)
  }
}
