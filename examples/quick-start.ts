import { chain, createApp, type TaskRequest } from 'celeriac'

const app = createApp() // in-memory broker and results; task bodies run in this thread

class ValueError extends Error {
  override name = 'ValueError'
}

const add = app.task('add', (x: number, y: number) => x + y)
const resultCallback = app.task('result_callback', (result: number) => {
  console.log(`Task completed with result: ${result}`)
})
const failingTask = app.task('failing_task', () => {
  throw new ValueError('Something went wrong!')
})
const errorCallback = app.task(
  'error_callback',
  (request: TaskRequest, exc: Error, traceback: string | null) => {
    console.log(`Task ${request.task} failed! Exception: ${exc.message}`)
    console.log(traceback?.split('\n')[0])
  },
)

// 1. A success callback: result_callback runs with add's result, 30.
const sum = add.applyAsync([10, 20], { link: resultCallback.s() })
await sum.get()

// 2. An error callback: error_callback runs with (request, exc, traceback).
const failed = failingTask.applyAsync([], { linkError: errorCallback.s() })
await failed.get({ propagate: false })

// 3. Reading results later, by id.
const later = app.result(sum.id)
await later.refresh()
console.log(later.state, later.result, later.successful())
const failure = await app.result(failed.id).refresh()
console.log(failure.state, failure.failed(), failure.traceback?.startsWith('ValueError'))
console.log((await app.result('no-such-id').refresh()).state)

// 4. Callbacks in a chain: add(5, 10), then result_callback(15).
await chain(add.s(5, 10), resultCallback.s()).applyAsync().get()

// 5. Both callbacks on one task: only the one that fits runs.
const both = add.applyAsync([10, 20], { link: resultCallback.s(), linkError: errorCallback.s() })
console.log(await both.get(), both.children.length)

// The rule: callbacks must be tasks. A plain function is refused at the call.
try {
  add.applyAsync([1, 2], { link: ((result: number) => console.log(result)) as never })
} catch (error) {
  console.log((error as Error).message.split(';')[0])
}

await app.close()
