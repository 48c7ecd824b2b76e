import { serve } from 'celeriac/node'
import { app } from './tasks.ts'

serve(app)
