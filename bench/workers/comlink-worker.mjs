// comlink over worker_threads: one call per task. (The endpoint is comlink's Node
// adapter, written out: the package's deep import lives only in node/node-endpoint.ts.)
import { parentPort } from 'node:worker_threads'
import { expose } from 'comlink'

const endpoint = {
  postMessage: (message, transfer) => parentPort.postMessage(message, transfer),
  addEventListener: (_type, listener) => parentPort.on('message', (data) => listener({ data })),
  removeEventListener: () => {},
}
expose({ add: (x, y) => x + y }, endpoint)
