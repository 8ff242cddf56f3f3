import {
  base64Encode,
  getHeader,
  type HttpResponse,
  type PartRecord,
  type PartUpload,
  type TargetContext,
} from '@vodup/core'
import { bothSettled } from '../both-settled'
import { isCrc64Decimal } from '../crc64'
import {
  badResponse,
  etagOfMd5,
  integrityMismatch,
  partCrc64Of,
  partMd5Of,
  sameEtag,
} from '../integrity'
import { contentTypeOf } from '../mime'
import { callOss, type OssRuntime } from '../request'

const OPERATION = 'UploadPart'

/** What the local bytes of a part give, as far as the target's integrity option asks. */
interface LocalProof {
  crc64?: string
  md5?: Uint8Array
}

const usesCrc64 = (runtime: OssRuntime) => runtime.options.integrity !== 'md5'
const usesMd5 = (runtime: OssRuntime) => runtime.options.integrity !== 'crc64'

/** The local proofs of a body: CRC-64 unless the target is set to MD5 alone, MD5 where it is asked for. */
async function localProof(
  context: TargetContext,
  runtime: OssRuntime,
  body: Uint8Array,
  md5: Uint8Array | undefined,
): Promise<LocalProof> {
  const crc64 = usesCrc64(runtime) ? await partCrc64Of(context, body) : undefined
  const digest = md5 ?? (usesMd5(runtime) ? await partMd5Of(context, body) : undefined)
  return { ...(crc64 !== undefined ? { crc64 } : {}), ...(digest ? { md5: digest } : {}) }
}

/**
 * Proves local bytes against a part record without sending them: by CRC-64 when the record has one and the
 * target uses CRC-64, else by the ETag (the MD5 of the bytes). Resolves with the record completed with the local
 * CRC-64 (what Complete combines), or undefined when the bytes give another proof.
 */
export async function verifyPart(
  context: TargetContext,
  runtime: OssRuntime,
  body: Uint8Array,
  claimed: PartRecord,
): Promise<PartRecord | undefined> {
  if (body.length !== claimed.size) return undefined
  const byCrc = usesCrc64(runtime) && claimed.crc64 !== undefined
  const crc64 = usesCrc64(runtime) ? await partCrc64Of(context, body) : undefined
  if (byCrc) {
    if (crc64 !== claimed.crc64) return undefined
    if (!usesMd5(runtime)) return { ...claimed }
  }
  if (!sameEtag(etagOfMd5(await partMd5Of(context, body)), claimed.etag)) return undefined
  return { ...claimed, ...(crc64 !== undefined ? { crc64 } : {}) }
}

/** Checks the server's answer for a part against the local proofs; throws when it proves nothing or differs. */
function checkAnswer(response: HttpResponse, partNumber: number, local: LocalProof): string {
  const requestId = getHeader(response.headers, 'x-oss-request-id')
  const details = { partNumber, requestId }
  const etag = getHeader(response.headers, 'etag')
  const serverCrc = getHeader(response.headers, 'x-oss-hash-crc64ecma')
  const missing = [
    !etag ? 'an ETag' : undefined,
    local.crc64 !== undefined && serverCrc === undefined ? 'x-oss-hash-crc64ecma' : undefined,
  ].filter(Boolean)
  if (missing.length > 0 || !etag) {
    throw badResponse(
      `OSS answered part ${partNumber} without ${missing.join(' and ')}: the part is not taken as stored.`,
      OPERATION,
      details,
    )
  }
  if (local.crc64 !== undefined && serverCrc !== undefined) {
    if (!isCrc64Decimal(serverCrc)) {
      throw badResponse(
        `OSS answered part ${partNumber} with a malformed x-oss-hash-crc64ecma.`,
        OPERATION,
        details,
      )
    }
    if (serverCrc !== local.crc64) {
      throw integrityMismatch(
        `OSS stored part ${partNumber} with CRC-64 ${serverCrc}, but the bytes sent have CRC-64 ${local.crc64}.`,
        OPERATION,
        details,
      )
    }
  }
  if (local.md5 && !sameEtag(etag, etagOfMd5(local.md5))) {
    throw integrityMismatch(
      `OSS acknowledged part ${partNumber} with ETag ${etag.slice(0, 80)}, but the bytes sent hash to ${etagOfMd5(local.md5)}.`,
      OPERATION,
      details,
    )
  }
  return etag
}

/**
 * `PUT /key?partNumber=N&uploadId=ID`: sends one part while its CRC-64 is computed (once, the only pass over its
 * bytes by default), then requires the answer's ETag and `x-oss-hash-crc64ecma` and compares the CRC-64: another
 * one is a retryable `INTEGRITY_MISMATCH` (the kernel sends the part again), a missing one a `BAD_RESPONSE` (the
 * part is not acknowledged). With `integrity: 'md5'` or `'both'` the ETag must be the MD5 of the bytes; with
 * `contentMd5` the MD5 goes ahead of the bytes. The part settles only once hashing has stopped reading its bytes.
 */
export async function uploadPart(
  context: TargetContext,
  runtime: OssRuntime,
  part: PartUpload,
): Promise<PartRecord> {
  const { partNumber, body } = part
  const contentMd5 = runtime.options.contentMd5 ? await partMd5Of(context, body) : undefined
  const sending = callOss(context, runtime, {
    operation: OPERATION,
    method: 'PUT',
    query: [
      ['partNumber', String(partNumber)],
      ['uploadId', part.uploadId],
    ],
    headers: {
      'Content-Type': contentTypeOf(context.authorization.destination.objectKey),
      ...(contentMd5 ? { 'Content-MD5': base64Encode(contentMd5) } : {}),
    },
    body,
    partNumber,
    ...(part.onProgress ? { onUploadProgress: part.onProgress } : {}),
  })
  const hashing = localProof(context, runtime, body, contentMd5)
  const [local, response] = await bothSettled(hashing, sending)
  const etag = checkAnswer(response, partNumber, local)
  return {
    n: partNumber,
    etag,
    size: body.length,
    ...(local.crc64 !== undefined ? { crc64: local.crc64 } : {}),
  }
}
