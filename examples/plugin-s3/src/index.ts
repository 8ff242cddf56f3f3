export type { S3Credentials, S3CredentialsOptions } from './s3-credentials'
export { s3Credentials } from './s3-credentials'
export type { S3TargetOptions } from './s3-target'
export { createS3Target, S3_LIMITS, s3Target } from './s3-target'
