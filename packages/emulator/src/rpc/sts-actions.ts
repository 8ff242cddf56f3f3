import { randomInt } from 'node:crypto'
import { rpcError } from './errors.js'
import { isoSeconds, type RpcAction } from './rpc-deps.js'

const ROLE_ARN = /^acs:ram::(\d+):role\/([\w.@-]+)$/i
const SESSION_NAME = /^[\w.@-]{2,64}$/

/** AssumeRole: temporary STS credentials, valid for DurationSeconds capped by the emulator's token TTL. */
export const assumeRole: RpcAction = async (params, deps) => {
  const roleArn = params.get('RoleArn')
  if (!roleArn) throw rpcError.missing('RoleArn')
  const role = ROLE_ARN.exec(roleArn)
  if (!role) throw rpcError.invalidParameter('RoleArn', 'The parameter RoleArn is wrongly formed.')
  const sessionName = params.get('RoleSessionName')
  if (!sessionName) throw rpcError.missing('RoleSessionName')
  if (!SESSION_NAME.test(sessionName)) {
    throw rpcError.invalidParameter(
      'RoleSessionName',
      'The parameter RoleSessionName is wrongly formed.',
    )
  }
  const durationText = params.get('DurationSeconds')
  const duration = durationText === undefined ? 3600 : Number(durationText)
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw rpcError.invalidParameter(
      'DurationSeconds',
      'The Min/Max value of DurationSeconds is 15min/12hr.',
    )
  }
  const credential = await deps.credentials.issue('sts', Math.min(duration, deps.tokenTtlSeconds))
  const roleId = `${randomInt(100_000, 1_000_000)}${randomInt(1e9, 1e10)}`
  return {
    AssumedRoleUser: {
      AssumedRoleId: `${roleId}:${sessionName}`,
      Arn: `${roleArn}/${sessionName}`,
    },
    Credentials: {
      SecurityToken: credential.securityToken,
      AccessKeyId: credential.accessKeyId,
      AccessKeySecret: credential.accessKeySecret,
      Expiration: isoSeconds(credential.expiresAt ?? deps.clock.now()),
    },
  }
}
