import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { UploadError } from '@vodup/core'
import { ossTarget } from '@vodup/target-oss'
import { defaultCheckpointDir } from '@vodup/transport-node'
import { DEFAULT_REGION, isPlainHttpToRemote, type RpcCredentials, vodEndpoint } from '@vodup/vod'
import { findCredentials } from './credentials'
import { DEFAULT_EMULATOR_PORT, DEFAULT_JOBS, EMULATOR_CHECKPOINT_SUBDIR } from './defaults'
import { formatLimit } from './limits'
import { parseCount, parseRate, parseSize } from './parse-size'
import { type RawVodFields, type VodFields, vodFieldsOf } from './vod-fields'

/** `vodup upload` options as commander hands them over. */
export interface RawUploadOptions extends RawVodFields {
  recursive?: boolean
  include?: string[]
  exclude?: string[]
  jobs?: string
  concurrency?: string
  partSize?: string
  limitRate?: string
  dryRun?: boolean
  force?: boolean
  json?: boolean
  quiet?: boolean
  verbose?: boolean
  accessKeyId?: string
  accessKeySecret?: string
  securityToken?: string
  profile?: string
  region?: string
  vodEndpoint?: string
  allowPlainHttp?: boolean
  emulatorPort?: string
  emulatorData?: string
  checkpointDir?: string
}

/** Where the files go. */
export type UploadDestination =
  /**
   * No keys: an emulator started inside the process. In memory unless `dataDir` is given; then its data and port
   * stay the same between runs, so an interrupted upload resumes.
   */
  | { kind: 'emulator'; port: number; dataDir?: string }
  /** VOD (or a VOD-compatible endpoint): the command calls CreateUploadVideo itself with these keys. */
  | {
      kind: 'vod'
      credentials: RpcCredentials
      region: string
      endpoint: string
      /** Where the keys came from, for messages (never the keys). */
      credentialSource: string
      /** Plain `http://` to a host that is not loopback was allowed (`--allow-plain-http`). */
      allowPlainHttp?: boolean
    }

/** How much the command prints. */
export type Verbosity = 'quiet' | 'normal' | 'verbose'

/** What every batch command (`upload`, `cp`) needs, checked. */
export interface BatchSettings {
  /** The files and directories named, as absolute paths. */
  paths: string[]
  recursive: boolean
  include: string[]
  exclude: string[]
  /** Files uploading at once. */
  jobs: number
  /** Parts in flight per file. */
  concurrency?: number
  partSize?: number
  /** Bandwidth cap in bytes per second, for all files together. */
  limitRate?: number
  dryRun: boolean
  force: boolean
  json: boolean
  verbosity: Verbosity
  /**
   * Where checkpoints and the record of finished uploads are kept; undefined with the keyless emulator, which
   * keeps nothing between runs.
   */
  checkpointDir?: string
}

/** Everything `vodup upload` needs, checked. */
export interface UploadSettings extends BatchSettings {
  /** VOD API parameters for every file (`Title`, `CateId`...). */
  vod: VodFields
  destination: UploadDestination
}

/** Where the command finds its surroundings. */
export interface OptionContext {
  env: NodeJS.ProcessEnv
  cwd: string
  /** The user's home directory (for `~/.aliyun/config.json`). Default `os.homedir()`. */
  home?: string
}

function usage(message: string, field: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', message, { field })
}

async function destinationOf(
  raw: RawUploadOptions,
  context: OptionContext,
): Promise<UploadDestination> {
  const found = await findCredentials(raw, context.env, context.home ?? homedir())
  if (!found) {
    if (raw.vodEndpoint || raw.region) {
      throw usage(
        `${raw.vodEndpoint ? '--vod-endpoint' : '--region'} needs keys: --access-key-id and --access-key-secret, --profile, or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET.`,
        'accessKeyId',
      )
    }
    const dataDir =
      raw.emulatorData === undefined ? undefined : resolve(context.cwd, raw.emulatorData)
    return {
      kind: 'emulator',
      port:
        raw.emulatorPort !== undefined
          ? parseCount(raw.emulatorPort, '--emulator-port', 0)
          : dataDir
            ? DEFAULT_EMULATOR_PORT
            : 0,
      ...(dataDir ? { dataDir } : {}),
    }
  }
  if (raw.emulatorData !== undefined || raw.emulatorPort !== undefined) {
    throw usage(
      `--${raw.emulatorData !== undefined ? 'emulator-data' : 'emulator-port'} is for the built-in emulator, which runs only without keys (keys came from ${found.source}).`,
      'emulatorData',
    )
  }
  const region = raw.region ?? found.region
  if (!raw.vodEndpoint && !region) {
    throw usage(
      `With keys (from ${found.source}), say where VOD is: --region (e.g. cn-shanghai) or --vod-endpoint URL.`,
      'region',
    )
  }
  const endpoint = vodEndpoint(region ?? DEFAULT_REGION, raw.vodEndpoint)
  refusePlainHttp(endpoint, '--vod-endpoint', raw.allowPlainHttp)
  return {
    kind: 'vod',
    credentials: found.credentials,
    region: region ?? DEFAULT_REGION,
    endpoint,
    credentialSource: found.source,
    ...(raw.allowPlainHttp ? { allowPlainHttp: true } : {}),
  }
}

