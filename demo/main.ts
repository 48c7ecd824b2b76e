import { type Remote, wrap } from 'comlink'
import type { DemoTasks } from './worker.ts'

// Placeholder until the core lands: then this becomes an app from 'celeriac'
// configured with a WebWorkerPool from 'celeriac/web', and the click `add.delay(10, 20)`.
let tasks: Remote<DemoTasks> | undefined

function worker(): Remote<DemoTasks> {
  tasks ??= wrap<DemoTasks>(
    new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'celeriac-demo' }),
  )
  return tasks
}

const button = document.querySelector<HTMLButtonElement>('#run')!
const output = document.querySelector<HTMLOutputElement>('#result')!

button.addEventListener('click', async () => {
  output.textContent = 'running…'
  try {
    output.textContent = `add(10, 20) = ${await worker().add(10, 20)}`
  } catch (error) {
    output.textContent = `failed: ${error}`
  }
})
