import { type FileMeta, UploadError } from '@vodup/core'
import { findJsonProblem } from './json-problem'
import { checkJsonDepth, checkUserDataSize, checkValueDepth } from './user-data-limits'

/** The `Vod` object of a file's userData: VOD API parameters by name (`Title`, `CateId`, `UserData`...). */
export type VodInfo = Record<string, unknown>

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

function invalid(field: string, message: string, cause?: unknown): UploadError {
  return new UploadError('INVALID_ARGUMENT', message, { field, cause })
}

/** How much of the text before a JSON problem its message quotes. */
const CONTEXT = 24

/** `expected "," or "}" but found '"' at position 38 (character 39), right after …"CateId":"234"}` */
function explainJsonProblem(text: string, error: unknown): string {
  const problem = findJsonProblem(text)
  if (!problem) return (error as Error).message
  const { position, expected } = problem
  const found =
    position >= text.length
      ? `the text ends at position ${position}`
      : `found ${JSON.stringify(text[position])} at position ${position} (character ${position + 1})`
  const start = Math.max(0, position - CONTEXT)
  const before = `${start > 0 ? '…' : ''}${text.slice(start, position)}`
  return `expected ${expected} but ${found}${before ? `, right after ${before}` : ''}`
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A copy of `value` without keys that could reach a prototype (`__proto__`, `constructor`, `prototype`). */
function withoutUnsafeKeys(value: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    if (!UNSAFE_KEYS.has(key)) copy[key] = value[key]
  }
  return copy
}

/**
 * Parses a userData JSON string (`{"Vod":{...}}`) without letting it touch prototypes. Throws `INVALID_ARGUMENT`
 * on `userData` for a text over the size or depth caps (`USER_DATA_LIMITS`, checked before parsing), saying where
 * the JSON breaks (found by scanning the text, since engines differ in what JSON.parse reports), or on
 * `userData.Vod` when it is present and not an object (`null` counts as absent).
 */
export function parseUserData(userData: string): VodInfo {
  checkUserDataSize(userData)
  checkJsonDepth(userData, 'userData')
  let parsed: unknown
  try {
    parsed = JSON.parse(userData, (key, value) => (UNSAFE_KEYS.has(key) ? undefined : value))
  } catch (error) {
    throw invalid(
      'userData',
      `userData is not valid JSON: ${explainJsonProblem(userData, error)}.`,
      error,
    )
  }
  if (!isPlainObject(parsed)) {
    throw invalid('userData', 'userData must be a JSON object such as {"Vod":{"Title":"..."}}.')
  }
  const vod = Object.prototype.hasOwnProperty.call(parsed, 'Vod') ? parsed.Vod : undefined
  if (vod === undefined || vod === null) return {}
  if (!isPlainObject(vod)) throw invalid('userData.Vod', 'userData.Vod must be an object.')
  return vod
}

/**
 * The VOD parameters of a file: `meta.userData`'s `Vod` object, overlaid with `meta.vod` (an object, for apps
 * that do not build JSON). Throws `INVALID_ARGUMENT` for malformed input.
 */
export function vodInfoOf(meta: FileMeta): VodInfo {
  const { userData, vod } = meta
  let info: VodInfo = {}
  if (userData !== undefined && userData !== null && userData !== '') {
    if (typeof userData !== 'string') {
      throw invalid('userData', 'userData must be a JSON string such as {"Vod":{"Title":"..."}}.')
    }
    info = parseUserData(userData)
  }
  if (vod !== undefined && vod !== null) {
    if (!isPlainObject(vod)) throw invalid('meta.vod', 'meta.vod must be an object.')
    checkValueDepth(vod, 'meta.vod')
    info = { ...info, ...withoutUnsafeKeys(vod) }
  }
  return info
}
