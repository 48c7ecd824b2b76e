import { serve } from '../../node/serve.ts'
import { createApp } from '../../src/index.ts'

// The benchmark's worker: the same `add` the main thread's app registers.
const app = createApp({ name: 'bench' })
app.task('add', (x: number, y: number) => x + y)
serve(app)
