import { createServer, request as httpRequest, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A hostile server in front of the emulator that answers some OSS requests with an echo of their credentials. */
export interface EchoingProxy {
  /** Where clients go instead of the emulator (VOD, STS and OSS alike). */
  readonly url: string
  /** Every secret-bearing value it echoed (Authorization headers, their signatures, tokens). */
  readonly echoed: Set<string>
  /** Answers the next `count` OSS requests with the echo (a 503, so the client retries). */
  arm(count: number): void
  stop(): Promise<void>
}

const readBody = (message: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    message.on('data', (chunk: Buffer) => chunks.push(chunk))
    message.on('end', () => resolve(Buffer.concat(chunks)))
    message.on('error', reject)
  })

/** The signature inside an Authorization header: after `Signature=` (V4) or after the key id's colon (V1). */
function signatureOf(authorization: string): string {
  const v4 = /Signature=([0-9a-f]+)/.exec(authorization)?.[1]
  return v4 ?? authorization.slice(authorization.indexOf(':') + 1)
}

/**
 * VOD answers name the OSS endpoint to upload to (UploadAddress, base64 JSON): it becomes the proxy, so the
 * uploads come through it too.
 */
function throughProxy(body: Buffer, emulatorUrl: string, proxyUrl: string): Buffer {
  const text = body.toString('utf8')
  if (!text.includes('"UploadAddress"')) return body
  const answer = JSON.parse(text) as { UploadAddress?: string }
  if (!answer.UploadAddress) return body
  const address = JSON.parse(Buffer.from(answer.UploadAddress, 'base64').toString('utf8'))
  if (address.Endpoint === emulatorUrl) address.Endpoint = proxyUrl
  answer.UploadAddress = Buffer.from(JSON.stringify(address)).toString('base64')
  return Buffer.from(JSON.stringify(answer))
}

/**
 * A reverse proxy on 127.0.0.1 in front of the emulator, playing a server that echoes the request in its error
 * answers, as some do with a signature mismatch: the `Authorization` header, its signature and the security token
 * go back in the message, in an element of their own and in a response header. The emulator has no such fault;
 * everything else passes through unchanged.
 */
export async function echoingProxy(emulatorUrl: string): Promise<EchoingProxy> {
  const echoed = new Set<string>()
  let armed = 0
  const target = new URL(emulatorUrl)
  let url = ''
  const server = createServer(async (req, res) => {
    const body = await readBody(req)
    const authorization = req.headers.authorization
    if (armed > 0 && authorization?.startsWith('OSS')) {
      armed--
      const token = String(req.headers['x-oss-security-token'] ?? '')
      const signature = signatureOf(authorization)
      for (const value of [authorization, signature, token]) if (value) echoed.add(value)
      const xml =
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>ServiceUnavailable</Code>' +
        `<Message>Please retry. You sent: Authorization: ${authorization}; x-oss-security-token: ${token}; signature ${signature}</Message>` +
        `<RequestId>ECHO</RequestId><Authorization>${authorization}</Authorization>` +
        `<SignatureProvided>${signature}</SignatureProvided><SecurityToken>${token}</SecurityToken></Error>`
      res.writeHead(503, {
        'content-type': 'application/xml',
        'x-oss-request-id': 'ECHO',
        'x-echo-authorization': authorization,
        'x-echo-security-token': token,
      })
      res.end(xml)
      return
    }
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      async (answer) => {
        const received = throughProxy(await readBody(answer), emulatorUrl, url)
        const headers = { ...answer.headers, 'content-length': String(received.length) }
        delete headers['transfer-encoding']
        res.writeHead(answer.statusCode ?? 502, headers)
        res.end(received)
      },
    )
    forwarded.on('error', () => res.destroy())
    forwarded.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    echoed,
    arm(count) {
      armed = count
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
