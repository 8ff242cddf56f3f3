// Uploads a file to S3 with vodup. Without S3_ENDPOINT it starts a local s3rver and uploads 12 MiB of noise.
//   npm run demo -w examples/plugin-s3 [-- ./movie.mp4]
//   S3_ENDPOINT=https://s3.eu-west-1.amazonaws.com S3_REGION=eu-west-1 S3_BUCKET=my-bucket \
//   AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... npm run demo -w examples/plugin-s3 -- ./movie.mp4
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createUploader } from '@vodup/core'
import { nodeTransport } from '@vodup/transport-node'
import { s3Credentials, s3Target } from './src/index'
import { startS3TestServer } from './test/s3-test-server'

const local = process.env.S3_ENDPOINT ? undefined : await startS3TestServer()
const path = process.argv[2] ?? join(tmpdir(), 'vodup-s3-demo.bin')
if (!process.argv[2]) writeFileSync(path, randomBytes(12 * 1024 * 1024))

const uploader = createUploader([
  nodeTransport(),
  s3Target(),
  s3Credentials({
    endpoint: local?.endpoint ?? String(process.env.S3_ENDPOINT),
    region: local?.region ?? process.env.S3_REGION ?? 'us-east-1',
    bucket: local?.bucket ?? String(process.env.S3_BUCKET),
    credentials: {
      accessKeyId: local?.accessKeyId ?? String(process.env.AWS_ACCESS_KEY_ID),
      secretAccessKey: local?.secretAccessKey ?? String(process.env.AWS_SECRET_ACCESS_KEY),
      sessionToken: process.env.AWS_SESSION_TOKEN,
    },
  }),
])
uploader.hooks.progress.tap('demo', (file, p) =>
  console.log(`${file.name} ${p.percent.toFixed(1)} %`),
)

try {
  const result = await uploader.upload({ path })
  console.log(
    `Uploaded s3://${result.bucket}/${result.objectKey} (${result.partsSent} parts, ETag ${result.etag})`,
  )
} finally {
  await uploader.dispose()
  await local?.stop()
}
