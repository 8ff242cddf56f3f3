import { type Emulator, startEmulator } from '@vodup/emulator'
import { type AppServerConfig, configFromEnv, EMULATOR_ROLE_ARN, type Environment } from './config'
import { createAppServer, type RequestLogger } from './server'

/** A running app server, and the emulator it started when no cloud was configured. */
export interface RunningAppServer {
  url: string
  config: AppServerConfig
  emulator?: Emulator
  stop(): Promise<void>
}

/**
 * Starts the app server from environment variables. Without `ALIBABA_CLOUD_ACCESS_KEY_ID` and `VOD_ENDPOINT` it
 * starts a local `@vodup/emulator` and signs with the emulator's account keys.
 */
export async function startAppServer(
  env: Environment = process.env,
  log: RequestLogger = () => {},
): Promise<RunningAppServer> {
  let emulator: Emulator | undefined
  let config = configFromEnv(env)
  if (!config) {
    emulator = await startEmulator({ port: 0 })
    config = {
      ...(configFromEnv({
        ...env,
        ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret,
        VOD_ENDPOINT: emulator.url,
        STS_ENDPOINT: emulator.url,
        VOD_REGION: emulator.region,
      }) as AppServerConfig),
      roleArn: env.ROLE_ARN || EMULATOR_ROLE_ARN,
    }
  }
  const app = createAppServer(config, log)
  const url = await app.listen()
  return {
    url,
    config,
    emulator,
    async stop() {
      await app.close()
      await emulator?.stop()
    },
  }
}
