import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { writeDocSection } from './doc-section'
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

/** Every row of the run, for tools (the table is made from these). */
const ALL_ROWS = 'all-rows.json'

/** `VODUP_FAULTS_WRITE_DOC=1`: the run writes its report into docs/reliability.md (full scale only). */
function readWriteDoc(): boolean {
  const given = process.env.VODUP_FAULTS_WRITE_DOC
  if (given === undefined || given === '' || given === '0') return false
  if (SCALE !== 'full') {
    throw new Error(
      'VODUP_FAULTS_WRITE_DOC=1 needs VODUP_FAULTS_SCALE=full: the page shows the full run.',
    )
  }
  return true
}

export default function setup(project: TestProject) {
  const writeDoc = readWriteDoc()
  const resultsDir = mkdtempSync(join(tmpdir(), 'vodup-faults-results-'))
  const seed = readSeed()
  project.provide('faultsResultsDir', resultsDir)
  project.provide('faultsSeed', seed)
  const started = Date.now()

  return () => {
    const rows = readdirSync(resultsDir)
      .filter((name) => name.endsWith('.json') && name !== ALL_ROWS)
      .map((name) => JSON.parse(readFileSync(join(resultsDir, name), 'utf8')) as ScenarioRow)
      .sort((a, b) => a.order.localeCompare(b.order, 'en', { numeric: true }))
    const cpu = cpus()
    const seconds = Math.round((Date.now() - started) / 1000)
    // Files, not tasks: a failed test also fails its describe block and its file, which the task count adds up.
    const failedTests = project.vitest.state.getFailedFilepaths().length
    const failed = failedTests > 0 || rows.some(rowFails)
    const verdict = failed
      ? failedTests > 0
        ? `FAILED: tests failed in ${failedTests} file(s).`
        : 'FAILED: a row above shows an incomplete upload, differing bytes, a part sent twice or a secret.'
      : 'Every upload completed with the bytes of its file; no acknowledged part was sent twice; no secret found.'
    const report = [
      `vodup reliability and abuse suite: scale ${SCALE}, seed ${seed} (VODUP_FAULTS_SEED=${seed} replays it)`,
      `Node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${seconds} s`,
      '',
      formatTable(rows),
      '',
      verdict,
    ].join('\n')
    writeFileSync(join(resultsDir, ALL_ROWS), `${JSON.stringify(rows, null, 2)}\n`)
    writeFileSync(join(resultsDir, 'table.md'), `${report}\n`)
    console.log(`\n${report}\n\n(also in ${join(resultsDir, 'table.md')})\n`)
    if (writeDoc && !failed) {
      const doc = join(project.config.root, 'docs', 'reliability.md')
      writeDocSection(
        doc,
        [
          `Measured with \`VODUP_FAULTS_SCALE=full npm run test:faults\` (seed ${seed}) on Node ${process.version}, ` +
            `${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, in ${seconds} s. ` +
            "Every figure in this section, notes included, is that run's own: the suite wrote it here.",
          '',
          formatTable(rows),
          '',
          verdict,
        ].join('\n'),
      )
      console.log(`(written into ${doc})`)
    }
  }
}
