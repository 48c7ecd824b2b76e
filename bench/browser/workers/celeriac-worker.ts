// celeriac's Web Worker for the benchmark: serves the `add` task.
import { serve } from '../../../web/serve.ts'
import { benchApp } from './bench-tasks.ts'

serve(benchApp('browser-pool-bench').app)
