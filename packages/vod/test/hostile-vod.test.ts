import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createUploader, type HttpRequest, isUploadError } from '@vodup/core'
import { memoryTarget, memoryTransport } from '@vodup/core/testing'
import { nodeTransport } from '@vodup/transport-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryStore } from '#test-support'
import { callVodApi, credentialFlow } from '../src/index'

/**
 * A hostile (or merely chatty) OpenAPI server on 127.0.0.1: it refuses every call with an error whose message
 * echoes the request it received, the way gateways echo a string to sign, raw, percent-encoded and as JSON.
 */
let server: Server
let url: string
const received: Array<{ signature: string; token: string }> = []

beforeAll(async () => {
  server = createServer((request, response) => {
    const query = (request.url ?? '').replace(/^[^?]*\?/, '')
    const params = new URLSearchParams(query)
    received.push({
      signature: params.get('Signature') ?? '',
      token: params.get('SecurityToken') ?? '',
    })
    const echo = {
      RequestId: 'echo-1',
      Code: 'InvalidParameter',
      Message: `The access key pair is fine, but: GET ${request.url} is refused; as JSON ${JSON.stringify(Object.fromEntries(params))}; encoded ${encodeURIComponent(query)}`,
    }
    response.writeHead(400, { 'content-type': 'application/json' })
    response.end(JSON.stringify(echo))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const transport = nodeTransport({ store: memoryStore() }).transport
const send = (request: HttpRequest) => transport.request(request)
const credentials = {
  accessKeyId: 'STS.echoKeyId',
  accessKeySecret: 'y',
  securityToken: 'CAIS-echo-token/with+chars=and&more',
}

function expectNoSecretIn(text: string) {
  const { signature, token } = received.at(-1) as { signature: string; token: string }
  expect(signature.length).toBeGreaterThan(10)
  expect(token).toBe(credentials.securityToken)
  for (const secret of [
    signature,
    encodeURIComponent(signature),
    token,
    encodeURIComponent(token),
    encodeURIComponent(encodeURIComponent(token)),
  ]) {
    expect(text).not.toContain(secret)
  }
}

describe('an OpenAPI error that echoes the request', () => {
  it('reaches the app without the Signature or the SecurityToken, and without mangled words', async () => {
    const error = await callVodApi(send, {
      action: 'CreateUploadVideo',
      params: { Title: 'Holiday', FileName: 'holiday.mp4' },
      credentials,
      endpoint: url,
    }).catch((e: unknown) => e)
    expect(isUploadError(error)).toBe(true)
    const { message } = error as Error
    expectNoSecretIn(`${message} ${JSON.stringify(error)}`)
    // A one-letter secret ("y") is never searched for, so "key" and "pair" stay whole.
    expect(message).toContain('The access key pair is fine')
    expect(message).toContain('SecurityToken=[redacted]')
    expect(message.length).toBeLessThan(400)
  })

  it('fails an upload whose VOD call echoes it without the secrets reaching errors, hooks or logs', async () => {
    const memory = memoryTransport()
    memory.transport.request = send
    const seen: string[] = []
    const uploader = createUploader([
      memory,
      memoryTarget(),
      credentialFlow({
        name: 'echo-flow',
        vodEndpoint: () => url,
        ask: async () => ({ kind: 'sts', token: credentials }),
      }),
    ])
    uploader.hooks.log.tap('test', (record) => seen.push(JSON.stringify(record)))
    uploader.hooks.response.tap('test', (info) => seen.push(JSON.stringify(info)))
    uploader.hooks.request.tapPromise('test', async (request) => {
      seen.push(JSON.stringify(request))
      return request
    })
    uploader.hooks.fileFailed.tap('test', (_file, error) =>
      seen.push(JSON.stringify(error), error.message),
    )
    const error = await uploader
      .upload(memory.putFile('movie.mp4', new Uint8Array(10)))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'SERVICE_ERROR', serverCode: 'InvalidParameter' })
    expect(seen.length).toBeGreaterThan(2)
    expectNoSecretIn(seen.join('\n'))
  })
})
