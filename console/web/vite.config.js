import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const stub = fileURLToPath(new URL('./src/node-stub.js', import.meta.url));

// The official `rethinkdb` driver is used only to build queries (term.build()); its connection
// code needs Node's net, tls and crypto, never reached in the browser, so they are stubbed.
export default defineConfig({
  base: './',
  resolve: {
    alias: { net: stub, tls: stub, crypto: stub, events: 'events' },
  },
  build: { chunkSizeWarningLimit: 2000, target: 'es2020' },
});
