import { escapeXml } from './xml.js'

/** An OSS error answer: status, code, message and the extra elements OSS adds for that code. */
export class OssError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: [string, string][] = [],
  ) {
    super(message)
  }
}

/** The XML body OSS sends with an error. */
export function ossErrorXml(error: OssError, requestId: string, hostId: string): string {
  const lines = [
    ['Code', error.code],
    ['Message', error.message],
    ['RequestId', requestId],
    ['HostId', hostId],
    ...error.details,
  ]
    .map(([name, value]) => `  <${name}>${escapeXml(value!)}</${name}>`)
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n${lines}\n</Error>\n`
}

const hexBytes = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')

/** Constructors for the errors the emulator sends, with OSS's statuses and messages. */
export const ossError = {
  accessForbidden: (message: string) => new OssError(403, 'AccessForbidden', message),
  accessDenied: (message = 'You have no right to access this object because of bucket acl.') =>
    new OssError(403, 'AccessDenied', message),
  invalidAccessKeyId: (accessKeyId: string) =>
    new OssError(
      403,
      'InvalidAccessKeyId',
      'The OSS Access Key Id you provided does not exist in our records.',
      [['OSSAccessKeyId', accessKeyId]],
    ),
  signatureDoesNotMatch: (accessKeyId: string, provided: string, stringToSign: string) =>
    new OssError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      [
        ['OSSAccessKeyId', accessKeyId],
        ['SignatureProvided', provided],
        ['StringToSign', stringToSign],
        ['StringToSignBytes', hexBytes(stringToSign)],
      ],
    ),
  securityTokenExpired: () =>
    new OssError(403, 'SecurityTokenExpired', 'The security token you provided has expired.'),
  invalidSecurityToken: () =>
    new OssError(403, 'InvalidSecurityToken', 'The security token you provided is invalid.'),
  requestTimeTooSkewed: (requestTime: string, serverTime: string) =>
    new OssError(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
      [
        ['RequestTime', requestTime],
        ['ServerTime', serverTime],
        ['MaxAllowedSkewMilliseconds', '900000'],
      ],
    ),
  noSuchUpload: (uploadId: string) =>
    new OssError(
      404,
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      [['UploadId', uploadId]],
    ),
  noSuchKey: (key: string) =>
    new OssError(404, 'NoSuchKey', 'The specified key does not exist.', [['Key', key]]),
  invalidPart: (partNumber: number, etag: string) =>
    new OssError(
      400,
      'InvalidPart',
      "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
      [
        ['PartNumber', String(partNumber)],
        ['ETag', etag],
      ],
    ),
  invalidPartOrder: () =>
    new OssError(
      400,
      'InvalidPartOrder',
      'The list of parts was not in ascending order. Parts list must specified in order by part number.',
    ),
  entityTooSmall: (partNumber?: number) =>
    new OssError(
      400,
      'EntityTooSmall',
      'Your proposed upload is smaller than the minimum allowed size.',
      partNumber === undefined ? [] : [['PartNumber', String(partNumber)]],
    ),
  insufficientStorage: (limitBytes: number) =>
    new OssError(
      507,
      'InsufficientStorage',
      `The emulator keeps objects in memory and holds at most ${limitBytes} bytes of them (memoryLimitBytes): delete objects, raise the limit, or start it with a data directory.`,
    ),
  entityTooLarge: () =>
    new OssError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.'),
  invalidArgument: (message: string, name: string, value: string) =>
    new OssError(400, 'InvalidArgument', message, [
      ['ArgumentName', name],
      ['ArgumentValue', value],
    ]),
  invalidRange: () => new OssError(416, 'InvalidRange', 'The requested range cannot be satisfied.'),
  invalidDigest: () =>
    new OssError(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.'),
  malformedXml: () =>
    new OssError(
      400,
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema.',
    ),
  invalidBucketName: (bucket: string) =>
    new OssError(400, 'InvalidBucketName', 'The specified bucket is not valid.', [
      ['BucketName', bucket],
    ]),
  invalidObjectName: () =>
    new OssError(400, 'InvalidObjectName', 'The specified object is not valid.'),
  fileAlreadyExists: () =>
    new OssError(
      409,
      'FileAlreadyExists',
      'The object you specified already exists and can not be overwritten.',
    ),
  notImplemented: () =>
    new OssError(501, 'NotImplemented', 'The emulator does not implement this operation.'),
  methodNotAllowed: () =>
    new OssError(
      405,
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
    ),
  malformedPost: (
    message = 'The body of your POST request is not well-formed multipart/form-data.',
  ) => new OssError(400, 'MalformedPOSTRequest', message),
  invalidPolicyDocument: (message: string) => new OssError(400, 'InvalidPolicyDocument', message),
}
