/**
 * File inputs of the conformance suite as a page has them: a `File`. A chosen file can be neither rewritten nor
 * missing, so there is no `change` and no `missing` (those cases are skipped).
 */
export const conformanceFiles = {
  create: (name: string, bytes: Uint8Array) =>
    new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/octet-stream' }),
}
