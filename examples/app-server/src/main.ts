// Starts the app server: npm start -w examples/app-server (see README.md for the environment variables).
import { startAppServer } from './start'

const running = await startAppServer(process.env, (line) => console.log(line))
const target = running.emulator
  ? `the local emulator at ${running.emulator.url}`
  : running.config.vodEndpoint
console.log(`vodup app server on ${running.url}, issuing credentials from ${target}`)
console.log(`AccessKey ${running.config.accessKeyId} (its secret stays here)`)
console.log(
  `POST ${running.url}/upload-auth${running.config.roleArn ? `, POST ${running.url}/sts-token` : ''}`,
)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running.stop().then(() => process.exit(0))
  })
}
