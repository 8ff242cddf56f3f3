import { ossError } from './errors.js'

/** A decoded PostObject policy. */
export interface PostPolicy {
  expiration: number
  conditions: unknown[]
}

/** Decodes and validates the base64 policy form field. */
export function decodePolicy(policyBase64: string): PostPolicy {
  let document: { expiration?: unknown; conditions?: unknown }
  try {
    document = JSON.parse(Buffer.from(policyBase64, 'base64').toString('utf8'))
  } catch {
    throw ossError.invalidPolicyDocument('Invalid Policy: Invalid JSON.')
  }
  if (typeof document?.expiration !== 'string') {
    throw ossError.invalidPolicyDocument("Invalid Policy: Invalid 'expiration' value: missing.")
  }
  const expiration = Date.parse(document.expiration)
  if (Number.isNaN(expiration)) {
    throw ossError.invalidPolicyDocument(
      `Invalid Policy: Invalid 'expiration' value: '${document.expiration}'.`,
    )
  }
  if (!Array.isArray(document.conditions)) {
    throw ossError.invalidPolicyDocument(
      'Invalid Policy: Invalid Simple-Condition: conditions must be a list.',
    )
  }
  return { expiration, conditions: document.conditions }
}

const failed = (condition: unknown) =>
  ossError.accessDenied(
    `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`,
  )

/** Checks every condition but `content-length-range` against the form fields (lower-case names). */
export function checkPolicyConditions(policy: PostPolicy, fields: Map<string, string>): void {
  for (const condition of policy.conditions) {
    if (Array.isArray(condition)) {
      const [operator, field, value] = condition as [unknown, unknown, unknown]
      const op = String(operator).toLowerCase()
      if (op === 'content-length-range') continue
      const name = String(field).replace(/^\$/, '').toLowerCase()
      const actual = fields.get(name) ?? ''
      const ok =
        op === 'eq'
          ? actual === String(value)
          : op === 'starts-with'
            ? actual.startsWith(String(value))
            : op === 'in'
              ? Array.isArray(value) && value.map(String).includes(actual)
              : op === 'not-in'
                ? Array.isArray(value) && !value.map(String).includes(actual)
                : undefined
      if (ok === undefined)
        throw ossError.invalidPolicyDocument(
          `Invalid Policy: Invalid Condition: ${JSON.stringify(condition)}`,
        )
      if (!ok) throw failed(condition)
    } else if (condition && typeof condition === 'object') {
      const entries = Object.entries(condition as Record<string, unknown>)
      if (entries.length !== 1) {
        throw ossError.invalidPolicyDocument(
          'Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.',
        )
      }
      const [name, value] = entries[0]!
      if ((fields.get(name.toLowerCase()) ?? '') !== String(value)) throw failed(condition)
    } else {
      throw ossError.invalidPolicyDocument(
        `Invalid Policy: Invalid Condition: ${JSON.stringify(condition)}`,
      )
    }
  }
}

/** Checks the size against a `content-length-range` condition, if the policy has one. */
export function checkContentLength(policy: PostPolicy, size: number): void {
  for (const condition of policy.conditions) {
    if (!Array.isArray(condition) || String(condition[0]).toLowerCase() !== 'content-length-range')
      continue
    const min = Number(condition[1])
    const max = Number(condition[2])
    if (size > max) throw ossError.entityTooLarge()
    if (size < min) throw ossError.entityTooSmall()
  }
}
