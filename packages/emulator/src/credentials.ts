import { randomBytes } from 'node:crypto'
import type { Clock } from './clock.js'
import type { Persistence } from './storage/persistence.js'

/** Who a credential belongs to: the account itself, an AssumeRole session, or one VOD upload. */
export type CredentialKind = 'account' | 'sts' | 'upload-auth'

/** The object an UploadAuth credential may write to. */
export interface CredentialScope {
  bucket: string
  key: string
}

/** A key pair the emulator accepts, with its token and limits. */
export interface Credential {
  kind: CredentialKind
  accessKeyId: string
  accessKeySecret: string
  /** Present for temporary credentials. */
  securityToken?: string
  /** Epoch milliseconds (server clock) after which the token is expired. */
  expiresAt?: number
  /** UploadAuth credentials may only touch this object. */
  scope?: CredentialScope
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `length` random letters and digits. */
export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length]
  return out
}

const RECORD = 'credentials'

/** Every credential the emulator knows: the account keys plus the temporary ones it issued. */
export class CredentialStore {
  private readonly byId = new Map<string, Credential>()

  constructor(
    account: { accessKeyId: string; accessKeySecret: string },
    private readonly clock: Clock,
    private readonly persistence: Persistence,
  ) {
    this.byId.set(account.accessKeyId, { kind: 'account', ...account })
  }

  /** Restores the temporary credentials saved in the data directory. */
  async load(): Promise<void> {
    const saved = await this.persistence.load<Credential[]>(RECORD)
    for (const credential of saved ?? []) {
      if (!this.byId.has(credential.accessKeyId)) this.byId.set(credential.accessKeyId, credential)
    }
  }

  /** The credential with this AccessKey id, if any. */
  find(accessKeyId: string): Credential | undefined {
    return this.byId.get(accessKeyId)
  }

  /** True when a temporary credential's lifetime is over. */
  isExpired(credential: Credential): boolean {
    return credential.expiresAt !== undefined && this.clock.now() >= credential.expiresAt
  }

  /** Mints a temporary credential valid for `ttlSeconds`. */
  async issue(
    kind: Exclude<CredentialKind, 'account'>,
    ttlSeconds: number,
    scope?: CredentialScope,
  ): Promise<Credential> {
    const credential: Credential = {
      kind,
      accessKeyId: `STS.${randomAlphanumeric(25)}`,
      accessKeySecret: randomAlphanumeric(44),
      securityToken: `CAIS${randomBytes(180).toString('base64')}`,
      expiresAt: this.clock.now() + ttlSeconds * 1000,
      ...(scope ? { scope } : {}),
    }
    this.byId.set(credential.accessKeyId, credential)
    await this.save()
    return credential
  }

  /** Makes every temporary credential issued so far expire now. */
  async expireAll(): Promise<void> {
    const now = this.clock.now()
    for (const credential of this.byId.values()) {
      if (credential.kind !== 'account')
        credential.expiresAt = Math.min(credential.expiresAt ?? now, now)
    }
    await this.save()
  }

  private save(): Promise<void> {
    const temporary = [...this.byId.values()].filter((c) => c.kind !== 'account')
    return this.persistence.save(RECORD, temporary)
  }
}
