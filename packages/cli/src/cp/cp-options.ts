import { homedir } from 'node:os'
import { resolve } from 'node:path'
import { UploadError } from '@vodup/core'
import { parseEndpoint } from '@vodup/target-oss/internal'
import { defaultCheckpointDir } from '@vodup/transport-node'
import type { RpcCredentials } from '@vodup/vod'
import { findCredentials } from '../options/credentials'
import {
  type BatchSettings,
  type OptionContext,
  type RawBatchOptions,
  refusePlainHttp,
  resolveBatchOptions,
} from '../options/upload-options'
import { type OssLocation, parseOssUrl } from './oss-url'

/** `vodup cp` options as commander hands them over. */
export interface RawCpOptions extends RawBatchOptions {
  endpoint?: string
  allowPlainHttp?: boolean
  region?: string
  profile?: string
  accessKeyId?: string
  accessKeySecret?: string
  securityToken?: string
  checkpointDir?: string
}

/** Everything `vodup cp` needs, checked. */
export interface CpSettings extends BatchSettings {
  location: OssLocation
  /** The OSS endpoint, with scheme. */
  endpoint: string
  region?: string
  credentials: RpcCredentials
  /** Where the keys came from (never the keys). */
  credentialSource: string
}

function usage(message: string, field: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', message, { field })
}

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/

/** Checks `vodup cp SOURCE... oss://BUCKET/KEY` options; throws `INVALID_ARGUMENT` naming the bad one. */
export async function resolveCpOptions(
  sources: string[],
  destination: string,
  raw: RawCpOptions,
  context: OptionContext,
): Promise<CpSettings> {
  if (sources.length === 0 || !destination.startsWith('oss://')) {
    throw usage(
      'Name the files to copy, then where: vodup cp FILE... oss://BUCKET/KEY (or oss://BUCKET/PREFIX/).',
      'destination',
    )
  }
  const batch = resolveBatchOptions(sources, raw, context.cwd)
  const location = parseOssUrl(destination)
  if (!location.prefix && (sources.length > 1 || raw.recursive)) {
    throw usage(
      `Several files (or -r) need a destination prefix ending in "/", e.g. oss://${location.bucket}/${location.key}/.`,
      'destination',
    )
  }
  const found = await findCredentials(raw, context.env, context.home ?? homedir())
  if (!found) {
    throw usage(
      'vodup cp needs keys: --access-key-id and --access-key-secret, --profile NAME, or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET.',
      'accessKeyId',
    )
  }
  const region = raw.region ?? found.region
  if (region !== undefined && !REGION.test(region)) {
    throw usage(`--region must be a region id such as cn-hangzhou; got "${region}".`, 'region')
  }
  let endpoint: string
  if (raw.endpoint !== undefined) {
    const { scheme, host } = parseEndpoint(raw.endpoint)
    endpoint = `${scheme}://${host}`
    refusePlainHttp(endpoint, '--endpoint', raw.allowPlainHttp)
  } else if (region) {
    endpoint = `https://oss-${region}.aliyuncs.com`
  } else {
    throw usage(
      'Say where OSS is: --endpoint URL (e.g. https://oss-cn-hangzhou.aliyuncs.com) or --region.',
      'endpoint',
    )
  }
  return {
    ...batch,
    location,
    endpoint,
    ...(region ? { region } : {}),
    credentials: found.credentials,
    credentialSource: found.source,
    checkpointDir:
      raw.checkpointDir !== undefined
        ? resolve(context.cwd, raw.checkpointDir)
        : defaultCheckpointDir(),
  }
}
