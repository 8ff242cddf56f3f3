/** OSS operations the emulator names in its request log (and faults may target). */
export const OSS_OPERATIONS = [
  'PutObject',
  'PostObject',
  'InitiateMultipartUpload',
  'UploadPart',
  'ListParts',
  'CompleteMultipartUpload',
  'AbortMultipartUpload',
  'GetObject',
  'HeadObject',
  'DeleteObject',
  'Options',
] as const

/** OpenAPI actions the emulator serves (VOD and STS). */
export const RPC_ACTIONS = [
  'CreateUploadVideo',
  'RefreshUploadVideo',
  'CreateUploadImage',
  'GetVideoInfo',
  'AssumeRole',
] as const

/** Every operation name a fault may target: the OSS operations, the OpenAPI actions, and `Unknown`. */
export const OPERATIONS: readonly string[] = [...OSS_OPERATIONS, ...RPC_ACTIONS, 'Unknown']
