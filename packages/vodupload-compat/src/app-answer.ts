import {
  assertSecureEndpoint,
  type CredentialAnswer,
  checkStsToken,
  decodeAnswer,
} from '@vodup/vod'

/**
 * Credentials the app gave through one of VODUpload's methods, decoded and checked: VOD's UploadAuth (and
 * UploadAddress) from `setUploadAuthAndAddress` / `resumeUploadWithAuth`, or STS credentials with which vodup calls
 * VOD itself from `setSTSToken` / `resumeUploadWithSTSToken`.
 */
export type AppAnswer = CredentialAnswer

/** Decodes `setUploadAuthAndAddress` / `resumeUploadWithAuth` arguments; throws `AUTH_INVALID` naming the field. */
export function uploadAuthAnswer(
  allowPlainHttp: boolean,
  uploadAuth: unknown,
  uploadAddress?: unknown,
  videoId?: unknown,
): AppAnswer {
  const answer: Record<string, unknown> = { uploadAuth }
  if (uploadAddress !== undefined && uploadAddress !== null) answer.uploadAddress = uploadAddress
  if (videoId !== undefined && videoId !== null && videoId !== '') answer.videoId = videoId
  const decoded = decodeAnswer(answer)
  if (decoded.destination) {
    assertSecureEndpoint(decoded.destination.endpoint, {
      field: 'UploadAddress.Endpoint',
      code: 'AUTH_INVALID',
      allowPlainHttp,
    })
  }
  return { kind: 'upload-auth', decoded }
}

/** Checks `setSTSToken` / `resumeUploadWithSTSToken` arguments; throws `AUTH_INVALID` naming the field. */
export function stsAnswer(
  accessKeyId: unknown,
  accessKeySecret: unknown,
  securityToken: unknown,
): AppAnswer {
  return { kind: 'sts', token: checkStsToken({ accessKeyId, accessKeySecret, securityToken }) }
}
