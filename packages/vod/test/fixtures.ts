import fc from 'fast-check'
import { expect } from 'vitest'
import { encodeJson, uploadErrorThrownBy } from '#test-support'

/**
 * Asserts that `decode` refuses the encoded `fields()` with any one of `names` left out or set to a `notText` value,
 * with AUTH_INVALID naming `<prefix>.<name>`.
 */
export function assertEachFieldNamed(check: {
  decode: (text: string) => unknown
  fields: () => Record<string, unknown>
  names: readonly string[]
  prefix: string
  notText: fc.Arbitrary<unknown>
}): void {
  fc.assert(
    fc.property(
      fc.constantFrom(...check.names),
      fc.option(check.notText, { nil: undefined }),
      (field, value) => {
        const fields = check.fields()
        if (value === undefined) delete fields[field]
        else fields[field] = value
        const error = uploadErrorThrownBy(() => check.decode(encodeJson(fields)))
        expect(error.code).toBe('AUTH_INVALID')
        expect(error.field).toBe(`${check.prefix}.${field}`)
      },
    ),
  )
}

export {
  addressFields,
  authFields,
  encodeJson,
  uploadAddressFor,
  uploadAuthFor,
} from '#test-support'
