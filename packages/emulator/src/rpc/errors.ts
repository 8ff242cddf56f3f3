/** An OpenAPI (VOD, STS) error answer. */
export class RpcError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The JSON body the OpenAPI gateway sends with an error. */
export function rpcErrorBody(error: RpcError, requestId: string, hostId: string): string {
  return JSON.stringify({
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: `vodup emulator: see the @vodup/emulator README for ${error.code}`,
  })
}

/** Constructors for the errors the emulator sends, with the gateway's statuses and messages. */
export const rpcError = {
  missing: (parameter: string) =>
    new RpcError(400, `Missing${parameter}`, `${parameter} is mandatory for this action.`),
  invalidParameter: (
    parameter: string,
    message = `The specified parameter ${parameter} is not valid.`,
  ) => new RpcError(400, 'InvalidParameter', message),
  actionNotFound: () =>
    new RpcError(
      404,
      'InvalidAction.NotFound',
      'Specified api is not found, please check your url and method.',
    ),
  invalidVersion: () =>
    new RpcError(400, 'InvalidVersion', 'Specified parameter Version is not valid.'),
  signatureMethod: () =>
    new RpcError(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.'),
  signatureVersion: () =>
    new RpcError(400, 'InvalidSignatureVersion', 'Specified signature version is not supported.'),
  timestampFormat: () =>
    new RpcError(
      400,
      'InvalidTimeStamp.Format',
      'Specified time stamp or date value is not well formatted.',
    ),
  timestampExpired: () =>
    new RpcError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.'),
  accessKeyNotFound: () =>
    new RpcError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
  tokenExpired: () =>
    new RpcError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.'),
  tokenMismatch: () =>
    new RpcError(
      400,
      'InvalidSecurityToken.MismatchWithAccessKey',
      'Specified SecurityToken mismatch with the AccessKey.',
    ),
  signatureMismatch: (stringToSign: string) =>
    new RpcError(
      400,
      'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    ),
  nonceUsed: () =>
    new RpcError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.'),
  forbidden: () =>
    new RpcError(
      403,
      'Forbidden.RAM',
      "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
    ),
  videoNotFound: () => new RpcError(404, 'InvalidVideo.NotFound', 'The video does not exist.'),
  fileExtension: () =>
    new RpcError(400, 'InvalidFileName.Extension', 'The file extension is not supported.'),
}
