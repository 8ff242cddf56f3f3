import { UploadError } from './errors'
import type { KeyValueStore } from './transport'

/** Field names of a credential's secret parts, in the spellings vodup and the services use. */
const SECRET_FIELD = /"(?:access_?key_?secret|security_?token|x-oss-security-token)"\s*:/i

/**
 * Refuses a checkpoint store value that names a secret field (`accessKeySecret`, `securityToken`,
 * `x-oss-security-token`, in any case): `STORAGE_ERROR`, nothing written. Every {@link KeyValueStore} of a transport
 * calls it first in `set`, so a secret never reaches files, wx storage or page storage, whatever a plugin stores.
 */
export function checkStoreValue(key: string, value: string): void {
  if (SECRET_FIELD.test(value)) {
    throw new UploadError(
      'STORAGE_ERROR',
      `Refused to store checkpoint "${key}": it holds a secret field.`,
    )
  }
}
