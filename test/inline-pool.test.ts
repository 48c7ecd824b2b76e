import { executeJob } from '../src/execute.ts'
import { InlinePool } from '../src/inline-pool.ts'
import { poolContract } from './contracts/pool-contract.ts'
import { app } from './fixtures/pool-tasks.ts'

poolContract(
  'InlinePool',
  () => {
    const pool = new InlinePool()
    pool.bind((job, io) => executeJob((name) => app.tasks.get(name), job, io))
    return pool
  },
  { movesBuffers: false, stopsBlockingBodies: false },
)
