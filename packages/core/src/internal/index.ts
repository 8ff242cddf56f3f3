/**
 * Internal to vodup: kernel pieces that vodup's own tests check directly (the hook table, the part planner, the
 * bound on error messages). Not covered by semver: names and signatures change in any release. Apps and plugins
 * use `@vodup/core`; test kits are on `@vodup/core/testing`.
 *
 * @module
 */
export type { TapFailureReporter } from '../contain-taps'
export { MAX_ERROR_MESSAGE_LENGTH } from '../errors'
export { createHooks } from '../hooks'
export type { PlannedPart } from '../part-plan'
export { fitPartSize, partRanges, planParts } from '../part-plan'
