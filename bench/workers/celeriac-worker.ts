import { serve } from '../../node/serve.ts'
import { app } from './bench-tasks.ts'

serve(app)
