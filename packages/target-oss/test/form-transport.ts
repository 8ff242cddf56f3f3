import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { HttpResponse, Transport, UploaderPlugin } from '@vodup/core'
import { nodeTransportForTest } from '#test-support'

/**
 * The Node transport plus a form upload (as `wx.uploadFile` does it): multipart/form-data with the fields first and
 * the file last. Files up to `formUploadMaxSize` go this way.
 */
export async function formTestTransport(formUploadMaxSize = 1024 * 1024): Promise<
  UploaderPlugin & {
    transport: Transport
    forms: Array<{ url: string; fields: Record<string, string>; headers: Record<string, string> }>
  }
> {
  const base = (await nodeTransportForTest()).transport
  const forms: Array<{
    url: string
    fields: Record<string, string>
    headers: Record<string, string>
  }> = []
  const transport: Transport = {
    ...base,
    name: 'form-test',
    capabilities: { ...base.capabilities, formUploadMaxSize },
    async uploadForm(request): Promise<HttpResponse> {
      forms.push({
        url: request.url,
        fields: { ...request.fields },
        headers: { ...request.headers },
      })
      const path = (request.file as { path: string }).path
      const bytes = await readFile(path)
      const form = new FormData()
      for (const [name, value] of Object.entries(request.fields)) form.append(name, value)
      form.append(request.fileField, new Blob([bytes]), basename(path))
      const response = await fetch(request.url, {
        method: 'POST',
        body: form,
        headers: request.headers,
      })
      request.onUploadProgress?.(bytes.length, bytes.length)
      const headers: Record<string, string> = {}
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value
      })
      return { status: response.status, headers, body: await response.text() }
    },
  }
  return {
    name: 'form-test-transport',
    apply: (kernel) => kernel.provideTransport(transport),
    transport,
    forms,
  }
}
