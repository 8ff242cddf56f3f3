import type { Authorization, Destination } from '@vodup/core'
import { authInvalid } from './auth-invalid'
import { ownField } from './base64-json'
import { decodeUploadAddress } from './upload-address'
import { decodeUploadAuth } from './upload-auth'

/** What the app answers for one file: the strings VOD returned. */
export interface UploadAuthFields {
  uploadAuth: string
  /** May be left out of a refresh: the destination stays. */
  uploadAddress?: string
  videoId?: string
  imageId?: string
  imageUrl?: string
}

/** A CreateUploadVideo, RefreshUploadVideo or CreateUploadImage response, passed through unchanged. */
export interface VodUploadResponse {
  UploadAuth: string
  UploadAddress?: string
  VideoId?: string
  ImageId?: string
  ImageURL?: string
}

/** The app's answer for one file, in vodup's field names or as VOD's own response. */
export type UploadAuthAnswer = UploadAuthFields | VodUploadResponse

/** A decoded answer: an authorization whose destination may still be missing (a refresh without address). */
export type DecodedAnswer = Omit<Authorization, 'destination'> & { destination?: Destination }

function pick(answer: Record<string, unknown>, camel: string, pascal: string): unknown {
  const value = ownField(answer, camel)
  return value === undefined ? ownField(answer, pascal) : value
}

function optionalId(answer: Record<string, unknown>, camel: string, pascal: string) {
  const value = pick(answer, camel, pascal)
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') throw authInvalid(camel, 'must be a string.')
  return value
}

/** The fields of `value` that are not undefined. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>
}

/**
 * Decodes and checks an app's answer. Throws `AUTH_INVALID` naming the bad field (`UploadAuth`,
 * `UploadAuth.SecurityToken`, `UploadAddress.Bucket`, `videoId`...).
 */
export function decodeAnswer(answer: unknown, receivedAt = Date.now()): DecodedAnswer {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw authInvalid('UploadAuth', 'is missing: the answer must be { uploadAuth, uploadAddress }.')
  }
  const record = answer as Record<string, unknown>
  const { credentials, region } = decodeUploadAuth(
    pick(record, 'uploadAuth', 'UploadAuth'),
    receivedAt,
  )
  const address = pick(record, 'uploadAddress', 'UploadAddress')
  const destination =
    address === undefined || address === null ? undefined : decodeUploadAddress(address)
  const decoded: DecodedAnswer = {
    credentials,
    destination: destination && { ...destination, region },
  }
  const extensions = {
    videoId: optionalId(record, 'videoId', 'VideoId'),
    imageId: optionalId(record, 'imageId', 'ImageId'),
    imageUrl: optionalId(record, 'imageUrl', 'ImageURL'),
  }
  if (extensions.videoId || extensions.imageId || extensions.imageUrl) {
    decoded.extensions = definedOnly(extensions)
  }
  return decoded
}

/**
 * Completes a decoded answer into an authorization: a missing destination is the file's current one. Throws
 * `AUTH_INVALID` on `UploadAddress` when there is none.
 */
export function toAuthorization(
  decoded: DecodedAnswer,
  current: { destination?: Destination; videoId?: string } = {},
): Authorization {
  const destination = decoded.destination ?? current.destination
  if (!destination) {
    throw authInvalid('UploadAddress', 'is missing: the first credentials of a file need one.')
  }
  const authorization: Authorization = { ...decoded, destination }
  const videoId = decoded.extensions?.videoId ?? current.videoId
  if (videoId) authorization.extensions = { ...decoded.extensions, videoId }
  return authorization
}
