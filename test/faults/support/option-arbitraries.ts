import fc from 'fast-check'

const notNumber = fc.oneof(
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.constant(true),
  fc.array(fc.integer(), { minLength: 1, maxLength: 2 }),
  fc.constant({ value: 4 }),
)
const fractional = fc
  .double({ min: -1e9, max: 1e9, noNaN: true })
  .filter((v) => !Number.isInteger(v) && v !== 0)
const notFinite = fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)

/** Values a "whole number of at least 1" option refuses (0, NaN and null included). */
export const notPositiveWhole = fc.oneof(
  fc.integer({ min: -1e9, max: 0 }),
  fractional,
  notFinite,
  fc.constantFrom(Number.NaN, null),
  notNumber,
)

/** Values a "whole number of at least 0" option refuses. */
export const notNonNegativeWhole = fc.oneof(
  fc.integer({ min: -1e9, max: -1 }),
  fractional,
  notFinite,
  fc.constantFrom(Number.NaN, null),
  notNumber,
)

/**
 * Values VODUpload refuses for partSize, parallel and timeout. Falsy values (0, null, NaN, '') are not among them:
 * VODUpload takes them as "use the default", and so does vodup's drop-in.
 */
export const vodUploadBadWhole = fc.oneof(
  fc.integer({ min: -1e9, max: -1 }),
  fractional,
  notFinite,
  notNumber,
)

/** Not true or false (nor undefined). */
export const notBoolean = fc.oneof(
  fc.integer(),
  fc.string({ minLength: 1, maxLength: 5 }),
  fc.constant(null),
  fc.constant({}),
)

/** One option set to a bad value; the others left out. */
export function oneBadOption(
  fields: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<{ field: string; options: Record<string, unknown> }> {
  return fc
    .constantFrom(...Object.keys(fields))
    .chain((field) => fields[field].map((value) => ({ field, options: { [field]: value } })))
}
