import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { selfImports } from './self-imports.ts'

/** The demo app. Tests have their own vitest.config.ts and never read this. */
export default defineConfig({
  // Absolute, so `vite` and demo/serve.mjs work from any working directory.
  root: fileURLToPath(new URL('./demo', import.meta.url)),
  build: { outDir: '../dist/demo', emptyOutDir: true },
  worker: { format: 'es' },
  resolve: { alias: selfImports },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
})
