import { chain, chord } from 'celeriac'
import { add, countPrimes, errorCallback, failingTask, mul, resultCallback, tsum } from './tasks.ts'

/** The scenarios of the demo, in order: each sends its tasks and returns the handle to wait on. */
export const scenarios = [
  {
    title: 'link: add(10, 20) → result_callback',
    run: () => add.applyAsync([10, 20], { link: resultCallback.s() }),
  },
  {
    title: 'link_error: failing_task() → error_callback',
    run: () => failingTask.applyAsync([], { linkError: errorCallback.s() }),
  },
  {
    title: 'both: add(10, 20) with link and link_error',
    run: () => add.applyAsync([10, 20], { link: resultCallback.s(), linkError: errorCallback.s() }),
  },
  {
    title: 'chain: add(5, 10) | result_callback',
    run: () => chain(add.s(5, 10), resultCallback.s()).applyAsync(),
  },
  {
    title: 'chain that fails: add(1, 1) | failing_task | mul(2)',
    run: () => {
      const steps = chain(add.s(1, 1), failingTask.si(), mul.s(2))
      steps.linkError(errorCallback.s())
      return steps.applyAsync()
    },
  },
  {
    title: 'chord: [add(1, 1), add(2, 2), count_primes(2,000,000)] → tsum',
    run: () => chord([add.s(1, 1), add.s(2, 2), countPrimes.s(2_000_000)], tsum.s()).applyAsync(),
  },
]
