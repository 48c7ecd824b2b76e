// workerpool 10's worker side (its browser build, bundled by Vite).
import workerpool from 'workerpool'

workerpool.worker({ add: (x: number, y: number) => x + y })
