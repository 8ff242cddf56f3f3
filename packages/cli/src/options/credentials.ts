import { UploadError } from '@vodup/core'
import type { RpcCredentials } from '@vodup/vod'
import { readAliyunProfile } from './aliyun-profile'

/** The options and variables that give keys. */
export interface CredentialOptions {
  accessKeyId?: string
  accessKeySecret?: string
  securityToken?: string
  profile?: string
}

/** Keys found, where they came from (for messages; never the keys), and the profile's region if any. */
export interface FoundCredentials {
  credentials: RpcCredentials
  source: string
  region?: string
}

/** The environment variables the Alibaba Cloud SDKs and CLI read, which vodup reads too. */
export const ENV = {
  accessKeyId: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
  accessKeySecret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  securityToken: 'ALIBABA_CLOUD_SECURITY_TOKEN',
  profile: 'ALIBABA_CLOUD_PROFILE',
} as const

function usage(message: string, field: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', message, { field })
}

function pair(
  id: string | undefined,
  secret: string | undefined,
  token: string | undefined,
  names: { id: string; secret: string },
): RpcCredentials | undefined {
  if (!id && !secret) return undefined
  if (!id) throw usage(`An AccessKey secret was given without ${names.id}.`, 'accessKeyId')
  if (!secret) throw usage(`${names.id} was given without ${names.secret}.`, 'accessKeySecret')
  return { accessKeyId: id, accessKeySecret: secret, ...(token ? { securityToken: token } : {}) }
}

/**
 * Finds the keys to use: `--profile NAME`; else `--access-key-id`, `--access-key-secret` and `--security-token`,
 * each falling back to its variable (`ALIBABA_CLOUD_ACCESS_KEY_ID`, `..._SECRET`, `ALIBABA_CLOUD_SECURITY_TOKEN`),
 * so a secret can stay out of the command line; else the profile `ALIBABA_CLOUD_PROFILE` names. Undefined when
 * none is given. Throws `INVALID_ARGUMENT` for half a pair, a token without keys, keys given both as options and as
 * a profile, and an unusable profile.
 */
export async function findCredentials(
  options: CredentialOptions,
  env: NodeJS.ProcessEnv,
  home: string,
): Promise<FoundCredentials | undefined> {
  const flagged = Boolean(options.accessKeyId || options.accessKeySecret || options.securityToken)
  if (options.profile) {
    if (flagged) {
      throw usage(
        'Give either --profile or --access-key-id/--access-key-secret, not both.',
        'profile',
      )
    }
    const found = await readAliyunProfile(options.profile, env, home)
    return { ...found, source: `profile "${options.profile}"` }
  }
  const credentials = pair(
    options.accessKeyId ?? env[ENV.accessKeyId],
    options.accessKeySecret ?? env[ENV.accessKeySecret],
    options.securityToken ?? env[ENV.securityToken],
    {
      id: `--access-key-id (or ${ENV.accessKeyId})`,
      secret: `--access-key-secret (or ${ENV.accessKeySecret})`,
    },
  )
  if (credentials) {
    return {
      credentials,
      source: options.accessKeyId ? 'the --access-key-id option' : ENV.accessKeyId,
    }
  }
  if (options.securityToken) {
    throw usage('--security-token needs --access-key-id and --access-key-secret.', 'securityToken')
  }
  const profile = env[ENV.profile]
  if (profile) {
    const found = await readAliyunProfile(profile, env, home)
    return { ...found, source: `profile "${profile}" (${ENV.profile})` }
  }
  return undefined
}
