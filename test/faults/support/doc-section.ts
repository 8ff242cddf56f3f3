import { readFileSync, writeFileSync } from 'node:fs'

/** Where the suite's report goes in docs/reliability.md (`VODUP_FAULTS_WRITE_DOC=1`): between these two lines. */
export const DOC_BEGIN =
  '<!-- faults-report:begin (written by VODUP_FAULTS_WRITE_DOC=1 from a full run; do not edit) -->'
export const DOC_END = '<!-- faults-report:end -->'

/**
 * Replaces the text between {@link DOC_BEGIN} and {@link DOC_END} in the file at `path` with `section`, so that
 * every figure in that part of the page comes from one run. Throws when the markers are missing or out of order.
 */
export function writeDocSection(path: string, section: string): void {
  const text = readFileSync(path, 'utf8')
  const begin = text.indexOf(DOC_BEGIN)
  const end = text.indexOf(DOC_END)
  if (begin < 0 || end < begin) {
    throw new Error(`${path} has no "${DOC_BEGIN}" … "${DOC_END}" section for the suite's report.`)
  }
  const before = text.slice(0, begin + DOC_BEGIN.length)
  writeFileSync(path, `${before}\n\n${section.trim()}\n\n${text.slice(end)}`)
}
