import type { ScenarioRow } from './ledger'

const MiB = 1024 * 1024

function bytes(count: number): string {
  if (count === 0) return '0'
  return count >= MiB ? `${(count / MiB).toFixed(1)} MiB` : `${(count / 1024).toFixed(1)} KiB`
}

function errors(row: ScenarioRow): string {
  const entries = Object.entries(row.errors).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return entries.length === 0 ? 'none' : entries.map(([code, n]) => `${code} ×${n}`).join(', ')
}

/** The suite's table as Markdown, notes below it. */
export function formatTable(rows: ScenarioRow[]): string {
  const header = [
    'Scenario',
    'Platform',
    'Runs',
    'Uploads completed',
    'Bytes verified on the server',
    'Acknowledged parts sent twice',
    'Errors and their codes',
    'Secrets found',
  ]
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`]
  for (const row of rows) {
    const cells = [
      row.scenario,
      row.platform,
      String(row.runs),
      row.expected === 0 ? `${row.completed}` : `${row.completed} / ${row.expected}`,
      row.mismatches > 0
        ? `${bytes(row.bytesVerified)} (${row.mismatches} DIFFER)`
        : bytes(row.bytesVerified),
      row.lostAcks > 0
        ? `${row.duplicateAcks} (${row.lostAcks} lost acks re-sent)`
        : String(row.duplicateAcks),
      errors(row),
      `${row.secretsFound} (${row.scanned} artefacts)`,
    ]
    lines.push(`| ${cells.join(' | ')} |`)
  }
  const notes = rows.flatMap((row) =>
    row.notes.map((note) => `- ${row.scenario} (${row.platform}): ${note}`),
  )
  if (notes.length > 0) lines.push('', ...notes)
  return lines.join('\n')
}

/** True when a row shows something the suite must fail on. */
export function rowFails(row: ScenarioRow): boolean {
  return (
    row.duplicateAcks > 0 ||
    row.mismatches > 0 ||
    row.completed < row.expected ||
    row.secretsFound > 0
  )
}
