import { timingSafeEqual } from 'node:crypto'
import type { Clock } from '../clock.js'
import type { Credential, CredentialStore } from '../credentials.js'
import { MAX_CLOCK_SKEW_MS } from '../defaults.js'
import { rpcError } from './errors.js'
import { rpcSignature, rpcStringToSign } from './signature.js'

/** Signature nonces seen recently, per AccessKey id, to refuse replays. */
export class NonceRegistry {
  private readonly seen = new Map<string, number>()

  /** Records a nonce; false when it was already used within the skew window. */
  remember(accessKeyId: string, nonce: string, now: number): boolean {
    const id = `${accessKeyId}\n${nonce}`
    const previous = this.seen.get(id)
    if (previous !== undefined && now - previous < MAX_CLOCK_SKEW_MS) return false
    this.seen.set(id, now)
    if (this.seen.size > 50_000) {
      for (const [key, time] of this.seen)
        if (now - time >= MAX_CLOCK_SKEW_MS) this.seen.delete(key)
    }
    return true
  }
}

/** What OpenAPI authentication needs. */
export interface RpcAuthDeps {
  credentials: CredentialStore
  clock: Clock
  nonces: NonceRegistry
}

/** Verifies a signature-version-1.0 request. `Timestamp` is optional, as the shipped upload SDKs omit it. */
export function authenticateRpc(
  method: string,
  params: Map<string, string>,
  deps: RpcAuthDeps,
): Credential {
  const accessKeyId = params.get('AccessKeyId')
  if (!accessKeyId) throw rpcError.missing('AccessKeyId')
  const signature = params.get('Signature')
  if (!signature) throw rpcError.missing('Signature')
  if ((params.get('SignatureMethod') ?? 'HMAC-SHA1') !== 'HMAC-SHA1')
    throw rpcError.signatureMethod()
  if ((params.get('SignatureVersion') ?? '1.0') !== '1.0') throw rpcError.signatureVersion()
  const timestamp = params.get('Timestamp')
  if (timestamp !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(timestamp))
      throw rpcError.timestampFormat()
    if (Math.abs(Date.parse(timestamp) - deps.clock.now()) > MAX_CLOCK_SKEW_MS)
      throw rpcError.timestampExpired()
  }
  const credential = deps.credentials.find(accessKeyId)
  if (!credential) throw rpcError.accessKeyNotFound()
  if (credential.kind === 'upload-auth') throw rpcError.forbidden()
  if (credential.kind === 'sts') {
    const token = params.get('SecurityToken')
    if (!token) throw rpcError.missing('SecurityToken')
    const expected = Buffer.from(credential.securityToken ?? '')
    const given = Buffer.from(token)
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw rpcError.tokenMismatch()
    if (deps.credentials.isExpired(credential)) throw rpcError.tokenExpired()
  }
  const stringToSign = rpcStringToSign(method, params)
  const expected = Buffer.from(rpcSignature(credential.accessKeySecret, stringToSign))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw rpcError.signatureMismatch(stringToSign)
  }
  const nonce = params.get('SignatureNonce')
  if (nonce && !deps.nonces.remember(accessKeyId, nonce, deps.clock.now()))
    throw rpcError.nonceUsed()
  return credential
}
