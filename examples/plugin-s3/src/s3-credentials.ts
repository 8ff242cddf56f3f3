import { type Authorization, type FileTask, UploadError, type UploaderPlugin } from '@vodup/core'

/** AWS credentials: long-lived keys, or temporary ones with a session token and an expiry. */
export interface S3Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /** When temporary credentials stop working; the kernel asks for new ones ahead of it. */
  expiration?: Date
}

/** Options of {@link s3Credentials}. */
export interface S3CredentialsOptions {
  /** The S3 endpoint with its scheme: `https://s3.eu-west-1.amazonaws.com`, `http://127.0.0.1:4568`. */
  endpoint: string
  /** The signing region, e.g. `eu-west-1`. */
  region: string
  bucket: string
  /** The keys, or a function that fetches them (called for each file and again when they expire). */
  credentials: S3Credentials | (() => Promise<S3Credentials>)
  /** The object key of a file. Default: `uploads/<file name>`. */
  objectKey?: (file: FileTask) => string
}

function required(value: unknown, field: string): void {
  if (typeof value !== 'string' || value === '') {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `s3Credentials: "${field}" must be a non-empty string.`,
      {
        field,
      },
    )
  }
}

/**
 * An auth strategy for S3: answers the kernel's `authorize` and `tokenExpired` hooks with the keys and the
 * destination of each file. The secret key goes to request signing only.
 */
export function s3Credentials(options: S3CredentialsOptions): UploaderPlugin {
  required(options?.endpoint, 'endpoint')
  required(options.region, 'region')
  required(options.bucket, 'bucket')
  if (!/^https?:\/\//.test(options.endpoint)) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      's3Credentials: "endpoint" must start with https:// or http://.',
      {
        field: 'endpoint',
      },
    )
  }
  const source = options.credentials
  const fetchCredentials = typeof source === 'function' ? source : async () => source
  const objectKey = options.objectKey ?? ((file: FileTask) => `uploads/${file.name}`)

  const authorize = async (file: FileTask): Promise<Authorization> => {
    const credentials = await fetchCredentials()
    return {
      credentials: {
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.secretAccessKey,
        securityToken: credentials.sessionToken,
        expiresAt: credentials.expiration?.getTime(),
      },
      destination: {
        endpoint: options.endpoint,
        bucket: options.bucket,
        objectKey: objectKey(file),
        region: options.region,
      },
    }
  }

  return {
    name: 's3-credentials',
    apply(kernel) {
      kernel.hooks.authorize.tapPromise('s3-credentials', ({ file }) => authorize(file))
      // Fixed keys cannot be refreshed: let the file fail with the expiry error instead of looping.
      if (typeof source === 'function') {
        kernel.hooks.tokenExpired.tapPromise('s3-credentials', ({ file }) => authorize(file))
      }
    },
  }
}
