import workerpool from 'workerpool'

workerpool.worker({ add: (x, y) => x + y })
