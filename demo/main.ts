import { html } from 'htm/preact'
import { render } from 'preact'
import { Session } from './model/session.ts'
import { AppView } from './views/app-view.ts'
import './style.css'
import './panels.css'
import './sidebar.css'
import './graph.css'
import './timeline.css'
import './responsive.css'

/** Web Workers to start with: one per core, at most four, so a group visibly spreads out. */
const workers = Math.min(4, Math.max(1, navigator.hardwareConcurrency || 2))

const session = new Session(workers)
render(html`<${AppView} session=${session} />`, document.querySelector('#app')!)
