import { createApp, transfer } from 'celeriac'
import { serve } from 'celeriac/node'

// The benchmark's worker: the same tasks the main thread's apps register.
const app = createApp({ name: 'bench' })
app.task('add', (x, y) => x + y)
app.task('noop', () => null)
app.task('echo_moved', (buffer) => transfer(buffer, [buffer]))
app.task('echo_copied', (buffer) => buffer)
serve(app)
