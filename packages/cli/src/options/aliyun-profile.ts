import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { UploadError } from '@vodup/core'
import type { RpcCredentials } from '@vodup/vod'

/** Credentials (and a region, when the profile has one) read from the Alibaba Cloud CLI's configuration. */
export interface ProfileCredentials {
  credentials: RpcCredentials
  region?: string
}

/** The modes of the Alibaba Cloud CLI's profiles that hold keys vodup can use as they are. */
const READABLE_MODES = new Set(['AK', 'StsToken'])

function usage(message: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', message, { field: 'profile' })
}

/** `~/.aliyun/config.json`, or the file `ALIBABA_CLOUD_CONFIG_FILE` names (as the Alibaba Cloud SDKs read it). */
export function aliyunConfigPath(env: NodeJS.ProcessEnv, home: string): string {
  return env.ALIBABA_CLOUD_CONFIG_FILE || join(home, '.aliyun', 'config.json')
}

function text(profile: Record<string, unknown>, field: string): string | undefined {
  const value = profile[field]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/**
 * Reads profile `name` from the Alibaba Cloud CLI's `config.json` (`{ current, profiles: [{ name, mode,
 * access_key_id, access_key_secret, sts_token, region_id, ... }] }`). Modes `AK` and `StsToken` are read; the
 * others (RamRoleArn, EcsRamRole, RsaKeyPair, External, CredentialsURI, OIDC, CloudSSO...) need calls vodup does
 * not make and are refused with `INVALID_ARGUMENT`, as are a missing file or profile. Messages never quote a key.
 */
export async function readAliyunProfile(
  name: string,
  env: NodeJS.ProcessEnv,
  home: string,
): Promise<ProfileCredentials> {
  const path = aliyunConfigPath(env, home)
  let raw: string
  try {
    raw = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as { code?: unknown }).code
    throw usage(
      code === 'ENOENT'
        ? `Profile "${name}" not found: there is no Alibaba Cloud CLI configuration at ${path} (\`aliyun configure --profile ${name}\` writes one).`
        : `Profile "${name}": cannot read ${path}: ${(error as Error).message}`,
    )
  }
  let config: unknown
  try {
    config = JSON.parse(raw)
  } catch {
    throw usage(`Profile "${name}": ${path} is not valid JSON.`)
  }
  const profiles = (config as { profiles?: unknown })?.profiles
  const list = Array.isArray(profiles)
    ? profiles.filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null)
    : []
  const profile = list.find((p) => p.name === name)
  if (!profile) {
    const names = list.map((p) => p.name).filter((n): n is string => typeof n === 'string')
    throw usage(
      `Profile "${name}" not found in ${path}${names.length > 0 ? `; it has ${names.map((n) => `"${n}"`).join(', ')}` : ''}.`,
    )
  }
  const mode = text(profile, 'mode') ?? 'AK'
  if (!READABLE_MODES.has(mode)) {
    throw usage(
      `Profile "${name}" uses mode ${mode}; vodup reads modes AK and StsToken only. Get keys or an STS token for it (e.g. \`aliyun sts AssumeRole\`) and pass them as ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and ALIBABA_CLOUD_SECURITY_TOKEN.`,
    )
  }
  const accessKeyId = text(profile, 'access_key_id')
  const accessKeySecret = text(profile, 'access_key_secret')
  const securityToken = text(profile, 'sts_token')
  const missing = [
    accessKeyId ? undefined : 'access_key_id',
    accessKeySecret ? undefined : 'access_key_secret',
    mode === 'StsToken' && !securityToken ? 'sts_token' : undefined,
  ].filter(Boolean)
  if (missing.length > 0 || !accessKeyId || !accessKeySecret) {
    throw usage(`Profile "${name}" (mode ${mode}) in ${path} has no ${missing.join(' and ')}.`)
  }
  const region = text(profile, 'region_id')
  return {
    credentials: {
      accessKeyId,
      accessKeySecret,
      ...(mode === 'StsToken' && securityToken ? { securityToken } : {}),
    },
    ...(region ? { region } : {}),
  }
}
