// comlink in a Web Worker: one call per task.
import { expose } from 'comlink'

expose({ add: (x: number, y: number) => x + y })
