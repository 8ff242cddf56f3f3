import { request } from 'node:http'

/** A raw HTTP answer. */
export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  text: string
}

/** One HTTP request over node:http (so any Host header can be sent). */
export function httpRequest(
  url: string,
  options: {
    method?: string
    headers?: Record<string, string | number>
    body?: string | Buffer
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const body = Buffer.concat(chunks)
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString('utf8'),
          })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** The text of one element in an XML body. */
export function xmlField(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]
}

/** A control API request (`/__vodup/<path>`) with the emulator's token, and a JSON body when one is given. */
export function controlRequest(
  emulator: { url: string; controlToken: string },
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<RawResponse> {
  return httpRequest(`${emulator.url}/__vodup/${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${emulator.controlToken}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
}
