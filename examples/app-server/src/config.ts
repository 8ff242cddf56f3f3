import { UploadError } from '@vodup/core'

/** Where the app server gets credentials and how it signs. */
export interface AppServerConfig {
  /** Interface and port to listen on. Default 127.0.0.1:8080. */
  host: string
  port: number
  /** The account (or RAM user) AccessKey that signs VOD and STS calls. Never leaves the server. */
  accessKeyId: string
  accessKeySecret: string
  /** The VOD region, e.g. `cn-shanghai`. */
  region: string
  /** VOD OpenAPI endpoint. Default `https://vod.<region>.aliyuncs.com`. */
  vodEndpoint: string
  /** STS endpoint. Default `https://sts.aliyuncs.com`. */
  stsEndpoint: string
  /** The RAM role that `/sts-token` assumes; without it, `/sts-token` answers 404. */
  roleArn?: string
  /** Lifetime of STS tokens, 900–43200 s. Default 3600. */
  stsDurationSeconds: number
}

/** Environment variables the server reads. */
export type Environment = Record<string, string | undefined>

function invalid(field: string, message: string): never {
  throw new UploadError('INVALID_ARGUMENT', `${field} ${message}`, { field })
}

function port(env: Environment): number {
  const value = Number(env.PORT ?? 8080)
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    invalid('PORT', 'must be a port number.')
  return value
}

/**
 * Reads the configuration from the environment: `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`,
 * `VOD_REGION`, `VOD_ENDPOINT`, `STS_ENDPOINT`, `ROLE_ARN`, `STS_DURATION_SECONDS`, `HOST`, `PORT`. Returns
 * undefined when neither an AccessKey nor a VOD endpoint is set: the server then runs against a local emulator.
 */
export function configFromEnv(env: Environment): AppServerConfig | undefined {
  const accessKeyId = env.ALIBABA_CLOUD_ACCESS_KEY_ID
  const accessKeySecret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET
  if (!accessKeyId && !accessKeySecret && !env.VOD_ENDPOINT) return undefined
  if (!accessKeyId) invalid('ALIBABA_CLOUD_ACCESS_KEY_ID', 'must be set to call VOD.')
  if (!accessKeySecret) invalid('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'must be set to call VOD.')
  const region = env.VOD_REGION ?? 'cn-shanghai'
  if (!/^[a-z]{2}(-[a-z0-9]+)+$/.test(region))
    invalid('VOD_REGION', 'must be a region id such as cn-shanghai.')
  const stsDurationSeconds = Number(env.STS_DURATION_SECONDS ?? 3600)
  if (
    !Number.isInteger(stsDurationSeconds) ||
    stsDurationSeconds < 900 ||
    stsDurationSeconds > 43200
  ) {
    invalid('STS_DURATION_SECONDS', 'must be a whole number of seconds from 900 to 43200.')
  }
  for (const name of ['VOD_ENDPOINT', 'STS_ENDPOINT'] as const) {
    if (env[name] && !/^https?:\/\/[^/]+\/?$/.test(env[name] as string)) {
      invalid(name, 'must be a URL such as https://vod.cn-shanghai.aliyuncs.com.')
    }
  }
  return {
    host: env.HOST ?? '127.0.0.1',
    port: port(env),
    accessKeyId,
    accessKeySecret,
    region,
    vodEndpoint: env.VOD_ENDPOINT ?? `https://vod.${region}.aliyuncs.com`,
    stsEndpoint: env.STS_ENDPOINT ?? 'https://sts.aliyuncs.com',
    roleArn: env.ROLE_ARN || undefined,
    stsDurationSeconds,
  }
}

/** A RAM role ARN the local emulator accepts. */
export const EMULATOR_ROLE_ARN = 'acs:ram::1234567890123456:role/vodup-uploader'
