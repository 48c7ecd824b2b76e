import { createApp } from 'celeriac'
import { serve } from 'celeriac/node'

// The benchmark's worker: the same `add` the main thread's app registers.
const app = createApp({ name: 'bench' })
app.task('add', (x, y) => x + y)
serve(app)
