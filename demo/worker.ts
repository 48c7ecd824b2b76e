// A Web Worker of the demo's pool: the same tasks as the page, served to the pool.
import { createApp } from 'celeriac'
import { serve } from 'celeriac/web'
import { APP_NAME, defineTasks } from './tasks.ts'

serve(defineTasks(createApp({ name: APP_NAME })).app)
