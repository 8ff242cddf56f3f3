import { UploadError } from '@vodup/core'
import { parseUserData } from '@vodup/vod'

/**
 * Checks VODUpload's userData argument: omitted (undefined, null, '') or a JSON object text such as
 * `{"Vod":{"Title":"..."}}` whose `Vod`, if present, is an object; the same rules as `@vodup/auth-sts`, which sends
 * it. Throws `INVALID_ARGUMENT` (field `userData` or `userData.Vod`) whose message says where the JSON breaks.
 * Returns the text, or undefined when omitted.
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
  parseUserData(userData)
  return userData
}
