export { decodeBase64Json } from './base64-json'
export { onFileRunEnd } from './file-run-end'
export type { Letter } from './mailbox'
export { checkFileId, Mailbox } from './mailbox'
export { assertNotEmpty, isImageFile } from './media-kind'
export type { UploadAuthOptions } from './options'
export { validateUploadAuthOptions } from './options'
export type { UploadAuthPlugin } from './plugin'
export { uploadAuth } from './plugin'
export type { CredentialRequest, UploadAuthHooks } from './plugin-hooks'
export { getUploadAuthHooks } from './plugin-hooks'
export { decodeUploadAddress, normalizeEndpoint } from './upload-address'
export type { DecodedUploadAuth } from './upload-auth'
export { decodeUploadAuth } from './upload-auth'
export type {
  DecodedAnswer,
  UploadAuthAnswer,
  UploadAuthFields,
  VodUploadResponse,
} from './upload-auth-answer'
export { decodeAnswer, toAuthorization } from './upload-auth-answer'
