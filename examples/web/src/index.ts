export type { WebExample } from './web-example'
export { startWebExample } from './web-example'
