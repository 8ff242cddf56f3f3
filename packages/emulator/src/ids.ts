import { randomBytes, randomUUID } from 'node:crypto'

/** Upper-case hex of `bytes` random bytes. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex').toUpperCase()
}

/** An OSS request id: 24 upper-case hex digits. */
export function ossRequestId(): string {
  return randomHex(12)
}

/** An OpenAPI (VOD, STS) request id: an upper-case UUID. */
export function rpcRequestId(): string {
  return randomUUID().toUpperCase()
}

/** A multipart upload id: 32 upper-case hex digits. */
export function uploadId(): string {
  return randomHex(16)
}

/** A VOD media id (VideoId, ImageId): 32 lower-case hex digits. */
export function mediaId(): string {
  return randomHex(16).toLowerCase()
}
