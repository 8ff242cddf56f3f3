export type { AssumeRoleCredentials, StsToken, StsTokenFields } from '@vodup/vod'
export type { StsOptions } from './options'
export type { StsPlugin } from './plugin'
export { sts } from './plugin'