/**
 * Refuses plain `http://` to a host that is not loopback unless `--allow-plain-http`: signed requests and security
 * tokens would cross the network in clear.
 */
export function refusePlainHttp(
  endpoint: string,
  flag: string,
  allowed: boolean | undefined,
): void {
  if (allowed || !isPlainHttpToRemote(endpoint)) return
  throw usage(
    `${flag} ${new URL(endpoint).host} is plain http:// to a host that is not loopback: signed requests and security tokens would travel in clear. Use https://, or add --allow-plain-http for a network you trust.`,
    flag,
  )
}

function partSizeOf(text: string): number {
  const size = parseSize(text, '--part-size')
  const { minPartSize, maxPartSize } = ossTarget().target.limits
  if (size < minPartSize || size > maxPartSize) {
    throw usage(
      `--part-size must be between ${formatLimit(minPartSize)} and ${formatLimit(maxPartSize)} (OSS limits); got "${text}".`,
      '--part-size',
    )
  }
  return size
}

function checkpointDirOf(
  raw: RawUploadOptions,
  destination: UploadDestination,
  cwd: string,
): string | undefined {
  if (destination.kind === 'emulator' && !destination.dataDir) {
    if (raw.checkpointDir !== undefined) {
      throw usage(
        '--checkpoint-dir has no use with the keyless emulator, which keeps nothing after the command ends; add --emulator-data DIR to keep uploads between runs.',
        'checkpointDir',
      )
    }
    return undefined
  }
  if (raw.checkpointDir !== undefined) return resolve(cwd, raw.checkpointDir)
  return destination.kind === 'emulator' && destination.dataDir
    ? join(destination.dataDir, EMULATOR_CHECKPOINT_SUBDIR)
    : defaultCheckpointDir()
}

/** The batch options of `upload` and `cp` as commander hands them over. */
export type RawBatchOptions = Pick<
  RawUploadOptions,
  | 'recursive'
  | 'include'
  | 'exclude'
  | 'jobs'
  | 'concurrency'
  | 'partSize'
  | 'limitRate'
  | 'dryRun'
  | 'force'
  | 'json'
  | 'quiet'
  | 'verbose'
>

/** Checks the batch options shared by `upload` and `cp`; throws `INVALID_ARGUMENT` naming the bad one. */
export function resolveBatchOptions(
  paths: string[],
  raw: RawBatchOptions,
  cwd: string,
): Omit<BatchSettings, 'checkpointDir'> {
  if (paths.length === 0) throw usage('Name at least one file or directory to upload.', 'files')
  if (raw.quiet && raw.verbose) throw usage('Choose --quiet or --verbose, not both.', 'quiet')
  return {
    paths: paths.map((path) => resolve(cwd, path)),
    recursive: raw.recursive === true,
    include: raw.include ?? [],
    exclude: raw.exclude ?? [],
    jobs: raw.jobs !== undefined ? parseCount(raw.jobs, '--jobs') : DEFAULT_JOBS,
    ...(raw.concurrency !== undefined
      ? { concurrency: parseCount(raw.concurrency, '--concurrency') }
      : {}),
    ...(raw.partSize !== undefined ? { partSize: partSizeOf(raw.partSize) } : {}),
    ...(raw.limitRate !== undefined ? { limitRate: parseRate(raw.limitRate, '--limit-rate') } : {}),
    dryRun: raw.dryRun === true,
    force: raw.force === true,
    json: raw.json === true,
    verbosity: raw.quiet ? 'quiet' : raw.verbose ? 'verbose' : 'normal',
  }
}

/** Checks `vodup upload` options (reading a profile when one is named); throws `INVALID_ARGUMENT` naming the bad one. */
export async function resolveUploadOptions(
  paths: string[],
  raw: RawUploadOptions,
  context: OptionContext,
): Promise<UploadSettings> {
  const batch = resolveBatchOptions(paths, raw, context.cwd)
  const vod = vodFieldsOf(raw)
  const destination = await destinationOf(raw, context)
  const checkpointDir = checkpointDirOf(raw, destination, context.cwd)
  return { ...batch, vod, destination, ...(checkpointDir ? { checkpointDir } : {}) }
}
