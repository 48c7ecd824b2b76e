// The floor: answer each { id, x, y } message with { id, value }, nothing else.
import { parentPort } from 'node:worker_threads'

parentPort.on('message', ({ id, x, y }) => parentPort.postMessage({ id, value: x + y }))
