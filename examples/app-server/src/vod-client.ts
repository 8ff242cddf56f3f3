import type { HttpRequest, HttpResponse } from '@vodup/core'
import { UploadError } from '@vodup/core'
import { callVodApi } from '@vodup/vod'
import type { AppServerConfig } from './config'

/** Sends a signed OpenAPI request with Node's fetch. */
async function send(request: HttpRequest): Promise<HttpResponse> {
  let response: Response
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body as string | undefined,
      signal: AbortSignal.timeout(request.timeoutMs ?? 15_000),
    })
  } catch (error) {
    throw new UploadError('NETWORK', `Could not reach ${new URL(request.url).origin}.`, {
      cause: error,
    })
  }
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  return { status: response.status, headers, body: await response.text() }
}

/** What VOD returns for an upload: the strings to hand the client unchanged. */
export interface UploadCredentials {
  uploadAuth: string
  uploadAddress: string
  videoId?: string
  imageId?: string
  imageUrl?: string
}

/** STS credentials for a client that calls VOD itself (`@vodup/auth-sts`). */
export interface StsCredentials {
  accessKeyId: string
  accessKeySecret: string
  securityToken: string
  expiration: string
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined)

/**
 * The VOD and STS calls the app server makes, signed (signature version 1.0, by `@vodup/vod`) with the
 * server's AccessKey.
 */
export function createVodClient(config: AppServerConfig) {
  const credentials = { accessKeyId: config.accessKeyId, accessKeySecret: config.accessKeySecret }
  const vod = (action: string, params: Record<string, string>) =>
    callVodApi(send, {
      action,
      params,
      credentials,
      endpoint: config.vodEndpoint,
      region: config.region,
    })
  const upload = (answer: Record<string, unknown>): UploadCredentials => ({
    uploadAuth: String(answer.UploadAuth),
    uploadAddress: String(answer.UploadAddress),
    videoId: text(answer.VideoId),
    imageId: text(answer.ImageId),
    imageUrl: text(answer.ImageURL),
  })

  return {
    createUploadVideo: async (input: { title: string; fileName: string; userData?: string }) =>
      upload(
        await vod('CreateUploadVideo', {
          Title: input.title,
          FileName: input.fileName,
          ...(input.userData ? { UserData: input.userData } : {}),
        }),
      ),
    refreshUploadVideo: async (videoId: string) =>
      upload(await vod('RefreshUploadVideo', { VideoId: videoId })),
    createUploadImage: async (input: { title: string; imageExt: string }) =>
      upload(
        await vod('CreateUploadImage', {
          ImageType: 'default',
          ImageExt: input.imageExt,
          Title: input.title,
        }),
      ),
    async assumeRole(roleArn: string, sessionName: string): Promise<StsCredentials> {
      const answer = await callVodApi(send, {
        action: 'AssumeRole',
        version: '2015-04-01',
        endpoint: config.stsEndpoint,
        credentials,
        params: {
          RoleArn: roleArn,
          RoleSessionName: sessionName,
          DurationSeconds: String(config.stsDurationSeconds),
        },
      })
      const c = (answer.Credentials ?? {}) as Record<string, unknown>
      return {
        accessKeyId: String(c.AccessKeyId),
        accessKeySecret: String(c.AccessKeySecret),
        securityToken: String(c.SecurityToken),
        expiration: String(c.Expiration),
      }
    },
  }
}

export type VodClient = ReturnType<typeof createVodClient>
