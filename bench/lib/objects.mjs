// Removes an uploaded object from the emulator after its run, so the server's memory stays flat across runs.
import { ossV1Authorization } from '@vodup/target-oss/internal'
import { request } from 'undici'

/** `DELETE /bucket/key`, signed with the account keys. */
export async function deleteObject({ url, bucket, key, accessKeyId, accessKeySecret }) {
  const headers = { 'x-oss-date': new Date().toUTCString() }
  headers.authorization = ossV1Authorization(
    { method: 'DELETE', bucket, objectKey: key, query: {}, headers },
    { accessKeyId, accessKeySecret },
  )
  const response = await request(`${url}/${bucket}/${key}`, { method: 'DELETE', headers })
  await response.body.text()
  if (response.statusCode >= 300) throw new Error(`DELETE ${key}: ${response.statusCode}`)
}
