import { resolve } from 'node:path'
import { UploadError } from '@vodup/core'
import { defaultCheckpointDir } from '@vodup/transport-node'
import { DEFAULT_REGION, type RpcCredentials, vodEndpoint } from '@vodup/vod'
import {
  DEFAULT_EMULATOR_DATA_DIR,
  DEFAULT_EMULATOR_PORT,
  EMULATOR_CHECKPOINT_DIR,
} from './defaults'
import { parseCount, parseSize } from './parse-size'

/** `vodup upload` options as commander hands them over. */
export interface RawUploadOptions {
  concurrency?: string
  partSize?: string
  title?: string
  cateId?: string
  json?: boolean
  accessKeyId?: string
  accessKeySecret?: string
  securityToken?: string
  region?: string
  vodEndpoint?: string
  emulatorPort?: string
  emulatorDataDir?: string
  checkpointDir?: string
}

/** Where the files go. */
export type UploadDestination =
  /** No cloud settings: an emulator started inside the process, with its data and port kept between runs. */
  | { kind: 'embedded'; port: number; dataDir: string }
  /** VOD (or a VOD-compatible endpoint): the command calls CreateUploadVideo itself with these keys. */
  | { kind: 'vod'; credentials: RpcCredentials; region: string; endpoint: string }

/** Everything `vodup upload` needs, checked. */
export interface UploadSettings {
  files: string[]
  concurrency?: number
  partSize?: number
  title?: string
  cateId?: string
  json: boolean
  destination: UploadDestination
  checkpointDir: string
}

const ENV = {
  accessKeyId: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
  accessKeySecret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  securityToken: 'ALIBABA_CLOUD_SECURITY_TOKEN',
} as const

function usage(message: string, field: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', message, { field })
}

function credentialsOf(raw: RawUploadOptions, env: NodeJS.ProcessEnv): RpcCredentials | undefined {
  const accessKeyId = raw.accessKeyId ?? env[ENV.accessKeyId]
  const accessKeySecret = raw.accessKeySecret ?? env[ENV.accessKeySecret]
  const securityToken = raw.securityToken ?? env[ENV.securityToken]
  if (!accessKeyId && !accessKeySecret) {
    if (raw.securityToken) {
      throw usage(
        '--security-token needs --access-key-id and --access-key-secret.',
        'securityToken',
      )
    }
    return undefined
  }
  if (!accessKeyId) {
    throw usage(
      `An AccessKey secret was given without --access-key-id (or ${ENV.accessKeyId}).`,
      'accessKeyId',
    )
  }
  if (!accessKeySecret) {
    throw usage(
      `--access-key-id was given without --access-key-secret (or ${ENV.accessKeySecret}).`,
      'accessKeySecret',
    )
  }
  return { accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) }
}

function destinationOf(
  raw: RawUploadOptions,
  env: NodeJS.ProcessEnv,
  cwd: string,
): UploadDestination {
  const credentials = credentialsOf(raw, env)
  if (!credentials) {
    if (raw.vodEndpoint || raw.region) {
      throw usage(
        `${raw.vodEndpoint ? '--vod-endpoint' : '--region'} needs --access-key-id and --access-key-secret (or ${ENV.accessKeyId} and ${ENV.accessKeySecret}).`,
        'accessKeyId',
      )
    }
    return {
      kind: 'embedded',
      port:
        raw.emulatorPort === undefined
          ? DEFAULT_EMULATOR_PORT
          : parseCount(raw.emulatorPort, '--emulator-port', 0),
      dataDir: resolve(cwd, raw.emulatorDataDir ?? DEFAULT_EMULATOR_DATA_DIR),
    }
  }
  if (!raw.vodEndpoint && !raw.region) {
    throw usage(
      'With AccessKeys, say where VOD is: --region (e.g. cn-shanghai) or --vod-endpoint URL.',
      'region',
    )
  }
  const region = raw.region ?? DEFAULT_REGION
  return { kind: 'vod', credentials, region, endpoint: vodEndpoint(region, raw.vodEndpoint) }
}

/** Checks `vodup upload` options; throws `INVALID_ARGUMENT` naming the bad one. */
export function resolveUploadOptions(
  files: string[],
  raw: RawUploadOptions,
  env: NodeJS.ProcessEnv,
  cwd: string,
): UploadSettings {
  if (files.length === 0) throw usage('Name at least one file to upload.', 'files')
  if (raw.cateId !== undefined && !/^\d+$/.test(raw.cateId)) {
    throw usage(`--cate-id must be a VOD category id (digits); got "${raw.cateId}".`, 'cateId')
  }
  if (raw.title !== undefined && raw.title.trim() === '') {
    throw usage('--title cannot be empty.', 'title')
  }
  const destination = destinationOf(raw, env, cwd)
  const checkpointDir = raw.checkpointDir
    ? resolve(cwd, raw.checkpointDir)
    : destination.kind === 'embedded'
      ? resolve(cwd, EMULATOR_CHECKPOINT_DIR)
      : defaultCheckpointDir()
  return {
    files: files.map((file) => resolve(cwd, file)),
    ...(raw.concurrency !== undefined
      ? { concurrency: parseCount(raw.concurrency, '--concurrency') }
      : {}),
    ...(raw.partSize !== undefined ? { partSize: parseSize(raw.partSize, '--part-size') } : {}),
    ...(raw.title !== undefined ? { title: raw.title } : {}),
    ...(raw.cateId !== undefined ? { cateId: raw.cateId } : {}),
    json: raw.json === true,
    destination,
    checkpointDir,
  }
}
