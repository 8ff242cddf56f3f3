import { type CheckedStsToken, checkStsToken, type DecodedAnswer, decodeAnswer } from '@vodup/vod'

/** Credentials the app gave through one of VODUpload's methods, decoded and checked. */
export type AppAnswer =
  /** `setUploadAuthAndAddress`, `resumeUploadWithAuth`: VOD's UploadAuth (and UploadAddress). */
  | { kind: 'upload-auth'; decoded: DecodedAnswer }
  /** `setSTSToken`, `resumeUploadWithSTSToken`: STS credentials with which vodup calls VOD itself. */
  | { kind: 'sts'; token: CheckedStsToken }

/** Decodes `setUploadAuthAndAddress` / `resumeUploadWithAuth` arguments; throws `AUTH_INVALID` naming the field. */
export function uploadAuthAnswer(
  uploadAuth: unknown,
  uploadAddress?: unknown,
  videoId?: unknown,
): AppAnswer {
  const answer: Record<string, unknown> = { uploadAuth }
  if (uploadAddress !== undefined && uploadAddress !== null) answer.uploadAddress = uploadAddress
  if (videoId !== undefined && videoId !== null && videoId !== '') answer.videoId = videoId
  return { kind: 'upload-auth', decoded: decodeAnswer(answer) }
}

/** Checks `setSTSToken` / `resumeUploadWithSTSToken` arguments; throws `AUTH_INVALID` naming the field. */
export function stsAnswer(
  accessKeyId: unknown,
  accessKeySecret: unknown,
  securityToken: unknown,
): AppAnswer {
  return { kind: 'sts', token: checkStsToken({ accessKeyId, accessKeySecret, securityToken }) }
}
