export type { MiniProgramGlobals } from './miniprogram-vm'
export {
  bundleForMiniProgram,
  createMiniProgramContext,
  loadInMiniProgram,
  runInMiniProgram,
} from './miniprogram-vm'
export { nodeTestTransport } from './node-test-transport'
