import { startWebExample } from './web-example'

const example = await startWebExample(Number(process.env.PORT ?? 8081))
console.log(
  `Open ${example.url} (app server ${example.appServer.url}${
    example.appServer.emulator ? `, emulator ${example.appServer.emulator.url}` : ''
  }). Ctrl-C stops.`,
)
process.on('SIGINT', () => {
  void example.stop().then(() => process.exit(0))
})
