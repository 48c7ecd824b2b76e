// `npm run demo`: build the demo, then serve the build on 127.0.0.1 until Ctrl-C.
import { fileURLToPath } from 'node:url'
import { build, preview } from 'vite'

const configFile = fileURLToPath(new URL('../vite.config.ts', import.meta.url))

function requestedPort() {
  const raw = process.env.PORT ?? '5173'
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(raw)}`)
  }
  return port
}

const port = requestedPort()
await build({ configFile })
// strictPort false: if the port is taken, Vite moves on to the next free one.
const server = await preview({
  configFile,
  preview: { host: '127.0.0.1', port, strictPort: false },
})
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`
console.log(`\nceleriac demo: ${url}  (Ctrl-C to stop)`)

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0))
  })
}
