import { timingSafeEqual } from 'node:crypto'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import Busboy from '@fastify/busboy'
import { readBody } from '../http/body.js'
import { send } from '../http/respond.js'
import { checkScope, checkSecurityToken } from './auth-checks.js'
import { OssError, ossError } from './errors.js'
import { MAX_SINGLE_OBJECT } from './object-handlers.js'
import { type OssDeps, type OssRequest, ossResponseHeaders, quoted } from './oss-deps.js'
import {
  checkContentLength,
  checkPolicyConditions,
  decodePolicy,
  type PostPolicy,
} from './post-policy.js'
import { type ReceivedBlob, receiveBlob } from './receive.js'
import { v1Signature } from './signature-v1.js'
import { xmlDocument } from './xml.js'

interface Accepted {
  key: string
  policy?: PostPolicy
}

/** Checks the form fields that precede the file: key, credentials, signature and policy. */
function acceptForm(
  fields: Map<string, string>,
  filename: string,
  request: OssRequest,
  deps: OssDeps,
): Accepted {
  const rawKey = fields.get('key')
  if (!rawKey) throw ossError.invalidArgument('The key field is missing.', 'key', '')
  const key = rawKey.replace(/\$\{filename\}/g, filename)
  fields.set('bucket', request.bucket)
  const accessKeyId = fields.get('ossaccesskeyid')
  if (!accessKeyId) throw ossError.accessDenied()
  const policyText = fields.get('policy')
  const signature = fields.get('signature')
  if (!policyText || !signature) {
    throw ossError.invalidArgument(
      'The policy and Signature fields are required with OSSAccessKeyId.',
      'policy',
      '',
    )
  }
  const credential = deps.credentials.find(accessKeyId)
  if (!credential) throw ossError.invalidAccessKeyId(accessKeyId)
  checkSecurityToken(credential, fields.get('x-oss-security-token'), deps)
  const expected = Buffer.from(v1Signature(credential.accessKeySecret, policyText))
  const provided = Buffer.from(signature)
  if (expected.length !== provided.length || !timingSafeEqual(expected, provided)) {
    throw ossError.signatureDoesNotMatch(accessKeyId, signature, policyText)
  }
  const policy = decodePolicy(policyText)
  if (policy.expiration < deps.clock.now()) {
    throw ossError.accessDenied('Invalid according to Policy: Policy expired.')
  }
  checkPolicyConditions(policy, fields)
  checkScope(credential, request.bucket, key)
  return { key, policy }
}

/** PostObject: the HTML form upload (`wx.uploadFile`), authorized by a signed policy. */
export async function postObject(request: OssRequest, deps: OssDeps): Promise<void> {
  const { ctx, bucket } = request
  const fields = new Map<string, string>()
  ctx.params = fields
  let failure: unknown
  let upload:
    | Promise<{ accepted: Accepted; blob: ReceivedBlob; contentType: string } | undefined>
    | undefined
  let parser: ReturnType<typeof Busboy>
  try {
    parser = Busboy({
      headers: ctx.req.headers as never,
      limits: { fields: 200, fieldSize: 1024 * 1024, files: 1 },
    })
  } catch {
    throw ossError.malformedPost()
  }
  parser.on('field', (name, value) => {
    if (!upload) fields.set(name.toLowerCase(), value)
  })
  parser.on('file', (name, stream, filename, _encoding, mimeType) => {
    if (name.toLowerCase() !== 'file' || upload || failure) {
      stream.resume()
      return
    }
    let accepted: Accepted
    try {
      accepted = acceptForm(fields, filename ?? '', request, deps)
      ctx.key = accepted.key
    } catch (error) {
      failure = error
      stream.resume()
      return
    }
    const contentType = fields.get('content-type') || mimeType || 'application/octet-stream'
    upload = receiveBlob(stream as AsyncIterable<Buffer>, deps.store.blobs, {
      maxSize: MAX_SINGLE_OBJECT,
      onTooLarge: () => ossError.entityTooLarge(),
    }).then(
      (blob) => ({ accepted, blob, contentType }),
      (error) => {
        failure = error
        return undefined
      },
    )
  })
  try {
    await pipeline(Readable.from(readBody(ctx)), parser)
  } catch (error) {
    if (error instanceof OssError) throw error
    if (ctx.wasReset || ctx.req.destroyed) throw error
    throw ossError.malformedPost()
  }
  const result = await upload
  if (failure) {
    if (result) await deps.store.blobs.remove(result.blob.ref)
    throw failure
  }
  if (!result) throw ossError.invalidArgument('The file field is missing.', 'file', '')
  const { accepted, blob, contentType } = result
  try {
    if (accepted.policy) checkContentLength(accepted.policy, blob.size)
  } catch (error) {
    await deps.store.blobs.remove(blob.ref)
    throw error
  }
  const etag = blob.md5.toString('hex').toUpperCase()
  const meta: Record<string, string> = {}
  for (const [name, value] of fields) if (name.startsWith('x-oss-meta-')) meta[name] = value
  await deps.store.putObject({
    bucket,
    key: accepted.key,
    size: blob.size,
    etag,
    crc64: blob.crcStored.toString(),
    contentType,
    lastModified: deps.clock.now(),
    type: 'Normal',
    meta,
    segments: [{ ref: blob.ref, size: blob.size }],
  })
  const headers = {
    ...ossResponseHeaders(ctx, deps),
    ETag: quoted(etag),
    'x-oss-hash-crc64ecma': blob.crcReceived.toString(),
    'Content-MD5': blob.md5.toString('base64'),
  }
  const status = Number(fields.get('success_action_status'))
  if (status === 201) {
    send(
      ctx,
      201,
      { ...headers, 'Content-Type': 'application/xml' },
      xmlDocument('PostResponse', [
        ['Bucket', bucket],
        ['Location', `${deps.baseUrl()}/${bucket}/${accepted.key}`],
        ['Key', accepted.key],
        ['ETag', quoted(etag)],
      ]),
    )
  } else {
    send(ctx, status === 200 ? 200 : 204, headers)
  }
}
