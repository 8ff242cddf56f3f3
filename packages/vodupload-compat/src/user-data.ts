import { UploadError } from '@vodup/core'
import { findJsonProblem } from './json-problem'

/** How much of the text before a JSON problem its message quotes. */
const CONTEXT = 24

/** `expected "," or "}" but found '"' at position 38 (character 39), right after …"CateId":"234"}` */
function explain(text: string, position: number, expected: string): string {
  const found =
    position >= text.length
      ? `the text ends at position ${position}`
      : `found ${JSON.stringify(text[position])} at position ${position} (character ${position + 1})`
  const start = Math.max(0, position - CONTEXT)
  const before = `${start > 0 ? '…' : ''}${text.slice(start, position)}`
  return `expected ${expected} but ${found}${before ? `, right after ${before}` : ''}`
}

/**
 * Checks VODUpload's userData argument: omitted (undefined, null, '') or a JSON object text such as
 * `{"Vod":{"Title":"..."}}` whose `Vod`, if present, is an object. Throws `INVALID_ARGUMENT` (field `userData`)
 * whose message says where the JSON breaks. Returns the text, or undefined when omitted.
 */
export function checkUserData(userData: unknown): string | undefined {
  if (userData === undefined || userData === null || userData === '') return undefined
  if (typeof userData !== 'string') {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `userData must be a JSON string such as '{"Vod":{"Title":"..."}}'; got ${typeof userData}.`,
      { field: 'userData' },
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(userData)
  } catch (error) {
    const problem = findJsonProblem(userData)
    const detail = problem
      ? explain(userData, problem.position, problem.expected)
      : (error as Error).message
    throw new UploadError('INVALID_ARGUMENT', `userData is not valid JSON: ${detail}.`, {
      field: 'userData',
      cause: error,
    })
  }
  const vod = (parsed as { Vod?: unknown } | null)?.Vod
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      'userData must be a JSON object such as {"Vod":{"Title":"..."}}.',
      { field: 'userData' },
    )
  }
  if (vod !== undefined && (typeof vod !== 'object' || vod === null || Array.isArray(vod))) {
    throw new UploadError('INVALID_ARGUMENT', 'userData.Vod must be a JSON object.', {
      field: 'userData.Vod',
    })
  }
  return userData
}
