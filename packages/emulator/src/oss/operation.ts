/** Names the OSS operation a request asks for (`Unknown` when the emulator does not implement it). */
export function ossOperation(
  method: string,
  query: URLSearchParams,
  bucket: string | undefined,
  key: string | undefined,
  contentType: string | undefined,
): string {
  if (!bucket) return 'Unknown'
  if (method === 'OPTIONS') return 'Options'
  if (!key) {
    if (method === 'POST' && /^multipart\/form-data/i.test(contentType ?? '')) return 'PostObject'
    return 'Unknown'
  }
  const hasUploadId = query.has('uploadId')
  switch (method) {
    case 'PUT':
      return hasUploadId || query.has('partNumber') ? 'UploadPart' : 'PutObject'
    case 'POST':
      if (query.has('uploads')) return 'InitiateMultipartUpload'
      if (hasUploadId) return 'CompleteMultipartUpload'
      return 'Unknown'
    case 'DELETE':
      return hasUploadId ? 'AbortMultipartUpload' : 'DeleteObject'
    case 'GET':
      return hasUploadId ? 'ListParts' : 'GetObject'
    case 'HEAD':
      return 'HeadObject'
    default:
      return 'Unknown'
  }
}
